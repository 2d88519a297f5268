import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// A stored, signed checkpoint of the gemeente's proposals log (the record's `Checkpoint`, log id
/// `proposals/<gemeente code>`), signed with the gemeente's issuing key.
public struct ProposalCheckpoint: Sendable, Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// Row id, in the order checkpoints were made.
    public var id: Int64?
    /// Entries covered.
    public var size: Int64
    /// The log's tree head over those entries.
    public var root: Data
    /// When, in milliseconds since 1970 (UTC).
    public var timeMillis: Int64
    /// The issuing key's public key.
    public var signer: Data
    /// The signature over `Checkpoint.signedBytes`.
    public var signature: Data

    public static let databaseTableName = "proposalCheckpoint"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// As the record's checkpoint of log `logId`.
    func checkpoint(logId: String) throws -> Checkpoint {
        Checkpoint(logId: logId, size: UInt64(size), root: [UInt8](root), timeMillis: timeMillis,
                   signer: try PublicKey(bytes: [UInt8](signer)), signature: try Signature(bytes: [UInt8](signature)))
    }

    /// Signs and stores a checkpoint of the whole log at `now` (never before its last entry) with `issuingKey`,
    /// which must be the gemeente's.
    @discardableResult
    public static func make(in store: Store, issuingKey: SigningKey, now: Date = Date()) throws -> Checkpoint {
        try store.write { db in
            guard let gemeente = try Gemeente.fetchOne(db), [UInt8](gemeente.issuingPublicKey) == issuingKey.publicKey.bytes else {
                throw BuurtstemError(.keys, "the key given is not this gemeente's issuing key, which signs the proposals log's checkpoints")
            }
            let head = try ProposalLog.head(db)
            let checkpoint = Checkpoint(logId: ProposalEntry.logId(gemeente: gemeente.code), size: head.size, root: head.root,
                                        timeMillis: max(ChequeCalendar.millis(now), head.lastTimeMillis ?? Int64.min), signedBy: issuingKey)
            var stored = ProposalCheckpoint(id: nil, size: Int64(checkpoint.size), root: Data(checkpoint.root), timeMillis: checkpoint.timeMillis,
                                            signer: Data(checkpoint.signer.bytes), signature: Data(checkpoint.signature.bytes))
            try stored.insert(db)
            return checkpoint
        }
    }
}
