import GRDB

extension Store {
    /// Checks the database file and the engine's own invariants; returns one line per problem (empty when sound).
    ///
    /// Used after a crash or a `kill -9` to show that nothing half-written remains.
    public func check() throws -> [String] {
        try read { db in
            var problems: [String] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { problems += integrity.map { "SQLite integrity: \($0)" } }
            let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            problems += foreignKeys.map { "a row in \($0[0] as String? ?? "?") refers to a missing row in \($0[2] as String? ?? "?")" }
            let snapshots = try Row.fetchAll(db, sql: """
                SELECT s.id, s.householdCount, s.residentCount, s.eligibleCount,
                       COUNT(h.householdId) AS households, COALESCE(SUM(h.residents), 0) AS residents,
                       COALESCE(SUM(h.eligible), 0) AS eligible
                FROM registerSnapshot s LEFT JOIN household h ON h.snapshotId = s.id
                GROUP BY s.id
                """)
            for row in snapshots {
                let id: Int64 = row["id"]
                if row["householdCount"] as Int != row["households"] as Int
                    || row["residentCount"] as Int != row["residents"] as Int
                    || row["eligibleCount"] as Int != row["eligible"] as Int {
                    problems.append("register snapshot \(id): its totals do not match its household rows")
                }
            }
            problems += try chequeProblems(db)
            return problems
        }
    }
}
