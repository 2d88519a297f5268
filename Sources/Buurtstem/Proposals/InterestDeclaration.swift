import BuurtstemRecord
import Foundation
import GRDB

/// An assessor's declared interest in a proposal (belangenverstrengeling): they take no part in judging it, and
/// the recusal is a published entry of the proposals log.
public struct InterestDeclaration: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    /// The proposal.
    public var proposalId: Int64
    /// The assessor's id (never a resident's name).
    public var assessor: String
    /// What the interest is, e.g. "lid van de speeltuinvereniging".
    public var statement: String
    /// When it was declared.
    public var timeMillis: Int64

    public static let databaseTableName = "interestDeclaration"

    /// `true` for an assessor id: 1 to 40 lower-case letters, digits and `-` (e.g. `toetser-3`), so that no
    /// resident's name ends up in the published log.
    public static func isAssessorId(_ text: String) -> Bool {
        AssessmentCriteria.isCriterionId(text)
    }

    /// Throws unless `assessor` is a well-formed assessor id.
    static func requireAssessorId(_ assessor: String) throws {
        guard isAssessorId(assessor) else {
            throw BuurtstemError(.badInput, "'\(assessor)' is not an assessor id: use 1 to 40 lower-case letters, digits and '-', e.g. toetser-3 (never a name: the id is published)")
        }
    }

    /// Records that `assessor` has an interest in proposal `id`, and logs the recusal.
    public static func declare(proposal id: Int64, assessor: String, statement: String, in store: Store, now: Date = Date()) throws -> InterestDeclaration {
        let statement = statement.trimmingCharacters(in: .whitespacesAndNewlines)
        try requireAssessorId(assessor)
        guard (1...500).contains(statement.count) else {
            throw BuurtstemError(.badInput, "an interest's statement needs 1 to 500 characters: what the interest is, e.g. 'lid van de speeltuinvereniging' (it is published)")
        }
        return try store.write { db in
            guard let proposal = try Proposal.fetchOne(db, key: id) else {
                throw BuurtstemError(.notFound, "there is no proposal \(id)", remedy: .listProposals)
            }
            guard [.received, .inReview].contains(proposal.status) else {
                throw BuurtstemError(.wrongState, "proposal \(id) is '\(proposal.status.dutch)': interests are declared before or during its toetsing")
            }
            if let judged = try CriterionJudgement.filter(Column("proposalId") == id && Column("assessor") == assessor).fetchOne(db) {
                throw BuurtstemError(.alreadyExists, "\(assessor) already judged criterion '\(judged.criterionId)' of proposal \(id); an interest must be declared before judging. Tell the wijkteam: the judgement stands in the published log")
            }
            guard try InterestDeclaration.fetchOne(db, key: ["proposalId": id, "assessor": assessor]) == nil else {
                throw BuurtstemError(.alreadyExists, "\(assessor) already declared an interest in proposal \(id)")
            }
            let entry = try ProposalLog.append(.interest(assessor: assessor, statement: statement), proposal: id, now: now, db)
            let declaration = InterestDeclaration(proposalId: id, assessor: assessor, statement: statement, timeMillis: entry.timeMillis)
            try declaration.insert(db)
            return declaration
        }
    }
}
