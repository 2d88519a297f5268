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
        // The reach group of each replacement pass, as issuance keeps one for every pass (a buurt of at least
        // ReachPrivacy.minimumHouseholds households, never the household): the new pass's ballot then counts in its
        // household's buurt and wijk on the results site, as in the contest. Nil for an election without groups.
        migrator.registerMigration("v9: reach group of each replaced stempas") { db in
            try db.alter(table: "passReplacement") { t in
                t.add(column: "groupCode", .text)
            }
        }
    }
}
