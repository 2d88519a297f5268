import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// Merging the ballot logs of locations that kept their own store (a copy of the main store made after the
/// passes were issued and the kiosks added) into the main store.
///
/// Nothing is dropped: every ballot of every log is kept. A pass used at two locations is resolved later, at the
/// tally, by the published rule (the first by time, kiosk, sequence counts; the others are void and listed). So is
/// a pass revoked here at the desk after the location's copy was made (issue 19): the location's kiosks could not
/// know, so they took it; the tally lists every ballot of a revoked pass as void (a revoked pass never counts, the
/// household's new pass does), and the merge says how many it brought in.
public enum LocationMerge {
    /// What a merge did.
    public struct Summary: Sendable, Codable, Equatable {
        /// Ballots added per kiosk.
        public var added: [String: Int] = [:]
        /// Ballots already present (merged before).
        public var alreadyPresent = 0
        /// Checkpoints added.
        public var checkpointsAdded = 0
        /// Of the ballots added, those cast with a pass revoked in this store: each will be void at the tally.
        public var revokedPassBallots = 0
    }

    /// Merges the election's logs from the store at `otherPath` into `store`. Refuses stores of another gemeente
    /// or election definition or pass set, and logs that disagree (a fork): then nothing is changed.
    public static func merge(election electionId: String, from otherPath: String, into store: Store) throws -> Summary {
        let other = try Store.open(path: otherPath)
        guard try other.issuingPublicKey() == store.issuingPublicKey() else {
            throw BuurtstemError(.keys, "\(otherPath) belongs to another gemeente (another issuing key); it cannot be merged")
        }
        let mine = try store.election(electionId), theirs = try other.election(electionId)
        guard mine.definitionHash == theirs.definitionHash, mine.issuedRoot != nil, mine.issuedRoot == theirs.issuedRoot else {
            throw BuurtstemError(.conflict, "\(otherPath) has another definition or pass set for '\(electionId)'; a location's store must be a copy "
                + "of this one made after the passes were issued and the kiosks added")
        }
        let kiosks = Set(try store.kiosks(election: electionId).map(\.name))
        var ballots: [Row] = []
        var checkpoints: [Row] = []
        // A secret election's v3 ballots: their ciphertexts and proofs, by kiosk and sequence.
        var encrypted: [String: Row] = [:]
        try other.read { db in
            ballots = try Row.fetchAll(db, sql: "SELECT * FROM ballot WHERE electionId = ? ORDER BY kiosk, sequence", arguments: [electionId])
            for row in try Row.fetchAll(db, sql: "SELECT * FROM encryptedBallot WHERE electionId = ?", arguments: [electionId]) {
                encrypted["\(row["kiosk"] as String)/\(row["sequence"] as Int64)"] = row
            }
            checkpoints = try Row.fetchAll(db, sql: "SELECT * FROM checkpoint WHERE electionId = ?", arguments: [electionId])
        }
        // A pass replaced at the location after the copy is unknown here: its ballots would count a pass this store
        // never made, and the two replacement chains cannot both continue. Replacements belong to one desk.
        let theirReplacements = try other.read { db in
            try Data.fetchAll(db, sql: "SELECT signature FROM passReplacement WHERE electionId = ? ORDER BY sequence", arguments: [electionId])
        }
        let ourReplacements = Set(try store.read { db in
            try Data.fetchAll(db, sql: "SELECT signature FROM passReplacement WHERE electionId = ?", arguments: [electionId])
        })
        let unknown = theirReplacements.filter { !ourReplacements.contains($0) }.count
        if unknown > 0 {
            throw BuurtstemError(.conflict, "\(otherPath) has \(unknown) stempas replacement(s) this store does not have: passes were "
                + "replaced at the location. Nothing was merged. Stempassen are replaced only at the main store's desk; keep both stores and "
                + "report this to the election's auditors")
        }
        for row in checkpoints + ballots {
            let name: String = row["kiosk"]
            guard kiosks.contains(name) else {
                throw BuurtstemError(.badInput, "\(otherPath) has kiosk '\(name)', which this store does not know; add kiosks before copying stores")
            }
        }
        return try store.write { db in
            var summary = Summary()
            // Read inside the write: a revocation made while merging is either seen here or refuses nothing later.
            let revoked = Set(try Data.fetchAll(db, sql: "SELECT revoked FROM passReplacement WHERE electionId = ? AND revoked IS NOT NULL",
                                                arguments: [electionId]))
            for row in ballots {
                let kiosk: String = row["kiosk"], sequence: Int64 = row["sequence"], leaf: Data = row["leafHash"]
                if let existing = try Data.fetchOne(db, sql: "SELECT leafHash FROM ballot WHERE electionId = ? AND kiosk = ? AND sequence = ?",
                                                    arguments: [electionId, kiosk, sequence]) {
                    guard existing == leaf else {
                        throw BuurtstemError(.conflict, "kiosk \(kiosk)'s log differs between the stores at position \(sequence): the logs forked. "
                            + "Nothing was merged; keep both stores and report this to the election's auditors")
                    }
                    summary.alreadyPresent += 1
                    continue
                }
                if let final = try Int64.fetchOne(db, sql: "SELECT size FROM checkpoint WHERE electionId = ? AND kiosk = ? AND final = 1",
                                                  arguments: [electionId, kiosk]), sequence >= final {
                    throw BuurtstemError(.conflict, "kiosk \(kiosk)'s log was closed here at \(final) ballots, but \(otherPath) has more. "
                        + "Close each location's kiosks only in that location's store")
                }
                try db.execute(sql: """
                    INSERT INTO ballot (electionId, kiosk, sequence, pass, area, choices, timeMillis, signature, leafHash, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [electionId, kiosk, sequence, row["pass"] as Data, row["area"] as String, row["choices"] as String,
                                     row["timeMillis"] as Int64, row["signature"] as Data, leaf, row["version"] as Int64])
                if row["version"] as Int64 == 3 {
                    guard let sealed = encrypted["\(kiosk)/\(sequence)"] else {
                        throw BuurtstemError(.conflict, "\(otherPath) lacks the ciphertexts of kiosk \(kiosk)'s ballot \(sequence); nothing was merged. Check that store", remedy: .checkStore)
                    }
                    try db.execute(sql: "INSERT INTO encryptedBallot (electionId, kiosk, sequence, ciphertexts, proof) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [electionId, kiosk, sequence, sealed["ciphertexts"] as Data, sealed["proof"] as Data])
                }
                summary.added[kiosk, default: 0] += 1
                if revoked.contains(row["pass"] as Data) { summary.revokedPassBallots += 1 }
            }
            for row in checkpoints {
                let kiosk: String = row["kiosk"], size: Int64 = row["size"], root: Data = row["root"]
                if let existing = try Data.fetchOne(db, sql: "SELECT root FROM checkpoint WHERE electionId = ? AND kiosk = ? AND size = ?",
                                                    arguments: [electionId, kiosk, size]) {
                    guard existing == root else {
                        throw BuurtstemError(.conflict, "kiosk \(kiosk) signed two different tree heads for \(size) ballots: the logs forked. Nothing was merged")
                    }
                    continue
                }
                let final: Bool = row["final"]
                try db.execute(sql: """
                    INSERT INTO checkpoint (electionId, kiosk, size, root, timeMillis, signature, final) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [electionId, kiosk, size, root, row["timeMillis"] as Int64, row["signature"] as Data, final])
                if final { try db.execute(sql: "UPDATE kiosk SET closed = 1 WHERE electionId = ? AND name = ?", arguments: [electionId, kiosk]) }
                summary.checkpointsAdded += 1
            }
            // The location's final checkpoints may close the last open logs: then the polls are closed here too.
            try Polls.closeElectionIfNoKioskOpen(db, election: electionId)
            return summary
        }
    }
}
