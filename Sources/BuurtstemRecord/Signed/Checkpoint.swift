import BuurtstemCrypto

/// A signed tree head of an append-only log: "log `logId` had `size` entries with root `root` at `time`".
///
/// Kiosks sign checkpoints of their ballot logs during and at the end of the day; the gemeente signs
/// checkpoints of a cheque round's redemption ledger. Any two checkpoints of one log must be consistent
/// (RFC 9162 consistency proof), so nothing logged can later be changed or dropped unnoticed.
public struct Checkpoint: Sendable, Equatable, Codable {
    /// Names the log, e.g. `election/2026-korrewegwijk/kiosk/bibliotheek` or `cheques/2026-voorjaar/ledger`.
    public let logId: String
    /// Number of entries.
    public let size: UInt64
    /// The RFC 9162 tree head over the entries' leaf hashes (32 bytes).
    public let root: [UInt8]
    /// When it was made: milliseconds since 1970-01-01T00:00:00Z.
    public let timeMillis: Int64
    /// The key that signed it.
    public let signer: PublicKey
    /// Ed25519 signature over ``signedBytes``.
    public let signature: Signature

    /// The domain-separation tag of checkpoint signatures.
    public static let tag = "buurtstem/checkpoint/v1"

    /// The exact bytes the signature covers (docs/record.md, "Checkpoints").
    public static func signedBytes(logId: String, size: UInt64, root: [UInt8], timeMillis: Int64) -> [UInt8] {
        var writer = ByteWriter(tag: tag)
        writer.append(string: logId)
        writer.append(u64: size)
        writer.append(raw: root)
        writer.append(i64: timeMillis)
        return writer.bytes
    }

    /// The bytes this checkpoint's signature covers.
    public var signedBytes: [UInt8] {
        Self.signedBytes(logId: logId, size: size, root: root, timeMillis: timeMillis)
    }

    /// Makes and signs a checkpoint with `key`.
    public init(logId: String, size: UInt64, root: [UInt8], timeMillis: Int64, signedBy key: SigningKey) {
        precondition(root.count == 32, "a tree head has 32 bytes")
        self.logId = logId
        self.size = size
        self.root = root
        self.timeMillis = timeMillis
        self.signer = key.publicKey
        self.signature = key.signature(for: Self.signedBytes(logId: logId, size: size, root: root, timeMillis: timeMillis))
    }

    /// Re-assembles a checkpoint read from a record; check it with ``isValid``.
    public init(logId: String, size: UInt64, root: [UInt8], timeMillis: Int64, signer: PublicKey, signature: Signature) {
        self.logId = logId
        self.size = size
        self.root = root
        self.timeMillis = timeMillis
        self.signer = signer
        self.signature = signature
    }

    private enum CodingKeys: String, CodingKey {
        case logId = "log_id", size, root, timeMillis = "time_ms", signer, signature
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        logId = try container.decode(String.self, forKey: .logId)
        size = try container.decode(UInt64.self, forKey: .size)
        let rootHex = try container.decode(String.self, forKey: .root)
        guard Hex.isLowercase(rootHex), let root = Hex.decode(rootHex), root.count == 32 else {
            throw DecodingError.dataCorruptedError(forKey: .root, in: container, debugDescription: "a root is 64 lower-case hex characters")
        }
        self.root = root
        timeMillis = try container.decode(Int64.self, forKey: .timeMillis)
        signer = try container.decode(PublicKey.self, forKey: .signer)
        signature = try container.decode(Signature.self, forKey: .signature)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(logId, forKey: .logId)
        try container.encode(size, forKey: .size)
        try container.encode(Hex.encode(root), forKey: .root)
        try container.encode(timeMillis, forKey: .timeMillis)
        try container.encode(signer, forKey: .signer)
        try container.encode(signature, forKey: .signature)
    }

    /// `true` if the signature is the signer's over these fields.
    public var isValid: Bool {
        root.count == 32 && signer.isValidSignature(signature, for: signedBytes)
    }
}
