import BuurtstemCrypto

/// The ballot code of an encrypted ballot: what the kiosk shows at the review step of a secret election *before*
/// the resident chooses between casting and checking the ballot (the Benaloh challenge; docs/record.md, "Checking a
/// ballot: the Benaloh challenge"). It commits the kiosk to the ciphertexts: an opened ballot whose recomputed code
/// is the one shown proves that exactly those ciphertexts encrypt the choices it names.
///
/// It hashes the election, the definition, the area and the ciphertexts, not the pass: an opened (spoiled) ballot
/// shows choices, and must not name the pass that made them.
public enum BallotCode {
    /// The domain-separation tag.
    public static let tag = "buurtstem/ballot-code/v1"
    /// Bytes of the digest the code shows: 10, as a tracking code.
    public static let byteCount = 10
    /// The code's format: 16 characters in groups of 4 and a check character.
    public static let format = CodeFormat(name: "ballot code", byteCount: byteCount, groupSize: 4)

    /// The hashed bytes: str(tag) ‖ str(election) ‖ raw(definition hash) ‖ str(area) ‖ u32(k) ‖ raw(α_1) ‖ raw(β_1) … .
    public static func bytes(election: String, definitionHash: [UInt8], area: String, ciphertexts: [ElGamalCiphertext]) -> [UInt8] {
        var w = ByteWriter(tag: tag)
        w.append(string: election)
        w.append(raw: definitionHash)
        w.append(string: area)
        w.append(u32: UInt32(truncatingIfNeeded: ciphertexts.count))
        for ciphertext in ciphertexts { w.append(raw: ciphertext.bytes) }
        return w.bytes
    }

    /// The code of these ciphertexts: the first 10 bytes of SHA-256 of ``bytes(election:definitionHash:area:ciphertexts:)``,
    /// typeable with a check character.
    public static func code(election: String, definitionHash: [UInt8], area: String, ciphertexts: [ElGamalCiphertext]) -> String {
        let digest = SHA.sha256(bytes(election: election, definitionHash: definitionHash, area: area, ciphertexts: ciphertexts))
        return TypeableCode(bytes: Array(digest.prefix(byteCount)), format: format).formatted
    }
}
