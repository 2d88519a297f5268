internal import CSodium

/// One-time libsodium initialisation.
///
/// `sodium_init` is thread-safe and idempotent, but calling it on every primitive would cost a lock;
/// a lazily initialised global runs it exactly once per process.
enum Sodium {
    private static let initialised: Bool = sodium_init() >= 0

    /// Makes sure libsodium is ready; traps only if the library cannot initialise at all,
    /// which means no secure random source exists and nothing safe can be done.
    static func ensureInitialised() {
        precondition(initialised, "libsodium could not be initialised: no secure random source on this system")
    }
}
