import Foundation
import GRDB

/// The engine's SQLite database, through GRDB in WAL mode.
///
/// Durability: `synchronous = FULL` makes every committed transaction survive power loss as far as SQLite
/// promises (in WAL mode `NORMAL` could lose the last commits), so a write is acknowledged only after it is on disk.
public final class Store: Sendable {
    /// Where the database file is.
    public let path: String
    /// The connection pool: one writer, concurrent readers.
    let pool: DatabasePool

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// Opens an existing store and brings its schema up to date.
    public static func open(path: String) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else {
            throw BuurtstemError(.notFound, "there is no Buurtstem database at \(path): initialise the gemeente first, "
                + "or give the right database path", remedy: .initialise)
        }
        return try connect(path: path)
    }

    /// Creates a new store; refuses if a file is already at `path`.
    public static func create(path: String) throws -> Store {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw BuurtstemError(.alreadyExists, "\(path) already exists; Buurtstem never overwrites a database. "
                + "Choose another database path or move the existing file away")
        }
        return try connect(path: path)
    }

    private static func connect(path: String) throws -> Store {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw BuurtstemError(.fileSystem, "cannot open the database \(path): \(error.message ?? "\(error)"). "
                + "Check that it is a Buurtstem database and that you may write to its folder")
        }
        return Store(path: path, pool: pool)
    }

    /// Reads in a consistent snapshot.
    package func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// Writes in one transaction: all of `body` is committed durably, or none of it.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.write(body)
    }
}
