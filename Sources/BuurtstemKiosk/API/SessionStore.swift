import Foundation
import BuurtstemCrypto

/// The kiosk's browser sessions: a random session id (sent as an HttpOnly, SameSite=Strict cookie) bound to a
/// random CSRF token (which the page sends back in a header on every state-changing request), and whether staff
/// unlocked the session with the PIN, until when.
///
/// Kept in memory only: a restarted kiosk starts with no sessions, and the page simply asks for a new one.
///
/// The store holds at most `limit` sessions. A session counts as *in use* once a request has carried its cookie
/// back (the cookie is `SameSite=Strict` and `HttpOnly`, so only the kiosk's own page sends it). When the store is
/// full, a new session pushes out the least recently used session that was never used; an in-use session (a voter
/// in the middle of a ballot, an unlocked staff screen) goes only when every session is in use. So a flood of
/// `GET /api/session` cannot end a voter's session.
package actor SessionStore {
    /// One session.
    package struct Session: Sendable, Equatable {
        /// The id in the cookie.
        package let id: String
        /// The token the page must send in the `X-CSRF-Token` header.
        package let csrfToken: String
        /// Until when (clock seconds) the staff screen is unlocked; 0 when it is not.
        package var staffUntil: Double
        /// When it was last used (clock seconds).
        package var lastSeen: Double
        /// Whether a request has carried this session's cookie back since it was created.
        package var inUse: Bool
    }

    private var sessions: [String: Session] = [:]
    private let clock: @Sendable () -> Double
    private let limit: Int
    /// How long a PIN unlocks the staff screen, in seconds.
    package let staffSeconds: Double

    /// A store that keeps at most `limit` sessions (never-used ones make room first, the least recently used of
    /// them first) and unlocks staff screens for `staffSeconds`.
    package init(limit: Int = 256, staffSeconds: Double = 600,
                clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.limit = limit
        self.staffSeconds = staffSeconds
        self.clock = clock
    }

    /// Starts a new session.
    package func create() -> Session {
        if sessions.count >= limit {
            let leastRecent: (Session, Session) -> Bool = { $0.lastSeen < $1.lastSeen }
            if let oldest = sessions.values.filter({ !$0.inUse }).min(by: leastRecent) ?? sessions.values.min(by: leastRecent) {
                sessions[oldest.id] = nil
            }
        }
        let session = Session(id: Hex.encode(SecureRandom.bytes(count: 32)), csrfToken: Hex.encode(SecureRandom.bytes(count: 32)),
                              staffUntil: 0, lastSeen: clock(), inUse: false)
        sessions[session.id] = session
        return session
    }

    /// The session with cookie `id`, if it exists; marks it used (and so in use: a request carried its cookie).
    package func session(_ id: String?) -> Session? {
        guard let id, var session = sessions[id] else { return nil }
        session.lastSeen = clock()
        session.inUse = true
        sessions[id] = session
        return session
    }

    /// Whether `token` is the CSRF token of session `id` (compared in constant time).
    package func verify(id: String?, token: String?) -> Bool {
        guard let session = session(id), let token else { return false }
        return ConstantTime.equal(Array(session.csrfToken.utf8), Array(token.utf8))
    }

    /// Whether session `id` has the staff screen unlocked now.
    package func isStaff(_ id: String?) -> Bool {
        guard let session = session(id) else { return false }
        return session.staffUntil > clock()
    }

    /// Unlocks (or, with `false`, locks) the staff screen of session `id`.
    package func setStaff(_ id: String, _ unlocked: Bool) {
        guard var session = sessions[id] else { return }
        session.staffUntil = unlocked ? clock() + staffSeconds : 0
        sessions[id] = session
    }
}
