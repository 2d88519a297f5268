import GRDB

extension Store {
    /// Tables of secret elections (issue 16), after the cheque keys (v6): the election key file, the encrypted ballots (ciphertexts and proofs
    /// only; the `ballot` row of a v3 ballot has empty choices and time 0), the mix stages, the trustees'
    /// decryption shares and the decoded ballots (the mix's output, unlinked from any pass).
    static func registerSecrecyMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7: secret ballots, mix, decryption") { db in
            try db.create(table: "electionKey", options: .withoutRowID) { t in
                t.primaryKey("electionId", .text).references("election", onDelete: .restrict)
                t.column("file", .blob).notNull()
            }
            try db.create(table: "encryptedBallot", options: .withoutRowID) { t in
                t.column("electionId", .text).notNull()
                t.column("kiosk", .text).notNull()
                t.column("sequence", .integer).notNull()
                t.column("ciphertexts", .blob).notNull()
                t.column("proof", .blob).notNull()
                t.primaryKey(["electionId", "kiosk", "sequence"])
                t.foreignKey(["electionId", "kiosk", "sequence"], references: "ballot", onDelete: .restrict)
            }
            try db.create(table: "mixStage", options: .withoutRowID) { t in
                t.column("electionId", .text).notNull()
                t.column("stage", .integer).notNull()
                t.column("area", .text).notNull()
                t.column("outputs", .blob).notNull()
                t.column("proof", .blob).notNull()
                t.primaryKey(["electionId", "stage", "area"])
            }
            try db.create(table: "decryptionShare", options: .withoutRowID) { t in
                t.column("electionId", .text).notNull()
                t.column("stage", .integer).notNull()
                t.column("trustee", .integer).notNull()
                t.column("file", .blob).notNull()
                t.primaryKey(["electionId", "stage", "trustee"])
            }
            try db.create(table: "decodedBallot", options: .withoutRowID) { t in
                t.column("electionId", .text).notNull()
                t.column("area", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("choices", .text)
                t.column("problem", .text)
                t.primaryKey(["electionId", "area", "position"])
            }
        }
    }
}
