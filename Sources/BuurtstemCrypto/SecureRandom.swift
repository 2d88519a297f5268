internal import CSodium

/// Cryptographically secure random bytes from the operating system (libsodium's `randombytes_buf`).
public enum SecureRandom {
    /// Returns `count` random bytes.
    public static func bytes(count: Int) -> [UInt8] {
        Sodium.ensureInitialised()
        var out = [UInt8](repeating: 0, count: count)
        out.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, $0.count) }
        return out
    }

    /// Returns a uniformly distributed integer in `0..<upperBound` (no modulo bias).
    public static func uniform(below upperBound: UInt32) -> UInt32 {
        precondition(upperBound > 0, "upper bound must be positive")
        Sodium.ensureInitialised()
        return randombytes_uniform(upperBound)
    }
}
