import BuurtstemRecord
import Foundation
import GRDB

extension Proposal {
    /// Moves proposal `id` to `status`, one named step forward, and logs it with `note`.
    ///
    /// A move back, a skipped step or a move out of a final step is refused with the steps that may follow; the
    /// toetsing's outcomes (`admitted`, `rejected`) come only from ``ProposalDecision/decide(proposal:in:now:)``.
    public static func move(_ id: Int64, to status: ProposalStatus, note: String = "", in store: Store, now: Date = Date()) throws -> Proposal {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= 2000 else { throw BuurtstemError(.badInput, "the note has \(note.count) characters; keep it to 2000") }
        return try store.write { db in
            guard var proposal = try Proposal.fetchOne(db, key: id) else {
                throw BuurtstemError(.notFound, "there is no proposal \(id)", remedy: .listProposals)
            }
            try proposal.move(to: status, note: note, now: now, db)
            return proposal
        }
    }

    /// Moves this proposal one step within the transaction `db`, logging it (see ``move(_:to:note:in:now:)``).
    mutating func move(to status: ProposalStatus, note: String, now: Date, _ db: Database) throws {
        guard !status.isDecisionOutcome else {
            throw BuurtstemError(.badInput, "'\(status.dutch)' is the toetsing's decision: deciding the proposal takes it from the judged criteria",
                                 remedy: .decideProposal(proposal: id ?? 0))
        }
        try requireStep(to: status)
        try ProposalLog.append(.status(from: self.status, to: status, note: note), proposal: id!, now: now, db)
        self.status = status
        try update(db)
    }

    /// Withdraws proposal `id` (ingetrokken): possible until the funding decision.
    public static func withdraw(_ id: Int64, note: String = "", in store: Store, now: Date = Date()) throws -> Proposal {
        try move(id, to: .withdrawn, note: note, in: store, now: now)
    }

    /// Throws unless `status` is one of the steps that may follow the current one.
    func requireStep(to status: ProposalStatus) throws {
        guard self.status.nextSteps.contains(status) else {
            let next = self.status.nextSteps
            let allowed = next.isEmpty ? "it is final: no step follows '\(self.status.dutch)'"
                : "from '\(self.status.dutch)' it can only move to " + next.map { "'\($0.dutch)' (\($0.rawValue))" }.joined(separator: " or ")
            let direction = status == self.status ? "it is already there" : "a status moves only forward, one named step at a time"
            throw BuurtstemError(.wrongState, "proposal \(id ?? 0) cannot move from '\(self.status.dutch)' to '\(status.dutch)': \(direction); \(allowed)")
        }
    }
}
