import Foundation
import GRDB
import Testing
@testable import Buurtstem

/// A store made by any earlier version opens with the current one: its migrations run, what it held stays.
@Suite("Opening stores of earlier schema versions")
struct SchemaUpgradeTests {
    @Test("a store at each earlier migration opens, upgrades and checks sound, keeping its gemeente and register")
    func everyEarlierVersion() throws {
        let migrations = Store.migrator.migrations
        #expect(migrations.count >= 4, "the shipped migrations: \(migrations)")
        for last in migrations.dropLast() {
            let folder = try temporaryDirectory()
            let path = folder.appendingPathComponent("old.sqlite").path
            do {
                let pool = try DatabasePool(path: path)
                try Store.migrator.migrate(pool, upTo: last)
                // What a store of that version holds: a gemeente, areas and a register snapshot (v1 tables).
                try pool.write { db in
                    try db.execute(sql: "INSERT INTO gemeente (code, name, issuingPublicKey, createdAt) VALUES ('GM0014', 'Groningen', zeroblob(32), '2026-01-01 00:00:00.000')")
                    try db.execute(sql: "INSERT INTO wijk (code, name) VALUES ('WK001401', 'Binnenstad')")
                    try db.execute(sql: "INSERT INTO buurt (code, name, wijkCode) VALUES ('BU00140100', 'Binnenstad-Noord', 'WK001401')")
                    try db.execute(sql: """
                        INSERT INTO registerSnapshot (importedAt, sourceName, sourceSHA256, eligibleAge, householdCount, residentCount, eligibleCount)
                        VALUES ('2026-01-01 00:00:00.000', 'old.csv', zeroblob(32), 16, 1, 2, 2)
                        """)
                    try db.execute(sql: "INSERT INTO household (snapshotId, householdId, buurtCode, residents, eligible) VALUES (1, 'H1', 'BU00140100', 2, 2)")
                }
                try pool.close()
            }
            let store = try Store.open(path: path)
            let applied = try store.read { try Store.migrator.appliedIdentifiers($0) }
            #expect(Set(applied) == Set(migrations), "from \(last)")
            #expect(try store.check() == [], "from \(last)")
            #expect(try store.gemeente().name == "Groningen", "from \(last)")
            #expect(try store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM household") } == 1, "from \(last)")
        }
    }
}
