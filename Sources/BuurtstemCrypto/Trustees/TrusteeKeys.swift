/// A trustee's long-term secret keys: the Ed25519 key that signs its dealing and the X25519 key that opens the
/// shares sealed to it.
///
/// The X25519 key is derived from the Ed25519 seed (seed = the first 32 bytes of
/// SHA-512(str("buurtstem/trustee/box-key/v1") ‖ raw(Ed25519 seed))), so one sealed key file holds both.
public struct TrusteeKeys: Sendable {
    /// The signing key.
    public let signingKey: SigningKey
    /// The box key pair.
    public let boxKey: BoxKeyPair

    /// The domain of the box key's derivation.
    public static let boxKeyDomain = "buurtstem/trustee/box-key/v1"

    /// The keys of `signingKey`, with the box key derived from its seed.
    public init(signingKey: SigningKey) {
        var input = ByteWriter(tag: Self.boxKeyDomain)
        input.append(raw: signingKey.seed)
        self.signingKey = signingKey
        // The seed has 32 bytes by construction, which is all BoxKeyPair checks.
        self.boxKey = try! BoxKeyPair(seed: Array(SHA.sha512(input.bytes).prefix(32)))
    }

    /// New random keys.
    public init() {
        self.init(signingKey: SigningKey())
    }

    /// The public card of these keys for trustee `index` named `name`.
    public func card(name: String, index: Int) -> TrusteeCard {
        TrusteeCard(name: name, index: index, boxKey: boxKey.publicKey, signingKey: signingKey.publicKey)
    }
}
