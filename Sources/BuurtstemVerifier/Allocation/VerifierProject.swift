/// A project as the verifier sees it.
public struct VerifierProject: Sendable, Equatable {
    /// The project id, compared as UTF-8 bytes by the tie-breaks.
    public let id: String
    /// The cost in money units.
    public let cost: Int64
    /// The area whose cap it counts against (`VerifierElection.areaCaps`), if any.
    public let area: String?

    /// The category whose budget it counts against (`VerifierElection.categoryBudgets`), if any.
    public let category: String?
    /// A project `id` costing `cost` money units, in `area` for the caps and `category` for the category budgets.
    public init(id: String, cost: Int64, area: String? = nil, category: String? = nil) {
        self.id = id
        self.cost = cost
        self.area = area
        self.category = category
    }
}
