import GRDB

/// One criterion of the toetsing in force (table `assessmentCriterion`), e.g. Groningen's "Bewoners actief".
public struct AssessmentCriterion: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    /// A short id, lower-case letters, digits and `-`, e.g. `bewoners-actief`.
    public var id: String
    /// The set it belongs to (the criteria file's `id`).
    public var setName: String
    /// Position in the set, from 0.
    public var position: Int64
    /// Its name as people read it.
    public var name: String
    /// The question an assessor answers.
    public var question: String

    public static let databaseTableName = "assessmentCriterion"

    /// The criteria in force, in order.
    static func inForce(_ db: Database) throws -> [AssessmentCriterion] {
        try AssessmentCriterion.order(Column("position")).fetchAll(db)
    }
}
