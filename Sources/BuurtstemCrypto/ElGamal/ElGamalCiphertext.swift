/// An ElGamal ciphertext on ristretto255 (Buurtstem's secret ballots; docs/record.md, "Encrypted ballots").
///
/// A message point M under public key Y with randomness r is (α, β) = (r·B, M + r·Y). Anyone can re-randomise it
/// (the mix) by adding an encryption of the identity; only the holders of the key's shares can decrypt.
public struct ElGamalCiphertext: Sendable, Hashable {
    /// r·B.
    public let alpha: Ristretto255.Point
    /// M + r·Y.
    public let beta: Ristretto255.Point

    /// The ciphertext (α, β) as given.
    public init(alpha: Ristretto255.Point, beta: Ristretto255.Point) {
        self.alpha = alpha
        self.beta = beta
    }

    /// The encryption of `message` under `publicKey` with `randomness` r: (r·B, M + r·Y).
    public static func encrypt(
        _ message: Ristretto255.Point, publicKey: Ristretto255.Point, randomness: Ristretto255.Scalar
    ) -> ElGamalCiphertext {
        ElGamalCiphertext(alpha: .base(randomness), beta: message + randomness * publicKey)
    }

    /// The same plaintext under fresh randomness: (α + r'·B, β + r'·Y).
    public func reencrypted(publicKey: Ristretto255.Point, randomness: Ristretto255.Scalar) -> ElGamalCiphertext {
        ElGamalCiphertext(alpha: alpha + .base(randomness), beta: beta + randomness * publicKey)
    }

    /// The plaintext point, given the secret key x of Y = x·B: β - x·α.
    public func decrypted(secretKey: Ristretto255.Scalar) -> Ristretto255.Point {
        beta - secretKey * alpha
    }

    /// The 64 bytes α ‖ β (each a canonical 32-byte encoding), as docs/record.md writes a ciphertext.
    public var bytes: [UInt8] { alpha.bytes + beta.bytes }

    /// The ciphertext of 64 bytes α ‖ β, or nil when either half is not a canonical encoding.
    ///
    /// α may not be the identity (it would mean r = 0: the plaintext in the clear); β may be, as a re-encryption
    /// can reach it by chance only with negligible probability, but a proof covers it either way.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 2 * Ristretto255.encodedLength,
              let alpha = Ristretto255.Point(canonical: Array(bytes[0..<32])),
              let beta = Ristretto255.Point(canonical: Array(bytes[32..<64]), allowIdentity: true)
        else { return nil }
        self.init(alpha: alpha, beta: beta)
    }
}
