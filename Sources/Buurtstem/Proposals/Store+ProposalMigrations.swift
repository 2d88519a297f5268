import Foundation
import GRDB

extension Store {
    /// The aanvragen's tables: one migration of their own, registered after the others and touching nothing else.
    ///
    /// `proposal` keeps the initiatiefnemer's contact, which never leaves the store; `proposalLogEntry` is the
    /// gemeente's signed, append-only proposals log (docs/record.md, "Proposals"), written in the same transaction
    /// as every change it records.
    static func registerProposalMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5: proposals, toetsing and their log") { db in
            try db.create(table: "proposal") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("areaCode", .text).notNull()
                t.column("title", .text).notNull()
                t.column("description", .text).notNull()
                t.column("contact", .text).notNull()
                t.column("requestedCents", .integer).notNull().check { $0 > 0 }
                t.column("ownHours", .integer).notNull().check { $0 >= 0 }
                t.column("ownCents", .integer).notNull().check { $0 >= 0 }
                t.column("status", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "proposalCost") { t in
                t.column("proposalId", .integer).notNull().references("proposal", onDelete: .restrict)
                t.column("position", .integer).notNull()
                t.column("name", .text).notNull()
                t.column("cents", .integer).notNull().check { $0 > 0 }
                t.primaryKey(["proposalId", "position"])
            }
            try db.create(table: "proposalCoFunder") { t in
                t.column("proposalId", .integer).notNull().references("proposal", onDelete: .restrict)
                t.column("position", .integer).notNull()
                t.column("name", .text).notNull()
                t.column("cents", .integer).notNull().check { $0 > 0 }
                t.primaryKey(["proposalId", "position"])
            }
            try db.create(table: "proposalGoal") { t in
                t.column("proposalId", .integer).notNull().references("proposal", onDelete: .restrict)
                t.column("position", .integer).notNull()
                t.column("goal", .text).notNull()
                t.primaryKey(["proposalId", "position"])
            }
            try db.create(table: "assessmentCriterion") { t in
                t.primaryKey("id", .text)
                t.column("setName", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("name", .text).notNull()
                t.column("question", .text).notNull()
            }
            try db.create(table: "interestDeclaration") { t in
                t.column("proposalId", .integer).notNull().references("proposal", onDelete: .restrict)
                t.column("assessor", .text).notNull()
                t.column("statement", .text).notNull()
                t.column("timeMillis", .integer).notNull()
                t.primaryKey(["proposalId", "assessor"])
            }
            try db.create(table: "criterionJudgement") { t in
                t.column("proposalId", .integer).notNull().references("proposal", onDelete: .restrict)
                t.column("criterionId", .text).notNull()
                t.column("assessor", .text).notNull()
                t.column("met", .boolean).notNull()
                t.column("reason", .text).notNull()
                t.column("timeMillis", .integer).notNull()
                t.primaryKey(["proposalId", "criterionId"])
            }
            try db.create(table: "proposalPayment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("proposalId", .integer).notNull().indexed().references("proposal", onDelete: .restrict)
                t.column("amountCents", .integer).notNull().check { $0 > 0 }
                t.column("milestone", .text).notNull()
                t.column("evidence", .text).notNull()
                t.column("timeMillis", .integer).notNull()
            }
            try db.create(table: "proposalLogEntry") { t in
                t.primaryKey("sequence", .integer)
                t.column("proposalId", .integer).notNull().indexed()
                t.column("kind", .text).notNull()
                t.column("timeMillis", .integer).notNull()
                t.column("entry", .blob).notNull()
                t.column("leafHash", .blob).notNull()
            }
            try db.create(table: "proposalCheckpoint") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("size", .integer).notNull()
                t.column("root", .blob).notNull()
                t.column("timeMillis", .integer).notNull()
                t.column("signer", .blob).notNull()
                t.column("signature", .blob).notNull()
            }
        }
    }

    /// Co-funders into the proposals log (format 2 of its record): a proposal received before the log had the
    /// `co_funding` kind gets its entry now, appended at the end, so the money per funder of a store made by an
    /// earlier version is bound to the log too. Registered last: it needs the gemeente and the log.
    static func registerProposalCoFundingMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v10: co-funders in the proposals log") { db in
            let logged = Set(try Int64.fetchAll(db, sql: "SELECT proposalId FROM proposalLogEntry WHERE kind = 'co_funding'"))
            for id in try Int64.fetchAll(db, sql: "SELECT DISTINCT proposalId FROM proposalCoFunder ORDER BY proposalId") where !logged.contains(id) {
                try Proposal.logCoFunding(try ProposalAmount.fetch(.coFunders, proposal: id, db), proposal: id, now: Date(), db)
            }
        }
    }

    /// Initiatives from aanvragen: which cheque round initiative each toegelaten aanvraag became, so settling the
    /// round moves the aanvraag on. A table of its own: the initiative's signed settlement bytes stay as they are.
    static func registerProposalInitiativeMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v11: initiatives from proposals") { db in
            try db.create(table: "proposalInitiative") { t in
                t.column("initiativeId", .integer).notNull().primaryKey().references("initiative", onDelete: .restrict)
                t.column("proposalId", .integer).notNull().unique().references("proposal", onDelete: .restrict)
            }
        }
    }
}
