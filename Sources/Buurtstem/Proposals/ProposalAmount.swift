import GRDB

/// One line of a proposal's cost breakdown (table `proposalCost`) or one co-funder's contribution (table
/// `proposalCoFunder`): a name and an amount in cents, in the order given.
public struct ProposalAmount: Sendable, Codable, Equatable, FetchableRecord {
    /// Which of a proposal's two lists of amounts.
    enum List: String {
        /// The cost breakdown; it adds up to the requested amount.
        case costs = "proposalCost"
        /// The co-funders.
        case coFunders = "proposalCoFunder"
    }

    /// What it is for, or who gives it.
    public var name: String
    /// The amount in cents, above 0.
    public var cents: Int64

    /// An amount.
    public init(name: String, cents: Int64) {
        self.name = name
        self.cents = cents
    }

    /// Stores `amounts` as proposal `proposal`'s `list`, in order.
    static func insert(_ amounts: [ProposalAmount], as list: List, proposal: Int64, _ db: Database) throws {
        for (position, amount) in amounts.enumerated() {
            try db.execute(sql: "INSERT INTO \(list.rawValue) (proposalId, position, name, cents) VALUES (?, ?, ?, ?)",
                           arguments: [proposal, position, amount.name, amount.cents])
        }
    }

    /// Proposal `proposal`'s `list`, in order.
    static func fetch(_ list: List, proposal: Int64, _ db: Database) throws -> [ProposalAmount] {
        try ProposalAmount.fetchAll(db, sql: "SELECT name, cents FROM \(list.rawValue) WHERE proposalId = ? ORDER BY position",
                                    arguments: [proposal])
    }
}
