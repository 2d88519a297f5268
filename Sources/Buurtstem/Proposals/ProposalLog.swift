import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// The gemeente's proposals log: every step of every aanvraag as an entry of one append-only RFC 9162 Merkle log
/// (docs/record.md, "Proposals"). Entries are appended in the same transaction as the change they record, so the
/// store and its log never disagree.
public enum ProposalLog {
    /// A stored entry (table `proposalLogEntry`): the typed entry kept as its record line, and its leaf hash.
    struct StoredEntry: Codable, FetchableRecord, PersistableRecord {
        var sequence: Int64
        var proposalId: Int64
        var kind: String
        var timeMillis: Int64
        /// The entry's `log.jsonl` line (``ProposalLogLine``), as JSON.
        var entry: Data
        var leafHash: Data

        static let databaseTableName = "proposalLogEntry"
    }

    /// The log id of this store's gemeente.
    static func logId(_ db: Database) throws -> String {
        guard let gemeente = try Gemeente.fetchOne(db) else {
            throw BuurtstemError(.notFound, "the database has no gemeente: it was not initialised by Buurtstem", remedy: .initialise)
        }
        return ProposalEntry.logId(gemeente: gemeente.code)
    }

    /// Appends `body` about proposal `proposal` (0 for the whole log) at `now` (or the last entry's time, if later).
    @discardableResult
    static func append(_ body: ProposalEntry.Body, proposal: Int64, now: Date, _ db: Database) throws -> ProposalEntry {
        let last = try StoredEntry.order(Column("sequence").desc).fetchOne(db)
        let entry = ProposalEntry(sequence: UInt64(last.map { $0.sequence + 1 } ?? 0),
                                  timeMillis: max(ChequeCalendar.millis(now), last?.timeMillis ?? Int64.min),
                                  proposal: UInt64(proposal), body: body)
        let line = ProposalLogLine(entry, logId: try logId(db))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try StoredEntry(sequence: Int64(entry.sequence), proposalId: proposal, kind: body.kind, timeMillis: entry.timeMillis,
                entry: try encoder.encode(line), leafHash: Data(line.leafHash.bytes)).insert(db)
        return entry
    }

    /// Every entry, in order (the stored lines were written by ``append(_:proposal:now:_:)``).
    static func lines(_ db: Database) throws -> [ProposalLogLine] {
        let decoder = JSONDecoder()
        return try StoredEntry.order(Column("sequence")).fetchAll(db).map { try decoder.decode(ProposalLogLine.self, from: $0.entry) }
    }

    /// The entries about proposal `proposal`, in order.
    static func lines(proposal: Int64, _ db: Database) throws -> [ProposalLogLine] {
        let decoder = JSONDecoder()
        return try StoredEntry.filter(Column("proposalId") == proposal).order(Column("sequence")).fetchAll(db)
            .map { try decoder.decode(ProposalLogLine.self, from: $0.entry) }
    }

    /// The log's size, tree head and last entry time.
    static func head(_ db: Database) throws -> (size: UInt64, root: [UInt8], lastTimeMillis: Int64?) {
        var log = MerkleLog()
        var last: Int64?
        let rows = try GRDB.Row.fetchCursor(db, sql: "SELECT leafHash, timeMillis FROM proposalLogEntry ORDER BY sequence")
        while let row = try rows.next() {
            log.append(leafHash: [UInt8](row["leafHash"] as Data))
            last = row["timeMillis"]
        }
        return (UInt64(log.size), log.root, last)
    }
}
