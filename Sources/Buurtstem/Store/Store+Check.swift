import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

extension Store {
    /// Checks the database file and the engine's own invariants; returns one line per problem (empty when sound).
    ///
    /// Used after a crash or a `kill -9` to show that nothing half-written remains.
    public func check() throws -> [String] {
        try read { db in
            var problems: [String] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { problems += integrity.map { "SQLite integrity: \($0)" } }
            let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            problems += foreignKeys.map { "a row in \($0[0] as String? ?? "?") refers to a missing row in \($0[2] as String? ?? "?")" }
            let snapshots = try Row.fetchAll(db, sql: """
                SELECT s.id, s.householdCount, s.residentCount, s.eligibleCount,
                       COUNT(h.householdId) AS households, COALESCE(SUM(h.residents), 0) AS residents,
                       COALESCE(SUM(h.eligible), 0) AS eligible
                FROM registerSnapshot s LEFT JOIN household h ON h.snapshotId = s.id
                GROUP BY s.id
                """)
            for row in snapshots {
                let id: Int64 = row["id"]
                if row["householdCount"] as Int != row["households"] as Int
                    || row["residentCount"] as Int != row["residents"] as Int
                    || row["eligibleCount"] as Int != row["eligible"] as Int {
                    problems.append("register snapshot \(id): its totals do not match its household rows")
                }
            }
            problems += try checkBallotLogs(db)
            problems += try chequeProblems(db)
            problems += try reachProblems(db)
            problems += try proposalProblems(db)
            return problems
        }
    }

    /// Every kiosk log is gapless, each ballot's leaf hash matches its fields, each pass is used once per store,
    /// and every checkpoint's tree head is the head of the log's first `size` ballots.
    private func checkBallotLogs(_ db: Database) throws -> [String] {
        var problems: [String] = []
        let logs = try Row.fetchAll(db, sql: "SELECT electionId, name, closed FROM kiosk ORDER BY electionId, name")
        for log in logs {
            let election: String = log["electionId"], kiosk: String = log["name"], closed: Bool = log["closed"]
            var tree = MerkleLog()
            var heads: [Int: [UInt8]] = [0: tree.root]
            let definitionHash = try [UInt8](Data.fetchOne(db, sql: "SELECT definitionHash FROM election WHERE id = ?", arguments: [election]) ?? Data())
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT sequence, pass, area, choices, timeMillis, signature, leafHash, version FROM ballot
                WHERE electionId = ? AND kiosk = ? ORDER BY sequence
                """, arguments: [election, kiosk])
            while let row = try cursor.next() {
                let sequence: Int64 = row["sequence"]
                if sequence != tree.size {
                    problems.append("kiosk \(kiosk) of \(election): the log jumps from \(tree.size) to \(sequence)")
                    break
                }
                let leaf: [UInt8]
                if row["version"] as Int64 == 3 {
                    // A secret election's ballot: its ciphertexts and proof are in encryptedBallot.
                    guard let sealed = try Row.fetchOne(db, sql: """
                        SELECT b.sequence, b.pass, b.area, b.signature, e.ciphertexts, e.proof FROM ballot b
                        JOIN encryptedBallot e ON e.electionId = b.electionId AND e.kiosk = b.kiosk AND e.sequence = b.sequence
                        WHERE b.electionId = ? AND b.kiosk = ? AND b.sequence = ?
                        """, arguments: [election, kiosk, sequence]) else {
                        problems.append("kiosk \(kiosk) of \(election): encrypted ballot \(sequence) has no ciphertexts")
                        tree.append(leafHash: [UInt8](row["leafHash"] as Data))
                        heads[tree.size] = tree.root
                        continue
                    }
                    leaf = try SecretElection.ballot(sealed, election: election, definitionHash: definitionHash, kiosk: kiosk).leafHash
                } else {
                    leaf = Ballot(election: election, definitionHash: Ballot.boundHash(version: row["version"], definitionHash),
                                  area: row["area"], pass: try PublicKey(bytes: [UInt8](row["pass"] as Data)),
                                  choices: try JSONDecoder().decode([Choice].self, from: Data((row["choices"] as String).utf8)),
                                  kiosk: kiosk, sequence: UInt64(sequence), timeMillis: row["timeMillis"],
                                  signature: try Signature(bytes: [UInt8](row["signature"] as Data))).leafHash
                }
                if leaf != [UInt8](row["leafHash"] as Data) {
                    problems.append("kiosk \(kiosk) of \(election): ballot \(sequence) does not match its stored leaf hash")
                }
                tree.append(leafHash: [UInt8](row["leafHash"] as Data))
                heads[tree.size] = tree.root
            }
            var finalSize: Int?
            for checkpoint in try Row.fetchAll(db, sql: "SELECT size, root, final FROM checkpoint WHERE electionId = ? AND kiosk = ?", arguments: [election, kiosk]) {
                let size = Int(checkpoint["size"] as Int64)
                if heads[size] != [UInt8](checkpoint["root"] as Data) {
                    problems.append("kiosk \(kiosk) of \(election): the checkpoint at \(size) ballots does not match the log")
                }
                if checkpoint["final"] as Bool {
                    if let earlier = finalSize { problems.append("kiosk \(kiosk) of \(election): two final checkpoints (at \(earlier) and \(size) ballots)") }
                    finalSize = size
                }
            }
            if let finalSize, tree.size > finalSize {
                problems.append("kiosk \(kiosk) of \(election): \(tree.size - finalSize) ballots after its final checkpoint at \(finalSize) ballots")
            }
            if closed != (finalSize != nil) {
                problems.append("kiosk \(kiosk) of \(election): " + (closed ? "marked closed without a final checkpoint" : "has a final checkpoint but is not marked closed"))
            }
        }
        let openInClosed = try Row.fetchAll(db, sql: """
            SELECT k.electionId, k.name FROM kiosk k JOIN election e ON e.id = k.electionId WHERE e.state = 'closed' AND k.closed = 0
            """)
        problems += openInClosed.map { "kiosk \($0["name"] as String) of \($0["electionId"] as String): still open, but the polls are closed" }
        let unlogged = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM passUse u WHERE NOT EXISTS (SELECT 1 FROM ballot b WHERE b.electionId = u.electionId AND b.pass = u.pass)
            """) ?? 0
        if unlogged > 0 { problems.append("\(unlogged) passes are marked used without a ballot") }
        return problems
    }
}
