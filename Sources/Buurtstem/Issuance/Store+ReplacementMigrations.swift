import GRDB

extension Store {
    /// Issue 19: stempassen replaced at the desk (`buurtstem stempas replace`): the signed chain of replacements,
    /// each with its new pass and, when the old letter's code was at hand, the revoked pass. No household: the store
    /// keeps no link between an address and a pass (docs/operations.md, "A lost or damaged stempas").
    static func registerReplacementMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8: replaced stempassen") { db in
            try db.create(table: "passReplacement", options: .withoutRowID) { t in
                t.column("electionId", .text).notNull().references("election", onDelete: .restrict)
                t.column("sequence", .integer).notNull()
                t.column("area", .text).notNull()
                t.column("pass", .blob).notNull()
                t.column("revoked", .blob)
                t.column("timeMillis", .integer).notNull()
                t.column("previous", .blob).notNull()
                t.column("signature", .blob).notNull()
                t.primaryKey(["electionId", "sequence"])
                t.uniqueKey(["electionId", "pass"])
                t.uniqueKey(["electionId", "revoked"])
            }
        }
    }
}
