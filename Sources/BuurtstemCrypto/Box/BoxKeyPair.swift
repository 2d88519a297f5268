internal import CSodium

/// An X25519 key pair for sealed boxes (libsodium `crypto_box_seal`, `crypto_box_seal_open`).
///
/// Derived from a 32-byte seed (`crypto_box_seed_keypair`), so that a trustee's box key can come from the seed of
/// its sealed Ed25519 key file and need no file of its own.
public struct BoxKeyPair: Sendable {
    /// The public key.
    public let publicKey: BoxPublicKey
    /// The 32-byte secret key.
    private let secretKey: [UInt8]

    /// The number of bytes a sealed box adds to its message: 48.
    public static let sealOverhead = Int(crypto_box_sealbytes())

    /// The key pair of a 32-byte `seed`.
    public init(seed: [UInt8]) throws(CryptoError) {
        guard seed.count == Int(crypto_box_SEEDBYTES) else {
            throw CryptoError(.invalidLength, "an X25519 seed has \(crypto_box_SEEDBYTES) bytes, not \(seed.count)")
        }
        Sodium.ensureInitialised()
        var publicBytes = [UInt8](repeating: 0, count: Int(crypto_box_PUBLICKEYBYTES))
        var secretBytes = [UInt8](repeating: 0, count: Int(crypto_box_SECRETKEYBYTES))
        crypto_box_seed_keypair(&publicBytes, &secretBytes, seed)
        self.publicKey = try BoxPublicKey(bytes: publicBytes)
        self.secretKey = secretBytes
    }

    /// The message in `sealed`, or nil when it was not sealed to this key or was changed.
    public func open(_ sealed: [UInt8]) -> [UInt8]? {
        guard sealed.count >= Self.sealOverhead else { return nil }
        Sodium.ensureInitialised()
        var out = [UInt8](repeating: 0, count: sealed.count - Self.sealOverhead)
        let status = crypto_box_seal_open(&out, sealed, UInt64(sealed.count), publicKey.bytes, secretKey)
        return status == 0 ? out : nil
    }

    static func seal(_ message: [UInt8], to key: BoxPublicKey) -> [UInt8] {
        Sodium.ensureInitialised()
        var out = [UInt8](repeating: 0, count: message.count + sealOverhead)
        let status = crypto_box_seal(&out, message, UInt64(message.count), key.bytes)
        precondition(status == 0, "crypto_box_seal fails only when no secure random source exists")
        return out
    }
}
