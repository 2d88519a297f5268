import GRDB

/// One wijkperspectief goal a proposal serves, in the order given.
public struct ProposalGoal: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    /// The proposal.
    public var proposalId: Int64
    /// Position in the list, from 0.
    public var position: Int64
    /// The goal as the wijkperspectief words it.
    public var goal: String

    public static let databaseTableName = "proposalGoal"
}
