/// A project as the verifier sees it.
public struct VerifierProject: Sendable, Equatable {
    /// The project id, compared as UTF-8 bytes by the tie-breaks.
    public let id: String
    /// The cost in money units.
    public let cost: Int64

    /// A project `id` costing `cost` money units.
    public init(id: String, cost: Int64) {
        self.id = id
        self.cost = cost
    }
}
