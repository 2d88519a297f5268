import BuurtstemRecord
import Foundation
import GRDB

/// The gemeente's criteria for the toetsing of aanvragen, read from a YAML file like those in `Budgets/`
/// (docs/proposals.md): a set id, a title and the criteria, each with an id, a name and the question an assessor
/// answers.
public struct AssessmentCriteria: Sendable, Equatable {
    /// The set's id, e.g. `groningen-wijkbudget`.
    public let id: String
    /// The set's title.
    public let title: String
    /// The criteria, in order.
    public let criteria: [AssessmentCriterion]

    /// Reads the criteria file `text` (named `file` in messages); every problem is reported with its line.
    public static func read(_ text: String, file: String) throws -> AssessmentCriteria {
        let (reader, root) = try YAMLReader.root(text, file: file)
        let id = reader.string(root, "id")
        let title = reader.string(root, "title")
        var criteria: [AssessmentCriterion] = []
        var seen: Set<String> = []
        let items = reader.list(root, "criteria")
        if items.isEmpty { reader.problem(root.line, "criteria", "'criteria' needs at least one criterion with id, name and question") }
        for item in items {
            let criterionId = reader.string(item, "id")
            let name = reader.string(item, "name")
            let question = reader.string(item, "question")
            if let criterionId {
                if !isCriterionId(criterionId) {
                    reader.problem(item.line, "\(item.path).id", "'\(criterionId)' is not a criterion id: use 1 to 40 lower-case letters, digits and '-', e.g. bewoners-actief")
                } else if !seen.insert(criterionId).inserted {
                    reader.problem(item.line, "\(item.path).id", "criterion '\(criterionId)' is given twice; every criterion needs its own id")
                }
            }
            if let criterionId, let name, let question {
                criteria.append(AssessmentCriterion(id: criterionId, setName: id ?? "", position: Int64(criteria.count), name: name, question: question))
            }
        }
        reader.reportUnknownKeys()
        guard reader.problems.isEmpty, let id, let title else {
            throw InputError(reader.problems.isEmpty ? [Problem(file: file, message: "the criteria file is incomplete")] : reader.problems)
        }
        return AssessmentCriteria(id: id, title: title, criteria: criteria.map {
            AssessmentCriterion(id: $0.id, setName: id, position: $0.position, name: $0.name, question: $0.question)
        })
    }

    /// `true` for 1 to 40 lower-case ASCII letters, digits and `-`.
    static func isCriterionId(_ text: String) -> Bool {
        (1...40).contains(text.utf8.count) && text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    /// Puts these criteria in force from `now` and logs them. Refused while a toetsing is under way (a proposal
    /// `in_review`): its criteria must not change halfway.
    public func install(in store: Store, now: Date = Date()) throws {
        try store.write { db in
            let underway = try Proposal.filter(Column("status") == ProposalStatus.inReview.rawValue).fetchCount(db)
            guard underway == 0 else {
                throw BuurtstemError(.wrongState, "\(underway) proposal(s) are in behandeling: criteria change only between toetsingen. Decide them first, then load the new criteria")
            }
            try AssessmentCriterion.deleteAll(db)
            for criterion in criteria { try criterion.insert(db) }
            try ProposalLog.append(.criteria(set: id, items: criteria.map { .init(id: $0.id, name: $0.name) }), proposal: 0, now: now, db)
        }
    }
}
