import GRDB

extension Store {
    /// The cheque rounds' tables: one migration of their own, registered after v1 and touching nothing else.
    ///
    /// The store holds only what redemption and settlement need: a hash of every code with the buurt it was issued
    /// in, never which household got which code.
    static func registerChequeMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2: cheque rounds") { db in
            try db.create(table: "chequeRound") { t in
                t.primaryKey("id", .text)
                t.column("snapshotId", .integer).notNull().indexed().references("registerSnapshot", onDelete: .restrict)
                t.column("valueCents", .integer).notNull().check { $0 > 0 }
                t.column("issueDate", .text).notNull()
                t.column("validUntil", .text).notNull()
                t.column("validFromMillis", .integer).notNull()
                t.column("expiresMillis", .integer).notNull()
                t.column("scope", .text).notNull().check { ["buurt", "wijk", "gemeente"].contains($0) }
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "chequeIssuance") { t in
                t.primaryKey("roundId", .text).references("chequeRound", onDelete: .restrict)
                t.column("chequeCount", .integer).notNull()
                t.column("totalCents", .integer).notNull()
                t.column("root", .blob).notNull()
                t.column("issuerPublicKey", .blob).notNull()
                t.column("ledgerPublicKey", .blob).notNull()
                t.column("issuedAtMillis", .integer).notNull()
                t.column("signature", .blob).notNull()
            }
            try db.create(table: "cheque", options: .withoutRowID) { t in
                t.column("roundId", .text).notNull().references("chequeRound", onDelete: .restrict)
                t.column("codeHash", .blob).notNull()
                t.column("buurtCode", .text).notNull().references("buurt", onDelete: .restrict)
                t.primaryKey(["roundId", "codeHash"])
            }
            try db.create(table: "initiative") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("roundId", .text).notNull().indexed().references("chequeRound", onDelete: .restrict)
                t.column("buurtCode", .text).notNull().references("buurt", onDelete: .restrict)
                t.column("title", .text).notNull()
                t.column("description", .text).notNull()
                t.column("targetCents", .integer).notNull().check { $0 > 0 }
                t.column("deadline", .text).notNull()
                t.column("closesAtMillis", .integer).notNull()
                t.column("contact", .text)
                t.column("createdAt", .datetime).notNull()
            }
            // The ledger: (roundId, sequence) orders the Merkle log; UNIQUE(roundId, codeHash) is what makes
            // exactly one of two simultaneous redemptions of a code win, whatever the code above it does.
            try db.create(table: "chequeRedemption") { t in
                t.column("roundId", .text).notNull().references("chequeRound", onDelete: .restrict)
                t.column("sequence", .integer).notNull().check { $0 >= 0 }
                t.column("codeHash", .blob).notNull()
                t.column("initiativeId", .integer).notNull().indexed().references("initiative", onDelete: .restrict)
                t.column("channel", .text).notNull().check { ["online", "paper", "kiosk"].contains($0) }
                t.column("valueCents", .integer).notNull()
                t.column("timeMillis", .integer).notNull()
                t.column("leafHash", .blob).notNull()
                t.primaryKey(["roundId", "sequence"])
                t.uniqueKey(["roundId", "codeHash"])
                t.foreignKey(["roundId", "codeHash"], references: "cheque", onDelete: .restrict)
            }
            try db.create(table: "chequeCheckpoint") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("roundId", .text).notNull().indexed().references("chequeRound", onDelete: .restrict)
                t.column("size", .integer).notNull()
                t.column("root", .blob).notNull()
                t.column("timeMillis", .integer).notNull()
                t.column("signer", .blob).notNull()
                t.column("signature", .blob).notNull()
            }
            try db.create(table: "chequeSettlement") { t in
                t.primaryKey("roundId", .text).references("chequeRound", onDelete: .restrict)
                t.column("settledAtMillis", .integer).notNull()
                t.column("ledgerSize", .integer).notNull()
                t.column("ledgerRoot", .blob).notNull()
                t.column("issuedCents", .integer).notNull()
                t.column("redeemedCents", .integer).notNull()
                t.column("fundedCents", .integer).notNull()
                t.column("returnedCents", .integer).notNull()
                t.column("unredeemedCents", .integer).notNull()
                t.column("signer", .blob).notNull()
                t.column("signature", .blob).notNull()
            }
            try db.create(table: "chequeSettlementLine") { t in
                t.column("roundId", .text).notNull().references("chequeSettlement", onDelete: .restrict)
                t.column("initiativeId", .integer).notNull().references("initiative", onDelete: .restrict)
                t.column("cheques", .integer).notNull()
                t.column("collectedCents", .integer).notNull()
                t.column("funded", .boolean).notNull()
                t.column("fundedCents", .integer).notNull()
                t.primaryKey(["roundId", "initiativeId"])
            }
        }
    }

    /// Issue 15: cheque keys, signed redemptions and the round's pre-publication. A new migration; it changes no
    /// earlier one. Cheques and redemptions stored before it have no key and no signature (format 1) and stay so; a
    /// round issued from this migration on is of format 2: every cheque's public key (derived from its code) is in
    /// the issued set, and every redemption is signed with it.
    static func registerChequeKeyMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6: cheque keys, signed redemptions, cheque round pre-publication") { db in
            try db.alter(table: "cheque") { t in
                t.add(column: "publicKey", .blob)
            }
            try db.alter(table: "chequeIssuance") { t in
                t.add(column: "format", .integer).notNull().defaults(to: 1)
            }
            try db.alter(table: "chequeRedemption") { t in
                t.add(column: "chequePublicKey", .blob)
                t.add(column: "signature", .blob)
            }
            try db.create(table: "chequePrePublication", options: .withoutRowID) { t in
                t.primaryKey("roundId", .text).references("chequeRound", onDelete: .restrict)
                // prepublication.json exactly as published: the export repeats these bytes.
                t.column("json", .text).notNull()
                t.column("fingerprint", .text).notNull()
                t.column("publishedAtMillis", .integer).notNull()
            }
        }
    }
}
