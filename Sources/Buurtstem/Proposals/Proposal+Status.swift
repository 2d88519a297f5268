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
    ///
    /// `wijkteamDecision` is set only by ``ProposalDecision/decideByWijkteam(proposal:funded:reasons:fundedCents:in:now:)``:
    /// the wijkteam's funding decision is taken there, with its reasons and recusals, and by no plain move.
    /// `chequeSettlement` likewise is set only by ``ProposalInitiative/applySettlement(round:lines:now:_:)``: an
    /// aanvraag that became a cheque round's initiative is decided by the round's settlement, by no plain move.
    mutating func move(to status: ProposalStatus, note: String, now: Date, wijkteamDecision: Bool = false, chequeSettlement: Bool = false,
                       _ db: Database) throws {
        guard !status.isDecisionOutcome else {
            throw BuurtstemError(.badInput, "'\(status.dutch)' is the toetsing's decision: deciding the proposal takes it from the judged criteria",
                                 remedy: .decideProposal(proposal: id ?? 0))
        }
        guard wijkteamDecision || self.status != .decidedByWijkteam || ![.funded, .notFunded].contains(status) else {
            throw BuurtstemError(.badInput, "proposal \(id ?? 0) is '\(self.status.dutch)': the wijkteam's decision to fund it or not is taken with its reasons, "
                + "which are published with the recusals", remedy: .decideByWijkteam(proposal: id ?? 0))
        }
        if !chequeSettlement, self.status == .onBallot, [.funded, .notFunded].contains(status), let round = try ProposalInitiative.round(ofProposal: id ?? 0, db) {
            throw BuurtstemError(.wrongState, "proposal \(id ?? 0) is an initiative of cheque round \(round): settling the round decides it, "
                + "with the collected amount against the target", remedy: .settleCheques(round: round))
        }
        try requireStep(to: status)
        try ProposalLog.append(.status(from: self.status, to: status, note: note), proposal: id!, now: now, db)
        self.status = status
        try update(db)
    }

    /// Moves proposal `id` to gefinancierd; at `amountCents` below the requested amount (a cap, a partial grant) the
    /// log gets a signed funding entry with `reason`, and payments stay within that amount.
    public static func fund(_ id: Int64, amountCents: Int64? = nil, reason: String = "", note: String = "", in store: Store,
                            now: Date = Date()) throws -> Proposal {
        try store.write { db in
            guard var proposal = try Proposal.fetchOne(db, key: id) else {
                throw BuurtstemError(.notFound, "there is no proposal \(id)", remedy: .listProposals)
            }
            try proposal.fund(amountCents: amountCents, reason: reason, note: note, now: now, db)
            return proposal
        }
    }

    /// Moves this proposal to gefinancierd within the transaction `db` (see ``fund(_:amountCents:reason:note:in:now:)``).
    mutating func fund(amountCents: Int64?, reason: String, note: String, now: Date, wijkteamDecision: Bool = false, _ db: Database) throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let id = id ?? 0
        if let amountCents {
            guard amountCents > 0, amountCents <= requestedCents else {
                throw BuurtstemError(.badInput, "the funded amount must be above 0 and at most the requested \(Money.format(requestedCents))")
            }
            guard amountCents == requestedCents || (1...2000).contains(reason.count) else {
                throw BuurtstemError(.badInput, "funding proposal \(id) at \(Money.format(amountCents)), less than the requested \(Money.format(requestedCents)), "
                    + "needs a reason (1 to 2000 characters, published): e.g. 'het wijkbudget had nog EUR 4.000 over'")
            }
        }
        try move(to: .funded, note: note, now: now, wijkteamDecision: wijkteamDecision, db)
        if let amountCents, amountCents != requestedCents {
            try ProposalLog.append(.funding(amountCents: UInt64(amountCents), reason: reason), proposal: id, now: now, db)
        }
    }

    /// What `proposal` is funded at: its funding entry's amount, else the requested amount.
    static func fundedCents(_ proposal: Proposal, _ db: Database) throws -> Int64 {
        var funded = proposal.requestedCents
        for line in try ProposalLog.lines(proposal: proposal.id!, db) {
            if case let .funding(amount, _) = line.entry.body { funded = Int64(amount) }
        }
        return funded
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
