import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// A kiosk's append-only ballot log as stored: its ballots in order, tree heads and signed checkpoints.
public struct KioskLog: Sendable {
    /// The store.
    public let store: Store
    /// The election.
    public let election: String
    /// The kiosk.
    public let kiosk: String

    /// The log of `kiosk` in `election`.
    public init(store: Store, election: String, kiosk: String) {
        self.store = store
        self.election = election
        self.kiosk = kiosk
    }

    /// Calls `body` with each ballot in log order, reading in pages so a long log never sits in memory at once.
    public func forEachBallot(_ body: (Ballot) throws -> Void) throws {
        let definitionHash = [UInt8](try store.election(election).definitionHash)
        try store.read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT sequence, pass, area, choices, timeMillis, signature, version FROM ballot
                WHERE electionId = ? AND kiosk = ? ORDER BY sequence
                """, arguments: [election, kiosk])
            let decoder = JSONDecoder()
            while let row = try cursor.next() {
                let choices = try decoder.decode([Choice].self, from: Data((row["choices"] as String).utf8))
                try body(Ballot(election: election, definitionHash: Ballot.boundHash(version: row["version"], definitionHash), area: row["area"], pass: try PublicKey(bytes: [UInt8](row["pass"] as Data)),
                                choices: choices, kiosk: kiosk, sequence: UInt64(row["sequence"] as Int64),
                                timeMillis: row["timeMillis"], signature: try Signature(bytes: [UInt8](row["signature"] as Data))))
            }
        }
    }

    /// The log's size and tree head, from the stored leaf hashes.
    public func treeHead() throws -> (size: UInt64, root: [UInt8]) {
        try store.read { db in
            var log = MerkleLog()
            let cursor = try Data.fetchCursor(db, sql: "SELECT leafHash FROM ballot WHERE electionId = ? AND kiosk = ? ORDER BY sequence",
                                              arguments: [election, kiosk])
            while let hash = try cursor.next() { log.append(leafHash: [UInt8](hash)) }
            return (UInt64(log.size), log.root)
        }
    }

    /// Signs and stores an interim checkpoint of the log as it is now. The final one is written only by
    /// `Polls.close`, the one close.
    @discardableResult
    public func checkpoint(kioskKey: SigningKey, timeMillis: Int64) throws -> Checkpoint {
        let logId = try verifiedLogId(kioskKey)
        return try store.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT closed FROM kiosk WHERE electionId = ? AND name = ?", arguments: [election, kiosk]) == false else {
                throw BuurtstemError(.wrongState, "kiosk \(kiosk)'s log is closed; its final checkpoint is its last")
            }
            return try writeCheckpoint(db, logId: logId, kioskKey: kioskKey, timeMillis: timeMillis, final: false)
        }
    }

    /// The log id, after checking that `kioskKey` is this kiosk's registered key.
    func verifiedLogId(_ kioskKey: SigningKey) throws -> String {
        let registered = try store.kiosk(election: election, name: kiosk)
        guard [UInt8](registered.publicKey) == kioskKey.publicKey.bytes else {
            throw BuurtstemError(.keys, "the key given is not kiosk \(kiosk)'s; pass its key file (\(registered.keyFile))")
        }
        return try registered.registration.logId
    }

    /// Inside the caller's write transaction: the log's final checkpoint, and the kiosk marked closed, so that a
    /// cast (which checks the mark in its own write transaction) lands either before the checkpoint or not at all.
    func writeFinalCheckpoint(_ db: Database, logId: String, kioskKey: SigningKey, timeMillis: Int64) throws -> Checkpoint {
        let checkpoint = try writeCheckpoint(db, logId: logId, kioskKey: kioskKey, timeMillis: timeMillis, final: true)
        try db.execute(sql: "UPDATE kiosk SET closed = 1 WHERE electionId = ? AND name = ?", arguments: [election, kiosk])
        return checkpoint
    }

    /// Signs and stores a checkpoint inside the caller's transaction.
    private func writeCheckpoint(_ db: Database, logId: String, kioskKey: SigningKey, timeMillis: Int64, final: Bool) throws -> Checkpoint {
        var log = MerkleLog()
        let cursor = try Data.fetchCursor(db, sql: "SELECT leafHash FROM ballot WHERE electionId = ? AND kiosk = ? ORDER BY sequence",
                                          arguments: [election, kiosk])
        while let hash = try cursor.next() { log.append(leafHash: [UInt8](hash)) }
        let checkpoint = Checkpoint(logId: logId, size: UInt64(log.size), root: log.root, timeMillis: timeMillis, signedBy: kioskKey)
        try db.execute(sql: """
            INSERT OR REPLACE INTO checkpoint (electionId, kiosk, size, root, timeMillis, signature, final)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [election, kiosk, log.size, Data(checkpoint.root), timeMillis, Data(checkpoint.signature.bytes), final])
        return checkpoint
    }

    /// The stored checkpoints, oldest first.
    public func checkpoints() throws -> [Checkpoint] {
        let registered = try store.kiosk(election: election, name: kiosk)
        let signer = try PublicKey(bytes: [UInt8](registered.publicKey))
        let logId = try registered.registration.logId
        return try store.read { db in
            try Row.fetchAll(db, sql: "SELECT size, root, timeMillis, signature FROM checkpoint WHERE electionId = ? AND kiosk = ? ORDER BY size, timeMillis",
                             arguments: [election, kiosk]).map { row in
                Checkpoint(logId: logId, size: UInt64(row["size"] as Int64), root: [UInt8](row["root"] as Data),
                           timeMillis: row["timeMillis"], signer: signer, signature: try Signature(bytes: [UInt8](row["signature"] as Data)))
            }
        }
    }
}
