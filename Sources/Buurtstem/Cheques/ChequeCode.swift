import BuurtstemCrypto

/// What the store and the record keep of a cheque code: its hash, never the code (docs/record.md, "Cheque rounds").
///
/// A code carries 80 random bits, so the hash cannot be inverted by trying codes: a copy of the database or the
/// published record cannot spend a cheque. The round id enters the hash, so one code never matches in two rounds.
public enum ChequeCode {
    /// The domain-separation tag of code hashes.
    public static let hashTag = "buurtstem/cheque-code/v1"
    /// The domain-separation tag of the issued set's Merkle leaves.
    public static let issuedLeafTag = "buurtstem/cheque-issued/v1"

    /// SHA-256(str(tag) || str(round id) || bytes(code)).
    public static func hash(_ code: TypeableCode, round: String) -> [UInt8] {
        var writer = ByteWriter(tag: hashTag)
        writer.append(string: round)
        writer.append(bytes: code.bytes)
        return SHA.sha256(writer.bytes)
    }

    /// The canonical bytes of one issued cheque, a leaf of the issued set's Merkle tree:
    /// str(tag) || str(round id) || raw(code hash) || str(buurt).
    public static func issuedLeafBytes(round: String, codeHash: [UInt8], buurt: String) -> [UInt8] {
        var writer = ByteWriter(tag: issuedLeafTag)
        writer.append(string: round)
        writer.append(raw: codeHash)
        writer.append(string: buurt)
        return writer.bytes
    }

    /// Reads a typed cheque code; a typing error is reported as such (``CodeError``).
    public static func parse(_ text: String) throws(CodeError) -> TypeableCode {
        try TypeableCode(parsing: text, format: .cheque)
    }
}
