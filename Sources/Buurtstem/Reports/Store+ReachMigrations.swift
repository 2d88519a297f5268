import GRDB

extension Store {
    /// The reach tables (docs/reports.md, "Privacy"): per issued stempas only its reach group, a buurt of at least
    /// ``ReachPrivacy/minimumHouseholds`` households or small buurten merged; never the household or address. A new
    /// migration registered after the election and cheque migrations; it changes no earlier table.
    static func registerReachMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3: reach group of each issued pass") { db in
            // Which buurten make up each group of an election (fixed at issuance from the register snapshot).
            try db.create(table: "reachGroupBuurt", options: .withoutRowID) { t in
                t.column("electionId", .text).notNull().references("election", onDelete: .restrict)
                t.column("buurtCode", .text).notNull().references("buurt", onDelete: .restrict)
                t.column("groupCode", .text).notNull()
                t.column("wijkCode", .text).notNull()
                t.column("households", .integer).notNull()
                t.primaryKey(["electionId", "buurtCode"])
            }
            // The group of each issued pass, in order of public key like the pass table itself.
            try db.create(table: "passReachGroup", options: .withoutRowID) { t in
                t.column("electionId", .text).notNull()
                t.column("publicKey", .blob).notNull()
                t.column("groupCode", .text).notNull()
                t.primaryKey(["electionId", "publicKey"])
                t.foreignKey(["electionId", "publicKey"], references: "pass", onDelete: .restrict)
            }
        }
    }
}
