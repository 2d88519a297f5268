import GRDB

extension Store {
    /// Issue 15: the pre-publication of an election (made once, before the polls open) and the version of each
    /// ballot's signed bytes. A new migration; it changes no earlier one. Ballots stored before it are v1 (they
    /// sign no definition hash) and stay so; the engine casts v2 from this migration on.
    static func registerPrePublicationMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4: pre-publication, ballot versions") { db in
            try db.create(table: "prePublication", options: .withoutRowID) { t in
                t.primaryKey("electionId", .text).references("election", onDelete: .restrict)
                // prepublication.json exactly as published: the export repeats these bytes.
                t.column("json", .text).notNull()
                t.column("fingerprint", .text).notNull()
                t.column("publishedAtMillis", .integer).notNull()
            }
            try db.alter(table: "ballot") { t in
                t.add(column: "version", .integer).notNull().defaults(to: 1)
            }
        }
    }
}
