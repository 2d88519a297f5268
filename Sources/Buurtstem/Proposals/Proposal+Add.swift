import BuurtstemRecord
import Foundation
import GRDB

extension Proposal {
    /// Receives `draft`: stores it with status `received` and logs its public part (never the contact).
    ///
    /// Every problem with the draft is reported at once, as a problem of `source` (what the user filled in) in the
    /// field `label` names (a front end passes its own words: the CLI its options); nothing is stored then.
    public static func add(_ draft: ProposalDraft, to store: Store, source: String = "the proposal",
                           label: (ProposalDraft.Field) -> String = \.column, now: Date = Date()) throws -> Proposal {
        try store.write { db in
            let problems = try draft.problems(db)
            guard problems.isEmpty else {
                throw InputError(problems.map { Problem(file: source, field: label($0.field), message: $0.message) })
            }
            return try insert(draft, now: now, db)
        }
    }

    /// Logs proposal `proposal`'s co-funders (when it has any) as a `co_funding` entry: the shares the money per
    /// funder is split by (docs/record.md, "Proposals"), signed like every step.
    static func logCoFunding(_ coFunders: [ProposalAmount], proposal: Int64, now: Date, _ db: Database) throws {
        guard !coFunders.isEmpty else { return }
        try ProposalLog.append(.coFunding(funders: coFunders.map { .init(name: $0.name, cents: UInt64($0.cents)) }),
                               proposal: proposal, now: now, db)
    }

    /// Stores a checked draft and its log entry within the transaction `db`.
    static func insert(_ draft: ProposalDraft, now: Date, _ db: Database) throws -> Proposal {
        var proposal = Proposal(id: nil, areaCode: draft.area, title: draft.title, description: draft.description,
                                contact: draft.contact, requestedCents: draft.requestedCents, ownHours: draft.ownHours,
                                ownCents: draft.ownCents, status: .received, createdAt: now)
        try proposal.insert(db)
        let id = proposal.id!
        try ProposalAmount.insert(draft.costs, as: .costs, proposal: id, db)
        try ProposalAmount.insert(draft.coFunders, as: .coFunders, proposal: id, db)
        for (position, goal) in draft.goals.enumerated() {
            try ProposalGoal(proposalId: id, position: Int64(position), goal: goal).insert(db)
        }
        try ProposalLog.append(.received(area: draft.area, title: draft.title, description: draft.description,
                                         requestedCents: UInt64(draft.requestedCents)), proposal: id, now: now, db)
        try logCoFunding(draft.coFunders, proposal: id, now: now, db)
        return proposal
    }
}
