import BuurtstemCrypto

/// The Ed25519 key of one cheque, derived from its code as a stempas key is from its secret (docs/record.md,
/// "Cheque keys"): whoever types the code can sign its redemption, and nobody else, not even whoever holds the
/// gemeente's issuing and ledger keys. The issued set (format 2) commits to every cheque's public key.
public enum ChequeKey {
    /// The domain-separation tag of the derivation.
    public static let domain = "buurtstem/cheque-key/v1"

    /// The key of the cheque with code bytes `code` in round `round`: the seed is the first 32 bytes of
    /// SHA-512(str(domain) || str(round) || bytes(code)).
    public static func signingKey(code: [UInt8], round: String) -> SigningKey {
        var secret = ByteWriter()
        secret.append(string: round)
        secret.append(bytes: code)
        return SigningKey(derivingFrom: secret.bytes, domain: domain)
    }
}
