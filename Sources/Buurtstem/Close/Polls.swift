import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// Opening and closing the polls of an election.
public enum Polls {
    /// Opens the polls: from now on ballots are accepted and no pass or kiosk can be added.
    public static func open(election electionId: String, store: Store) throws -> Election {
        var election = try store.election(electionId)
        guard election.state == .issued else {
            throw UsageError(election.state == .created
                ? "the passes of '\(electionId)' have not been issued; run 'buurtstem stempas issue' first"
                : "the polls of '\(electionId)' are already \(election.state.rawValue)")
        }
        guard try !store.kiosks(election: electionId).isEmpty else {
            throw UsageError("'\(electionId)' has no kiosk; add at least one with 'buurtstem kiosk add' before opening")
        }
        election.state = .open
        election.openedAt = Date()
        try store.write { db in try election.update(db) }
        return election
    }

    /// Closes the polls: the logs of `only` (every kiosk when nil) get a final signed checkpoint and no ballot is
    /// accepted after. A location with its own store closes only its own kiosks. `kioskKey` opens a kiosk's key.
    public static func close(election electionId: String, store: Store, timeMillis: Int64, only: [String]? = nil,
                             kioskKey: (Kiosk) throws -> SigningKey) throws -> [Checkpoint] {
        var election = try store.election(electionId)
        guard election.state == .open else {
            throw UsageError("the polls of '\(electionId)' are \(election.state.rawValue), not open; nothing to close")
        }
        // Unseal every key first, so a wrong passphrase stops before anything changes.
        let all = try store.kiosks(election: electionId)
        if let unknown = only?.first(where: { name in !all.contains { $0.name == name } }) {
            throw UsageError("'\(electionId)' has no kiosk '\(unknown)'; its kiosks: \(all.map(\.name).joined(separator: ", "))")
        }
        let logs = try all.filter { only?.contains($0.name) ?? true }.map { kiosk in
            let key = try kioskKey(kiosk)
            let log = KioskLog(store: store, election: electionId, kiosk: kiosk.name)
            return (log, key, try log.verifiedLogId(key))
        }
        election.state = .closed
        election.closedAt = Date()
        // One transaction: the state and every final checkpoint, or none of it.
        return try store.write { db in
            try election.update(db)
            return try logs.map { log, key, logId in
                try log.writeCheckpoint(db, logId: logId, kioskKey: key, timeMillis: timeMillis, final: true)
            }
        }
    }
}
