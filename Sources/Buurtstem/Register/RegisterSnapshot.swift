import Foundation
import GRDB

/// One import of the household register. Earlier snapshots stay: every election or cheque round is issued
/// from one snapshot and keeps pointing at it.
public struct RegisterSnapshot: Sendable, Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// Sequential number, 1 for the first import.
    public var id: Int64?
    /// When the file was imported.
    public var importedAt: Date
    /// The file's name as given (not its folder).
    public var sourceName: String
    /// SHA-256 of the file's bytes, so the print step can check it is given the same file (with addresses).
    public var sourceSHA256: Data
    /// The minimum age behind the file's `eligible` counts.
    public var eligibleAge: Int
    /// Households in the snapshot.
    public var householdCount: Int
    /// Residents in all households.
    public var residentCount: Int
    /// Residents eligible by age.
    public var eligibleCount: Int

    public static let databaseTableName = "registerSnapshot"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension Store {
    /// All snapshots, oldest first.
    public func registerSnapshots() throws -> [RegisterSnapshot] {
        try read { try RegisterSnapshot.order(Column("id")).fetchAll($0) }
    }

    /// Snapshot `id`, or the latest when `id` is nil; a clear error when there is none.
    public func registerSnapshot(_ id: Int64?) throws -> RegisterSnapshot {
        let found = try read { db in
            if let id { try RegisterSnapshot.fetchOne(db, key: id) } else {
                try RegisterSnapshot.order(Column("id").desc).fetchOne(db)
            }
        }
        guard let found else {
            if let id { throw BuurtstemError(.notFound, "there is no register snapshot \(id)", remedy: .listRegisterSnapshots) }
            throw BuurtstemError(.notFound, "no household register has been imported yet", remedy: .importRegister)
        }
        return found
    }
}
