import BuurtstemRecord
import Foundation
import GRDB

/// The toetsing's decision on a proposal: `admitted` (toegelaten) when every criterion in force is met, otherwise
/// `rejected` (afgewezen), with its reasons in plain Dutch taken from the judgements, and the recusals named.
///
/// The outcome follows from the judgements; nobody types it, so it cannot contradict them (and the verifier
/// recomputes it from the log).
public enum ProposalDecision {
    /// A decision taken.
    public struct Decision: Sendable, Codable, Equatable {
        /// The proposal.
        public let proposal: Int64
        /// `admitted` or `rejected`.
        public let outcome: ProposalStatus
        /// The reasons, in plain Dutch.
        public let reasons: String
    }

    /// Decides proposal `id` (in behandeling, every criterion in force judged) and logs the decision.
    public static func decide(proposal id: Int64, in store: Store, now: Date = Date()) throws -> Decision {
        try store.write { db in
            guard var proposal = try Proposal.fetchOne(db, key: id) else {
                throw BuurtstemError(.notFound, "there is no proposal \(id)", remedy: .listProposals)
            }
            guard proposal.status == .inReview else {
                throw BuurtstemError(.wrongState, "proposal \(id) is '\(proposal.status.dutch)': only a proposal in behandeling is decided")
            }
            let criteria = try AssessmentCriterion.inForce(db)
            guard !criteria.isEmpty else {
                throw BuurtstemError(.wrongState, "no criteria are in force: load them and judge each", remedy: .loadCriteria)
            }
            let judgements = try CriterionJudgement.filter(Column("proposalId") == id).fetchAll(db)
            let byCriterion = Dictionary(judgements.map { ($0.criterionId, $0) }, uniquingKeysWith: { first, _ in first })
            let missing = criteria.filter { byCriterion[$0.id] == nil }
            guard missing.isEmpty else {
                throw BuurtstemError(.wrongState, "proposal \(id) cannot be decided yet: not judged on " + missing.map { "'\($0.id)'" }.joined(separator: ", ")
                    + "; judge each", remedy: .assessProposal(proposal: id))
            }
            let recusals = try InterestDeclaration.filter(Column("proposalId") == id).order(Column("assessor")).fetchAll(db)
            let unmet = criteria.filter { byCriterion[$0.id]?.met == false }
            let outcome: ProposalStatus = unmet.isEmpty ? .admitted : .rejected
            let reasons = text(outcome: outcome, criteria: criteria, judgements: byCriterion, recusals: recusals)
            try ProposalLog.append(.decision(outcome: outcome, reasons: reasons), proposal: id, now: now, db)
            proposal.status = outcome
            try proposal.update(db)
            return Decision(proposal: id, outcome: outcome, reasons: reasons)
        }
    }

    /// The decision's reasons in plain Dutch: the criteria not met with their reasons (or, when admitted, every
    /// criterion met), and who did not judge because of an interest.
    static func text(outcome: ProposalStatus, criteria: [AssessmentCriterion], judgements: [String: CriterionJudgement],
                     recusals: [InterestDeclaration]) -> String {
        var lines: [String] = []
        if outcome == .admitted {
            lines.append("Toegelaten: de aanvraag voldoet aan alle criteria.")
            for criterion in criteria { lines.append("- \(criterion.name): \(judgements[criterion.id]?.reason ?? "")") }
        } else {
            lines.append("Afgewezen, omdat de aanvraag niet voldoet aan:")
            for criterion in criteria where judgements[criterion.id]?.met == false {
                lines.append("- \(criterion.name): \(judgements[criterion.id]?.reason ?? "")")
            }
        }
        lines += recusals.map(recusalLine)
        return lines.joined(separator: "\n")
    }
}
