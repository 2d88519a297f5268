import BuurtstemCrypto

/// A pre-publication's fingerprint: the first 144 bits of its hash, typeable (Crockford base32, a check character,
/// groups of 5): `XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-X`.
///
/// 144 bits because whoever makes the pre-publication could try to make two of them with one fingerprint (an honest
/// one to print and a forged one to use): that takes about 2^72 hashes, out of reach, where 80 bits would take 2^40.
public enum Fingerprint {
    /// Bytes of the hash the fingerprint shows.
    public static let byteCount = 18

    /// The fingerprint's code format (its name enters the check character: a fingerprint is no other kind of code).
    public static let format = CodeFormat(name: "fingerprint", byteCount: byteCount, groupSize: 5)

    /// The fingerprint of a 32-byte hash.
    public static func code(hash: [UInt8]) -> String {
        TypeableCode(bytes: Array(hash.prefix(byteCount)), format: format).formatted
    }

    /// The hash prefix a typed fingerprint stands for; typing errors are reported as such.
    public static func prefix(of code: String) throws(CodeError) -> [UInt8] {
        try TypeableCode(parsing: code, format: format).bytes
    }
}
