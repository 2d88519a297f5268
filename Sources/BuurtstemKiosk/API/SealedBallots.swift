import Buurtstem
import BuurtstemCrypto
import Synchronization

/// The ballots sealed at the review step of a secret election and not yet cast or opened, by a random handle the
/// page sends back (docs/kiosk.md, "Controleer deze stem"). In memory only: each holds its randomness, which must
/// never reach the store or the log. A handle is taken exactly once, by casting or by opening: an opened ballot
/// can never be cast afterwards. A new seal for a pass forgets that pass's earlier ones; at most `limit` are kept.
final class SealedBallots: Sendable {
    private struct Entry {
        let handle: String
        let sealed: SealedBallot
    }

    private let entries = Mutex<[Entry]>([])
    private let limit: Int

    /// A store of at most `limit` sealed ballots (the oldest goes first).
    init(limit: Int = 64) {
        self.limit = limit
    }

    /// Keeps `sealed` and returns its new handle.
    func keep(_ sealed: SealedBallot) -> String {
        let handle = Hex.encode(SecureRandom.bytes(count: 16))
        entries.withLock { entries in
            entries.removeAll { $0.sealed.pass == sealed.pass }
            entries.append(Entry(handle: handle, sealed: sealed))
            if entries.count > limit { entries.removeFirst(entries.count - limit) }
        }
        return handle
    }

    /// Removes and returns the sealed ballot of `handle`, if it is still kept.
    func take(_ handle: String) -> SealedBallot? {
        entries.withLock { entries in
            guard let index = entries.firstIndex(where: { ConstantTime.equal(Array($0.handle.utf8), Array(handle.utf8)) }) else { return nil }
            return entries.remove(at: index).sealed
        }
    }
}
