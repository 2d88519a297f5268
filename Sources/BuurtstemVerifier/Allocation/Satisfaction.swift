/// What a supporter gains from a funded project: it scores the greedy rules and weighs MES payments.
enum Satisfaction: String, Sendable, CaseIterable {
    /// The project's cost.
    case cost
    /// 1.
    case cardinality
    /// The points the voter gave the project (1 on approval ballots).
    case cardinal

    /// The utility of a supporter who gave `points` to a project costing `cost`.
    func utility(points: Int64, cost: Int64) -> Int64 {
        switch self {
        case .cost: cost
        case .cardinality: 1
        case .cardinal: points
        }
    }
}
