/// An X25519 public key to which anyone can seal a message (`crypto_box_seal`): a trustee's key for receiving
/// its shares in the key ceremony.
public struct BoxPublicKey: Sendable, Hashable, CustomStringConvertible {
    /// The 32 key bytes.
    public let bytes: [UInt8]

    /// The number of bytes of a key.
    public static let byteCount = 32

    /// Wraps 32 bytes as a key.
    public init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == Self.byteCount else {
            throw CryptoError(.invalidLength, "an X25519 public key has 32 bytes, not \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// Parses a key written as 64 hex characters.
    public init(hex: some StringProtocol) throws(CryptoError) {
        guard let bytes = Hex.decode(hex) else {
            throw CryptoError(.invalidLength, "an X25519 public key is written as 64 hex characters; got '\(hex.prefix(80))'")
        }
        try self.init(bytes: bytes)
    }

    /// The key as 64 lower-case hex characters.
    public var description: String { Hex.encode(bytes) }

    /// `message` sealed to this key (`crypto_box_seal`: an ephemeral X25519 key, XSalsa20-Poly1305), 48 bytes
    /// longer than the message. Only the secret key opens it; the sender stays anonymous, so the sealed bytes are
    /// signed separately where the sender matters.
    public func seal(_ message: [UInt8]) -> [UInt8] {
        BoxKeyPair.seal(message, to: self)
    }
}
