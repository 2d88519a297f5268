import BuurtstemRecord
import Foundation
import GRDB

/// An assessor's judgement of one criterion of one proposal, with the written reason (table `criterionJudgement`).
/// One judgement per criterion per proposal; each is an entry of the proposals log.
public struct CriterionJudgement: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    /// The proposal.
    public var proposalId: Int64
    /// The criterion (of the criteria in force).
    public var criterionId: String
    /// The assessor's id.
    public var assessor: String
    /// Whether the proposal meets the criterion.
    public var met: Bool
    /// Why, in plain Dutch: shown to the initiatiefnemer and published.
    public var reason: String
    /// When it was recorded.
    public var timeMillis: Int64

    public static let databaseTableName = "criterionJudgement"

    /// Records `assessor`'s judgement of `criterion` for proposal `id`, which must be in behandeling.
    ///
    /// Refused for an assessor who declared an interest in the proposal (belangenverstrengeling), for a criterion
    /// not in force, for one already judged, and without a reason.
    public static func assess(proposal id: Int64, criterion: String, assessor: String, met: Bool, reason: String,
                              in store: Store, now: Date = Date()) throws -> CriterionJudgement {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        try InterestDeclaration.requireAssessorId(assessor)
        guard (1...2000).contains(reason.count) else {
            throw BuurtstemError(.badInput, "a judgement's reason needs 1 to 2000 characters: write in plain Dutch why the proposal does or does not meet the criterion (the initiatiefnemer reads it)")
        }
        return try store.write { db in
            guard let proposal = try Proposal.fetchOne(db, key: id) else {
                throw BuurtstemError(.notFound, "there is no proposal \(id)", remedy: .listProposals)
            }
            if let interest = try InterestDeclaration.fetchOne(db, key: ["proposalId": id, "assessor": assessor]) {
                throw BuurtstemError(.badInput, "\(assessor) declared an interest in proposal \(id) ('\(interest.statement)') and may not judge it (belangenverstrengeling); another assessor judges this criterion")
            }
            guard proposal.status == .inReview else {
                throw BuurtstemError(.wrongState, "proposal \(id) is '\(proposal.status.dutch)', not 'in behandeling': "
                    + (proposal.status == .received ? "start its toetsing first" : "its toetsing is over"),
                    remedy: proposal.status == .received ? .startReview(proposal: id) : nil)
            }
            let criteria = try AssessmentCriterion.inForce(db)
            guard criteria.contains(where: { $0.id == criterion }) else {
                throw BuurtstemError(.wrongState, criteria.isEmpty ? "no criteria are in force: load them first"
                    : "'\(criterion)' is not a criterion in force; use one of: \(criteria.map(\.id).joined(separator: ", "))",
                    remedy: criteria.isEmpty ? .loadCriteria : nil)
            }
            if let earlier = try CriterionJudgement.fetchOne(db, key: ["proposalId": id, "criterionId": criterion]) {
                throw BuurtstemError(.alreadyExists, "criterion '\(criterion)' of proposal \(id) was already judged by \(earlier.assessor); a judgement is published and is not replaced")
            }
            let entry = try ProposalLog.append(.judgement(assessor: assessor, criterion: criterion, met: met, reason: reason), proposal: id, now: now, db)
            let judgement = CriterionJudgement(proposalId: id, criterionId: criterion, assessor: assessor, met: met, reason: reason, timeMillis: entry.timeMillis)
            try judgement.insert(db)
            return judgement
        }
    }
}
