import GRDB

extension Store {
    /// Tables of elections: definitions, issued passes, kiosks, ballot logs and their checkpoints.
    static func registerElectionMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2: elections, passes, kiosks, ballots") { db in
            try db.create(table: "election") { t in
                t.primaryKey("id", .text)
                t.column("definition", .text).notNull()
                t.column("definitionHash", .blob).notNull()
                t.column("manifestSignature", .blob).notNull()
                t.column("state", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("issuedRoot", .blob)
                t.column("issuedAreas", .text)
                t.column("issuedSignature", .blob)
                t.column("openedAt", .datetime)
                t.column("closedAt", .datetime)
            }
            try db.create(table: "pass", options: .withoutRowID) { t in
                t.column("electionId", .text).notNull().references("election", onDelete: .restrict)
                t.column("publicKey", .blob).notNull()
                t.column("area", .text).notNull()
                t.column("signature", .blob).notNull()
                t.primaryKey(["electionId", "publicKey"])
            }
            try db.create(table: "kiosk", options: .withoutRowID) { t in
                t.column("electionId", .text).notNull().references("election", onDelete: .restrict)
                t.column("name", .text).notNull()
                t.column("publicKey", .blob).notNull()
                t.column("registrationSignature", .blob).notNull()
                t.column("keyFile", .text).notNull()
                t.column("area", .text)
                t.column("closed", .boolean).notNull().defaults(to: false)
                t.primaryKey(["electionId", "name"])
            }
            try db.create(table: "ballot", options: .withoutRowID) { t in
                t.column("electionId", .text).notNull()
                t.column("kiosk", .text).notNull()
                t.column("sequence", .integer).notNull()
                t.column("pass", .blob).notNull()
                t.column("area", .text).notNull()
                t.column("choices", .text).notNull()
                t.column("timeMillis", .integer).notNull()
                t.column("signature", .blob).notNull()
                t.column("leafHash", .blob).notNull()
                t.primaryKey(["electionId", "kiosk", "sequence"])
                t.foreignKey(["electionId", "kiosk"], references: "kiosk", onDelete: .restrict)
            }
            try db.create(index: "ballotByPass", on: "ballot", columns: ["electionId", "pass"])
            try db.create(index: "ballotByLeaf", on: "ballot", columns: ["leafHash"])
            // One use per pass at this location; ballots merged from other locations are not entered here,
            // so a pass used at two locations shows up as a conflict at merge instead of being refused.
            try db.create(table: "passUse", options: .withoutRowID) { t in
                t.column("electionId", .text).notNull()
                t.column("pass", .blob).notNull()
                t.primaryKey(["electionId", "pass"])
            }
            try db.create(table: "checkpoint", options: .withoutRowID) { t in
                t.column("electionId", .text).notNull()
                t.column("kiosk", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("root", .blob).notNull()
                t.column("timeMillis", .integer).notNull()
                t.column("signature", .blob).notNull()
                t.column("final", .boolean).notNull().defaults(to: false)
                t.primaryKey(["electionId", "kiosk", "size"])
                t.foreignKey(["electionId", "kiosk"], references: "kiosk", onDelete: .restrict)
            }
        }
    }
}
