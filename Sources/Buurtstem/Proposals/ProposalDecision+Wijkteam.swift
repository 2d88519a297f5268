import BuurtstemRecord
import Foundation
import GRDB

/// The wijkteam's route: an admitted aanvraag the wijkteam decides on directly, without a vote (issue 18: "or a
/// wijkteam decides directly, with the same signed reasons").
///
/// The stemdag's outcome comes with the allocation's reason; the wijkteam's with the reasons the wijkteam writes, and,
/// as in the toetsing's decision, the names of the assessors who declared an interest in the proposal, who took no
/// part. It is the signed note of the log's move from `decided_by_wijkteam` to `funded` or `not_funded`, and the
/// verifier checks that it is there and names the recusals (docs/record.md, "Proposals").
extension ProposalDecision {
    /// A decision the wijkteam took.
    public struct WijkteamDecision: Sendable, Codable, Equatable {
        /// The proposal.
        public let proposal: Int64
        /// `funded` or `notFunded`.
        public let outcome: ProposalStatus
        /// What it is funded at, in cents, when funded.
        public let fundedCents: Int64?
        /// The published reasons, in plain Dutch, with the recusals named.
        public let reasons: String
    }

    /// The note of the move to `decided_by_wijkteam` when the decision itself makes it.
    static let wijkteamRouteNote = "het wijkteam besluit zelf over deze aanvraag, zonder stemming"

    /// The wijkteam decides proposal `id` (toegelaten, or already besloten door wijkteam): gefinancierd when
    /// `funded` (at `fundedCents` when less than requested: a cap, a partial grant, with `reasons` as the funding
    /// entry's reason), otherwise niet gefinancierd, with `reasons` in plain Dutch (1 to 2000 characters). All in one
    /// transaction; the published note names the recusals.
    public static func decideByWijkteam(proposal id: Int64, funded: Bool, reasons: String, fundedCents: Int64? = nil,
                                        in store: Store, now: Date = Date()) throws -> WijkteamDecision {
        let reasons = reasons.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...2000).contains(reasons.count) else {
            throw BuurtstemError(.badInput, "the wijkteam's decision needs its reasons, 1 to 2000 characters in plain Dutch: the initiatiefnemer reads them and they are published")
        }
        guard funded || fundedCents == nil else {
            throw BuurtstemError(.badInput, "a funded amount goes with a decision to fund the proposal")
        }
        return try store.write { db in
            guard var proposal = try Proposal.fetchOne(db, key: id) else {
                throw BuurtstemError(.notFound, "there is no proposal \(id)", remedy: .listProposals)
            }
            guard [.admitted, .decidedByWijkteam].contains(proposal.status) else {
                throw BuurtstemError(.wrongState, "proposal \(id) is '\(proposal.status.dutch)': the wijkteam decides on a proposal that is toegelaten"
                    + (proposal.status == .onBallot ? " and not on a ballot; the vote's outcome decides this one" : ""),
                    remedy: [.received, .inReview].contains(proposal.status) ? .decideProposal(proposal: id) : nil)
            }
            if proposal.status == .admitted {
                try proposal.move(to: .decidedByWijkteam, note: wijkteamRouteNote, now: now, db)
            }
            let recusals = try InterestDeclaration.filter(Column("proposalId") == id).order(Column("assessor")).fetchAll(db)
            let outcome: ProposalStatus = funded ? .funded : .notFunded
            let note = wijkteamText(outcome: outcome, reasons: reasons, recusals: recusals)
            if funded {
                try proposal.fund(amountCents: fundedCents, reason: reasons, note: note, now: now, wijkteamDecision: true, db)
            } else {
                try proposal.move(to: .notFunded, note: note, now: now, wijkteamDecision: true, db)
            }
            return WijkteamDecision(proposal: id, outcome: outcome, fundedCents: funded ? try Proposal.fundedCents(proposal, db) : nil, reasons: note)
        }
    }

    /// The wijkteam's decision as published: the outcome, the reasons, and who took no part because of an interest.
    static func wijkteamText(outcome: ProposalStatus, reasons: String, recusals: [InterestDeclaration]) -> String {
        (["Besluit van het wijkteam: \(outcome.dutch).", reasons] + recusals.map(recusalLine)).joined(separator: "\n")
    }

    /// One recusal as a decision names it.
    static func recusalLine(_ recusal: InterestDeclaration) -> String {
        "\(recusal.assessor) heeft niet meebeoordeeld wegens belangenverstrengeling (\(recusal.statement))."
    }
}
