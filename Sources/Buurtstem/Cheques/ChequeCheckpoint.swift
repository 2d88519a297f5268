import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// A stored, signed checkpoint of a round's redemption ledger (the record's `Checkpoint`, log id
/// `cheques/<round>/ledger`), signed with the round's ledger key.
public struct ChequeCheckpoint: Sendable, Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// Row id, in the order checkpoints were made.
    public var id: Int64?
    /// The round.
    public var roundId: String
    /// Ledger entries covered.
    public var size: Int64
    /// The ledger's tree head over those entries.
    public var root: Data
    /// When, in milliseconds since 1970 (UTC).
    public var timeMillis: Int64
    /// The ledger key's public key.
    public var signer: Data
    /// The Ed25519 signature over `Checkpoint.signedBytes`.
    public var signature: Data

    public static let databaseTableName = "chequeCheckpoint"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// A stored checkpoint of `checkpoint`.
    init(round: String, _ checkpoint: Checkpoint) {
        self.roundId = round
        self.size = Int64(checkpoint.size)
        self.root = Data(checkpoint.root)
        self.timeMillis = checkpoint.timeMillis
        self.signer = Data(checkpoint.signer.bytes)
        self.signature = Data(checkpoint.signature.bytes)
    }

    /// As the record's checkpoint.
    public func checkpoint() throws -> Checkpoint {
        Checkpoint(logId: "cheques/\(roundId)/ledger", size: UInt64(size), root: [UInt8](root), timeMillis: timeMillis,
                   signer: try PublicKey(bytes: [UInt8](signer)), signature: try Signature(bytes: [UInt8](signature)))
    }

    /// Signs and stores a checkpoint of round `round`'s ledger as it stands at `now`, with its ledger key.
    ///
    /// The key is the one named in the round's signed issued set; the time is never before the last entry's.
    public static func make(round roundId: String, in store: Store, ledgerKey: SigningKey, now: Date = Date()) throws -> Checkpoint {
        let round = try store.chequeRound(roundId)
        return try store.write { db in
            let checkpoint = try make(round: round, ledgerKey: ledgerKey, nowMillis: ChequeCalendar.millis(now), db)
            var stored = ChequeCheckpoint(round: roundId, checkpoint)
            try stored.insert(db)
            return checkpoint
        }
    }

    /// Signs a checkpoint of the whole ledger within the transaction `db`.
    static func make(round: ChequeRound, ledgerKey: SigningKey, nowMillis: Int64, _ db: Database) throws -> Checkpoint {
        guard let issuance = try ChequeIssuance.fetchOne(db, key: round.id) else {
            throw BuurtstemError(.wrongState, "round \(round.id) is not issued yet; its ledger starts with the issue")
        }
        guard [UInt8](issuance.ledgerPublicKey) == ledgerKey.publicKey.bytes else {
            throw BuurtstemError(.keys, "the ledger key given is not round \(round.id)'s (its issued set names \(Hex.encode(issuance.ledgerPublicKey).prefix(16))...); use the ledger key file made when the round was issued")
        }
        let head = try ChequeLedger.head(round: round.id, db)
        return Checkpoint(logId: round.ledgerLogId, size: UInt64(head.size), root: head.root,
                          timeMillis: max(nowMillis, head.lastTimeMillis ?? Int64.min), signedBy: ledgerKey)
    }
}

/// Reading a round's redemption ledger in order, without holding it in memory.
enum ChequeLedger {
    /// The ledger's size, tree head and last entry time.
    struct Head {
        let size: Int64
        let root: [UInt8]
        let lastTimeMillis: Int64?
    }

    /// The tree head over every entry of round `round`, streamed from the store.
    static func head(round: String, _ db: Database) throws -> Head {
        var log = MerkleLog()
        var last: Int64?
        let rows = try Row.fetchCursor(db, sql: "SELECT leafHash, timeMillis FROM chequeRedemption WHERE roundId = ? ORDER BY sequence",
                                       arguments: [round])
        while let row = try rows.next() {
            log.append(leafHash: [UInt8](row["leafHash"] as Data))
            last = row["timeMillis"]
        }
        return Head(size: Int64(log.size), root: log.root, lastTimeMillis: last)
    }
}
