import Foundation
import GRDB

extension Store {
    /// Writes a consistent copy of the whole store to a new file at `path` (SQLite's online backup), e.g. the
    /// store a second voting location takes along. Refuses to overwrite.
    public func copy(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw BuurtstemError(.alreadyExists, "\(path) already exists; choose a new file for the copy")
        }
        let target = try DatabaseQueue(path: path)
        try pool.backup(to: target)
        try target.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
    }
}
