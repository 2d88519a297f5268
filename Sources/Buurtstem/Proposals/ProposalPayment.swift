import BuurtstemRecord
import Foundation
import GRDB

/// A payment to a funded proposal for a milestone delivered (table `proposalPayment`), an entry of the proposals log.
///
/// A funded proposal is funded at its requested amount, or at less when it was funded so
/// (``Proposal/fund(_:amountCents:reason:in:now:)``): the payments never add up to more; what is not paid when it is
/// uitgevoerd or gestopt flows back (``ProposalDetails/returnedCents``).
public struct ProposalPayment: Sendable, Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// Row id.
    public var id: Int64?
    /// The proposal.
    public var proposalId: Int64
    /// The amount in cents.
    public var amountCents: Int64
    /// What was delivered.
    public var milestone: String
    /// An optional reference to evidence: a photo's file name or address (published).
    public var evidence: String
    /// When it was paid.
    public var timeMillis: Int64

    public static let databaseTableName = "proposalPayment"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Pays `amountCents` to proposal `id` (gefinancierd or in uitvoering) for `milestone`, logging it.
    ///
    /// Refused when the payments would exceed the funded (requested) amount, with what is left.
    public static func pay(proposal id: Int64, amountCents: Int64, milestone: String, evidence: String = "",
                           in store: Store, now: Date = Date()) throws -> ProposalPayment {
        let milestone = milestone.trimmingCharacters(in: .whitespacesAndNewlines)
        let evidence = evidence.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...500).contains(milestone.count) else {
            throw BuurtstemError(.badInput, "a payment's milestone needs 1 to 500 characters: what was delivered, e.g. 'toestellen geplaatst' (published)")
        }
        guard evidence.count <= 500 else { throw BuurtstemError(.badInput, "a payment's evidence is longer than 500 characters") }
        guard amountCents > 0, amountCents <= Money.maximumCents else {
            throw BuurtstemError(.badInput, "a payment's amount must be above 0 and at most EUR \(Money.plain(Money.maximumCents))")
        }
        return try store.write { db in
            guard let proposal = try Proposal.fetchOne(db, key: id) else {
                throw BuurtstemError(.notFound, "there is no proposal \(id)", remedy: .listProposals)
            }
            guard [.funded, .inExecution].contains(proposal.status) else {
                throw BuurtstemError(.wrongState, "proposal \(id) is '\(proposal.status.dutch)': only a proposal that is gefinancierd or in uitvoering is paid")
            }
            let paid = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(amountCents), 0) FROM proposalPayment WHERE proposalId = ?", arguments: [id]) ?? 0
            let funded = try Proposal.fundedCents(proposal, db)
            guard paid + amountCents <= funded else {
                throw BuurtstemError(.badInput, "paying \(Money.format(amountCents)) would bring proposal \(id)'s payments to \(Money.format(paid + amountCents)), above the funded \(Money.format(funded)); at most \(Money.format(funded - paid)) is left")
            }
            let entry = try ProposalLog.append(.payment(amountCents: UInt64(amountCents), milestone: milestone, evidence: evidence),
                                               proposal: id, now: now, db)
            var payment = ProposalPayment(id: nil, proposalId: id, amountCents: amountCents, milestone: milestone, evidence: evidence,
                                          timeMillis: entry.timeMillis)
            try payment.insert(db)
            return payment
        }
    }
}
