/// How a resident fills in a ballot, with the type's limits.
public enum BallotType: Sendable, Equatable, Codable {
    /// Exactly one project.
    case chooseOne
    /// Between `min` and `max` projects.
    case approval(min: Int, max: Int)
    /// Any projects whose total cost fits in the contest's budget (at least one).
    case knapsack
    /// Spread up to `points` points over projects, at most `maxPerProject` on one (nil: no limit).
    case cumulative(points: Int, maxPerProject: Int?)
    /// Rank between 1 and `max` projects, best first.
    case ranking(max: Int)

    /// The name used in election files, the record and the CLI.
    public var name: String {
        switch self {
        case .chooseOne: "choose-1"
        case .approval: "approval"
        case .knapsack: "knapsack"
        case .cumulative: "cumulative"
        case .ranking: "ranking"
        }
    }

    /// The type's code in canonical bytes.
    var code: UInt8 {
        switch self {
        case .chooseOne: 1
        case .approval: 2
        case .knapsack: 3
        case .cumulative: 4
        case .ranking: 5
        }
    }
}
