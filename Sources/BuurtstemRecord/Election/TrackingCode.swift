import BuurtstemCrypto

/// A receipt's tracking code: the first 80 bits of the ballot's leaf hash, typeable, with a check character.
/// Enough that no two ballots share one by chance, short enough to type, and it says nothing about the choices.
public enum TrackingCode {
    /// Bytes of the leaf hash the code shows.
    public static let byteCount = 10

    /// The code's format.
    public static let format = CodeFormat(name: "tracking", byteCount: byteCount, groupSize: 4)

    /// The tracking code of a ballot's leaf hash.
    public static func code(leafHash: [UInt8]) -> String {
        TypeableCode(bytes: Array(leafHash.prefix(byteCount)), format: format).formatted
    }

    /// The leaf-hash prefix a typed code stands for; typing errors are reported as such.
    public static func prefix(of code: String) throws(CodeError) -> [UInt8] {
        try TypeableCode(parsing: code, format: format).bytes
    }
}
