import GRDB

extension Store {
    /// The schema, as a list of migrations. A shipped migration never changes; changes come as new ones.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: gemeente, areas, register") { db in
            try db.create(table: "gemeente") { t in
                t.primaryKey("code", .text)
                t.column("name", .text).notNull()
                t.column("issuingPublicKey", .blob).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "wijk") { t in
                t.primaryKey("code", .text)
                t.column("name", .text).notNull()
            }
            try db.create(table: "buurt") { t in
                t.primaryKey("code", .text)
                t.column("name", .text).notNull()
                t.column("wijkCode", .text).notNull().indexed().references("wijk", onDelete: .restrict)
            }
            try db.create(table: "registerSnapshot") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("importedAt", .datetime).notNull()
                t.column("sourceName", .text).notNull()
                t.column("sourceSHA256", .blob).notNull()
                t.column("eligibleAge", .integer).notNull()
                t.column("householdCount", .integer).notNull()
                t.column("residentCount", .integer).notNull()
                t.column("eligibleCount", .integer).notNull()
            }
            try db.create(table: "household") { t in
                t.column("snapshotId", .integer).notNull().references("registerSnapshot", onDelete: .restrict)
                t.column("householdId", .text).notNull()
                t.column("buurtCode", .text).notNull().indexed().references("buurt", onDelete: .restrict)
                t.column("residents", .integer).notNull()
                t.column("eligible", .integer).notNull()
                t.primaryKey(["snapshotId", "householdId"])
            }
        }
        registerElectionMigrations(&migrator)
        registerChequeMigrations(&migrator)
        registerReachMigrations(&migrator)
        registerPrePublicationMigrations(&migrator)
        registerProposalMigrations(&migrator)
        registerChequeKeyMigrations(&migrator)
        registerSecrecyMigrations(&migrator)
        registerReplacementMigrations(&migrator)
        registerProposalCoFundingMigrations(&migrator)
        registerProposalInitiativeMigrations(&migrator)
        return migrator
    }
}
