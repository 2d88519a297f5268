import BuurtstemCrypto

/// What the store and the record keep of a cheque code: its hash, never the code (docs/record.md, "Cheque rounds").
///
/// A code carries 80 random bits, so the hash cannot be inverted by trying codes: a copy of the database or the
/// published record cannot spend a cheque. The round id enters the hash, so one code never matches in two rounds.
public enum ChequeCode {
    /// The domain-separation tag of code hashes.
    public static let hashTag = "buurtstem/cheque-code/v1"
    /// The domain-separation tag of the issued set's Merkle leaves (format 1, code hashes only).
    public static let issuedLeafTag = "buurtstem/cheque-issued/v1"
    /// The domain-separation tag of the issued set's Merkle leaves of format 2, with the cheque's public key.
    public static let issuedLeafTagV2 = "buurtstem/cheque-issued/v2"

    /// SHA-256(str(tag) || str(round id) || bytes(code)).
    public static func hash(_ code: TypeableCode, round: String) -> [UInt8] {
        var writer = ByteWriter(tag: hashTag)
        writer.append(string: round)
        writer.append(bytes: code.bytes)
        return SHA.sha256(writer.bytes)
    }

    /// The canonical bytes of one issued cheque, a leaf of the issued set's Merkle tree: format 1 (no key)
    /// str(tag) || str(round id) || raw(code hash) || str(buurt); format 2
    /// str(tag v2) || str(round id) || raw(code hash) || raw(public key) || str(buurt).
    public static func issuedLeafBytes(round: String, codeHash: [UInt8], publicKey: [UInt8]?, buurt: String) -> [UInt8] {
        var writer = ByteWriter(tag: publicKey == nil ? issuedLeafTag : issuedLeafTagV2)
        writer.append(string: round)
        writer.append(raw: codeHash)
        if let publicKey { writer.append(raw: publicKey) }
        writer.append(string: buurt)
        return writer.bytes
    }

    /// Reads a typed cheque code; a typing error is reported as such (``CodeError``).
    public static func parse(_ text: String) throws(CodeError) -> TypeableCode {
        try TypeableCode(parsing: text, format: .cheque)
    }
}
