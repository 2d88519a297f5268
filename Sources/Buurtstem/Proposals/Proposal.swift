import BuurtstemRecord
import Foundation
import GRDB

/// An aanvraag: a residents' proposal for their wijk or buurt, from intake to execution (docs/proposals.md).
///
/// The initiatiefnemer's ``contact`` stays in the store: it is never in the log, the record or an export, and
/// `--json` shows it only when asked for.
public struct Proposal: Sendable, Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// Sequential number.
    public var id: Int64?
    /// The buurt or wijk it is for (a CBS code from the store's areas).
    public var areaCode: String
    /// A short title.
    public var title: String
    /// What it is and why.
    public var description: String
    /// How the gemeente reaches the initiatiefnemer (never published).
    public var contact: String
    /// The requested amount in cents: the sum of the cost breakdown.
    public var requestedCents: Int64
    /// Eigen inbreng: hours of residents' own work.
    public var ownHours: Int64
    /// Eigen inbreng: money, in cents.
    public var ownCents: Int64
    /// Where it is in the cycle; moves only forward.
    public var status: ProposalStatus
    /// When it was received.
    public var createdAt: Date

    public static let databaseTableName = "proposal"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension Store {
    /// Proposal `id`, or an error saying how to find one.
    public func proposal(_ id: Int64) throws -> Proposal {
        guard let proposal = try read({ try Proposal.fetchOne($0, key: id) }) else {
            throw BuurtstemError(.notFound, "there is no proposal \(id)", remedy: .listProposals)
        }
        return proposal
    }
}
