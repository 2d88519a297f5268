internal import CSodium

/// An Ed25519 private key (RFC 8032), held as its 32-byte seed.
///
/// The gemeente's issuing key, every kiosk key and every stempas key are of this type.
public struct SigningKey: Sendable {
    /// The 32-byte seed the key pair is derived from; this is the secret.
    public let seed: [UInt8]
    /// libsodium's 64-byte secret key (seed || public key), kept to avoid re-deriving it on every signature.
    private let expanded: [UInt8]
    /// The matching public key.
    public let publicKey: PublicKey

    /// Number of bytes in a seed.
    public static let seedByteCount = 32

    /// Creates a new random key.
    public init() {
        self = try! SigningKey(seed: SecureRandom.bytes(count: Self.seedByteCount))
    }

    /// Re-creates the key from its 32-byte seed.
    public init(seed: [UInt8]) throws(CryptoError) {
        guard seed.count == Self.seedByteCount else {
            throw CryptoError(.invalidLength, "an Ed25519 seed has 32 bytes, not \(seed.count)")
        }
        Sodium.ensureInitialised()
        var publicBytes = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        var secretBytes = [UInt8](repeating: 0, count: Int(crypto_sign_SECRETKEYBYTES))
        crypto_sign_seed_keypair(&publicBytes, &secretBytes, seed)
        self.seed = seed
        self.expanded = secretBytes
        self.publicKey = try PublicKey(bytes: publicBytes)
    }

    /// Derives a key deterministically from `secret` under a domain-separation `domain` tag:
    /// the seed is the first 32 bytes of SHA-512(len(domain) || domain || secret).
    ///
    /// The tag keeps a key derived for one purpose (say, a stempas) from ever equalling one derived for another.
    public init(derivingFrom secret: [UInt8], domain: String) {
        var input = ByteWriter()
        input.append(string: domain)
        input.append(raw: secret)
        let digest = SHA.sha512(input.bytes)
        self = try! SigningKey(seed: Array(digest.prefix(Self.seedByteCount)))
    }

    /// Signs `message` and returns the 64-byte Ed25519 signature.
    public func signature(for message: [UInt8]) -> Signature {
        var out = [UInt8](repeating: 0, count: Int(crypto_sign_BYTES))
        message.withUnsafeBufferPointer { input in
            _ = crypto_sign_detached(&out, nil, input.baseAddress, UInt64(input.count), expanded)
        }
        return Signature(unchecked: out)
    }
}

/// An Ed25519 public key: 32 bytes.
public struct PublicKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 32 key bytes.
    public let bytes: [UInt8]

    /// Number of bytes in a public key.
    public static let byteCount = 32

    /// Wraps 32 bytes as a public key; the bytes are not checked to be a curve point until a signature is verified.
    public init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == Self.byteCount else {
            throw CryptoError(.invalidLength, "an Ed25519 public key has 32 bytes, not \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// Parses a key written as 64 hex characters.
    public init(hex: some StringProtocol) throws(CryptoError) {
        guard let bytes = Hex.decode(hex) else {
            throw CryptoError(.invalidLength, "a public key is written as 64 hex characters; got '\(hex.prefix(80))'")
        }
        try self.init(bytes: bytes)
    }

    /// The key as 64 lower-case hex characters.
    public var hex: String { Hex.encode(bytes) }

    public var description: String { hex }

    /// `true` if `signature` is a valid Ed25519 signature by this key over `message`.
    ///
    /// libsodium 1.0.18 rejects non-canonical signatures and small-order keys, which is what a verifier wants.
    public func isValidSignature(_ signature: Signature, for message: [UInt8]) -> Bool {
        Sodium.ensureInitialised()
        return message.withUnsafeBufferPointer { input in
            crypto_sign_verify_detached(signature.bytes, input.baseAddress, UInt64(input.count), bytes) == 0
        }
    }

    public static func < (lhs: PublicKey, rhs: PublicKey) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }
}

/// An Ed25519 signature: 64 bytes.
public struct Signature: Sendable, Hashable, CustomStringConvertible {
    /// The 64 signature bytes.
    public let bytes: [UInt8]

    /// Number of bytes in a signature.
    public static let byteCount = 64

    /// Wraps 64 bytes as a signature.
    public init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == Self.byteCount else {
            throw CryptoError(.invalidLength, "an Ed25519 signature has 64 bytes, not \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// Parses a signature written as 128 hex characters.
    public init(hex: some StringProtocol) throws(CryptoError) {
        guard let bytes = Hex.decode(hex) else {
            throw CryptoError(.invalidLength, "a signature is written as 128 hex characters")
        }
        try self.init(bytes: bytes)
    }

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// The signature as 128 lower-case hex characters.
    public var hex: String { Hex.encode(bytes) }

    public var description: String { hex }
}
