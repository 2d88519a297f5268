import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// Opening and closing the polls of an election.
///
/// There is one close: a kiosk's log ends with its final signed checkpoint, written in the same transaction that
/// marks the kiosk closed, so no cast can slip in between (casting re-checks the kiosk inside its own write
/// transaction). The election's polls are closed in a store exactly when every kiosk log in it is closed, whether
/// that happens through `close` (the CLI, the kiosk's staff screen, the demo) or through a location merge.
public enum Polls {
    /// Opens the polls: from now on ballots are accepted and no pass or kiosk can be added.
    ///
    /// Refused while the election has no pre-publication: once the polls are open nothing can be pre-published, and
    /// without it observers cannot pin the definition, passes and kiosks. `withoutPrePublication` is the explicit
    /// override for a small vote with no observers to pin (docs/elections.md); its record then has no
    /// `prepublication.json` and the verifier reports it as NOT PRE-PUBLISHED.
    public static func open(election electionId: String, store: Store, withoutPrePublication: Bool = false) throws -> Election {
        var election = try store.election(electionId)
        guard election.state == .issued else {
            if election.state == .created {
                throw BuurtstemError(.wrongState, "the passes of '\(electionId)' have not been issued; issue them first",
                                     remedy: .issuePasses(election: electionId))
            }
            throw BuurtstemError(.wrongState, "the polls of '\(electionId)' are already \(election.state.rawValue)")
        }
        guard try !store.kiosks(election: electionId).isEmpty else {
            throw BuurtstemError(.notFound, "'\(electionId)' has no kiosk; add at least one before opening",
                                 remedy: .addKiosk(election: electionId))
        }
        if !withoutPrePublication, try store.prePublication(election: electionId) == nil {
            throw BuurtstemError(.wrongState, "'\(electionId)' was not pre-published, and after the polls open it cannot be: "
                + "pre-publish it first and publish the folder and its fingerprint (docs/operations.md, 5a). Only a small vote "
                + "with no observers may open without it (the verifier then reports the record as NOT PRE-PUBLISHED)",
                                 remedy: .publishElection(election: electionId))
        }
        election.state = .open
        election.openedAt = Date()
        try store.write { db in try election.update(db) }
        return election
    }

    /// Closes kiosk logs: each named kiosk (every kiosk still open when `only` is nil) gets its final signed
    /// checkpoint and takes no ballot after it. When no kiosk of the election is open any more in this store, the
    /// election's polls are closed too; until then the other kiosks go on. `kioskKey` opens a kiosk's key.
    public static func close(election electionId: String, store: Store, timeMillis: Int64, only: [String]? = nil,
                             kioskKey: (Kiosk) throws -> SigningKey) throws -> [Checkpoint] {
        let election = try store.election(electionId)
        guard election.state == .open else {
            throw BuurtstemError(.wrongState, "the polls of '\(electionId)' are \(election.state.rawValue), not open; nothing to close")
        }
        let all = try store.kiosks(election: electionId)
        if let unknown = only?.first(where: { name in !all.contains { $0.name == name } }) {
            throw BuurtstemError(.notFound, "'\(electionId)' has no kiosk '\(unknown)'; its kiosks: \(all.map(\.name).joined(separator: ", "))")
        }
        if let closed = all.first(where: { $0.closed && (only?.contains($0.name) ?? false) }) {
            let open = all.filter { !$0.closed }.map(\.name)
            throw BuurtstemError(.wrongState, "kiosk '\(closed.name)' of '\(electionId)' is already closed (its final checkpoint is signed); "
                + (open.isEmpty ? "no kiosk is open" : "still open: \(open.joined(separator: ", "))"))
        }
        let targets = all.filter { kiosk in !kiosk.closed && (only?.contains(kiosk.name) ?? true) }
        // Unseal every key first, so a wrong passphrase stops before anything changes.
        let logs = try targets.map { kiosk in
            let key = try kioskKey(kiosk)
            let log = KioskLog(store: store, election: electionId, kiosk: kiosk.name)
            return (log, key, try log.verifiedLogId(key))
        }
        // One transaction: every final checkpoint and the states they imply, or none of it.
        return try store.write { db in
            let checkpoints = try logs.map { log, key, logId in
                try log.writeFinalCheckpoint(db, logId: logId, kioskKey: key, timeMillis: timeMillis)
            }
            try closeElectionIfNoKioskOpen(db, election: electionId)
            return checkpoints
        }
    }

    /// Inside a write transaction: marks the election's polls closed when every kiosk log of it in this store is
    /// closed. The one place that decides an election's close.
    static func closeElectionIfNoKioskOpen(_ db: Database, election electionId: String) throws {
        try db.execute(sql: """
            UPDATE election SET state = ?, closedAt = ?
            WHERE id = ? AND state = ? AND NOT EXISTS (SELECT 1 FROM kiosk WHERE electionId = ? AND closed = 0)
            """, arguments: [Election.State.closed, Date(), electionId, Election.State.open, electionId])
    }
}
