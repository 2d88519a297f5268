import Foundation
/// Checks staff PIN attempts and slows down guessing: after `freeAttempts` wrong PINs in a row, every further
/// attempt is refused until a lockout has passed, which doubles with each lockout (from `baseLockout` up to
/// `maxLockout`). A right PIN resets it. The guard is shared by every browser session of the kiosk, so opening a
/// new session does not buy new attempts.
package actor PinGuard {
    /// What an attempt came to.
    package enum Outcome: Sendable, Equatable {
        /// The PIN was right.
        case accepted
        /// The PIN was wrong; `remaining` attempts are left before a lockout.
        case refused(remaining: Int)
        /// Attempts are locked for `seconds` more; the PIN was not even compared.
        case locked(seconds: Int)
    }

    private let pin: StaffPin
    private let clock: @Sendable () -> Double
    private let freeAttempts: Int
    private let baseLockout: Double
    private let maxLockout: Double
    private var failures = 0
    private var lockouts = 0
    private var lockedUntil: Double = 0

    /// A guard for `pin`; `clock` gives seconds since boot (injectable for tests).
    package init(pin: StaffPin, freeAttempts: Int = 5, baseLockout: Double = 30, maxLockout: Double = 900,
                clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.pin = pin
        self.clock = clock
        self.freeAttempts = freeAttempts
        self.baseLockout = baseLockout
        self.maxLockout = maxLockout
    }

    /// Checks one attempt.
    package func attempt(_ text: String) -> Outcome {
        let now = clock()
        if now < lockedUntil {
            return .locked(seconds: Int((lockedUntil - now).rounded(.up)))
        }
        if pin.matches(text) {
            failures = 0
            lockouts = 0
            return .accepted
        }
        failures += 1
        if failures >= freeAttempts {
            let lockout = min(maxLockout, baseLockout * Double(1 << min(lockouts, 20)))
            lockouts += 1
            failures = 0
            lockedUntil = now + lockout
            return .locked(seconds: Int(lockout.rounded(.up)))
        }
        return .refused(remaining: freeAttempts - failures)
    }
}

