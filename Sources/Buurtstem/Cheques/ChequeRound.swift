import Foundation
import GRDB

/// A cheque round (Ede Doet): every household of one register snapshot gets a cheque of the same value, valid
/// from the issue date through the valid-until date, for initiatives within the round's scope.
public struct ChequeRound: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    /// The round's id, e.g. `2026-voorjaar`: lower-case letters, digits and hyphens.
    public var id: String
    /// The register snapshot whose households get a cheque.
    public var snapshotId: Int64
    /// Each cheque's value in euro cents.
    public var valueCents: Int64
    /// The day the cheques are delivered (`YYYY-MM-DD`); redemption opens at its start.
    public var issueDate: String
    /// The last day a cheque can be redeemed (`YYYY-MM-DD`).
    public var validUntil: String
    /// The start of the issue date in the Netherlands, in milliseconds since 1970 (UTC).
    public var validFromMillis: Int64
    /// The first millisecond after the valid-until day: cheques are expired from then on.
    public var expiresMillis: Int64
    /// Where the cheques may be given.
    public var scope: ChequeScope
    /// When the round was created.
    public var createdAt: Date

    public static let databaseTableName = "chequeRound"

    /// The longest round id accepted; ids appear in file names and log ids.
    public static let maximumIdLength = 40

    /// The log id of the round's redemption ledger (docs/record.md, "Checkpoints").
    public var ledgerLogId: String { "cheques/\(id)/ledger" }

    /// The round's name as residents know it from the letter (without a letter file's `title`): "Buurtcheque
    /// voorjaar/najaar YEAR" from the issue date; "Buurtcheque ID" when the date cannot be read.
    public static func name(id: String, issueDate: String) -> String {
        let parts = issueDate.split(separator: "-")
        guard parts.count == 3, let month = Int(parts[1]) else { return "Buurtcheque \(id)" }
        return "Buurtcheque \(month <= 6 ? "voorjaar" : "najaar") \(parts[0])"
    }

    /// Creates a round over register snapshot `snapshot` (the latest when nil).
    ///
    /// `valueCents` and the days come checked from ``Money/parse(_:what:)`` and
    /// ``ChequeCalendar/day(_:what:)``; the round id must be new.
    public static func create(
        in store: Store, id: String, valueCents: Int64, issueDate: String, validUntil: String,
        scope: ChequeScope, snapshot: Int64?, now: Date = Date()
    ) throws -> ChequeRound {
        try checkId(id)
        guard valueCents > 0, valueCents <= Money.maximumCents else {
            throw BuurtstemError(.badInput, "the cheque value must be above 0 and at most EUR \(Money.plain(Money.maximumCents))")
        }
        let issueDate = try ChequeCalendar.day(issueDate, what: "the issue date")
        let validUntil = try ChequeCalendar.day(validUntil, what: "the last valid day")
        guard validUntil >= issueDate else {
            throw BuurtstemError(.badInput, "the last valid day \(validUntil) is before the issue date \(issueDate): a cheque must be valid for at least its issue day")
        }
        let registerSnapshot = try store.registerSnapshot(snapshot)
        let round = ChequeRound(
            id: id, snapshotId: registerSnapshot.id ?? 0, valueCents: valueCents, issueDate: issueDate,
            validUntil: validUntil, validFromMillis: try ChequeCalendar.startMillis(of: issueDate),
            expiresMillis: try ChequeCalendar.endMillis(of: validUntil), scope: scope, createdAt: now)
        try store.write { db in
            if try ChequeRound.exists(db, key: id) {
                throw BuurtstemError(.alreadyExists, "there is already a cheque round '\(id)'; choose another round id", remedy: .listChequeRounds)
            }
            try round.insert(db)
        }
        return round
    }

    /// Refuses an id that would not be safe in a file name, a log id or a URL.
    static func checkId(_ id: String) throws {
        let allowed = id.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                || $0 == UInt8(ascii: "-")
        }
        guard allowed, (1...maximumIdLength).contains(id.utf8.count), id.first != "-", id.last != "-" else {
            throw BuurtstemError(.badInput, "'\(id)' is not a round id: use 1 to \(maximumIdLength) lower-case letters, digits and "
                + "hyphens, e.g. 2026-voorjaar")
        }
    }

    /// The default sealed ledger key file of round `round` for a database: next to it,
    /// `NAME-ledger-ROUND.key` for `NAME.sqlite`.
    public static func defaultLedgerKeyPath(forDatabase databasePath: String, round: String) -> String {
        URL(fileURLWithPath: databasePath).deletingPathExtension().path + "-ledger-\(round).key"
    }
}

extension Store {
    /// Round `id`, with a clear error when there is none.
    public func chequeRound(_ id: String) throws -> ChequeRound {
        guard let round = try read({ try ChequeRound.fetchOne($0, key: id) }) else {
            throw BuurtstemError(.notFound, "there is no cheque round '\(id)'; create it first, or use one of the existing rounds",
                                 remedy: .listChequeRounds)
        }
        return round
    }

    /// Every round, oldest first.
    public func chequeRounds() throws -> [ChequeRound] {
        try read { try ChequeRound.order(Column("createdAt"), Column("id")).fetchAll($0) }
    }
}
