import BuurtstemCrypto

/// The gemeente's signed statement fixing an election's issued passes before the polls open:
/// how many per area, and the Merkle root over all tokens in order of public key.
public struct IssuedPassCommitment: Sendable, Equatable, Codable {
    /// Passes issued for one area.
    public struct AreaCount: Sendable, Equatable, Codable {
        /// The contest area.
        public let area: String
        /// How many passes.
        public let count: UInt64

        /// A count.
        public init(area: String, count: UInt64) {
            self.area = area
            self.count = count
        }
    }

    /// The election's id.
    public let election: String
    /// SHA-256 of the election definition's canonical bytes.
    public let definitionHash: [UInt8]
    /// Total passes.
    public let total: UInt64
    /// Passes per area, by area code.
    public let areas: [AreaCount]
    /// RFC 9162 tree head over the tokens' leaf hashes, tokens sorted by public key bytes.
    public let root: [UInt8]
    /// The issuing key's signature over ``signedBytes``.
    public let signature: Signature

    /// The domain-separation tag.
    public static let tag = "buurtstem/issued-passes/v1"

    private enum CodingKeys: String, CodingKey {
        case election, definitionHash = "definition_hash", total, areas, root, signature
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        election = try c.decode(String.self, forKey: .election)
        definitionHash = try c.decode(HexBytes.self, forKey: .definitionHash).bytes
        total = try c.decode(UInt64.self, forKey: .total)
        areas = try c.decode([AreaCount].self, forKey: .areas)
        root = try c.decode(HexBytes.self, forKey: .root).bytes
        signature = try c.decode(Signature.self, forKey: .signature)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(election, forKey: .election)
        try c.encode(HexBytes(definitionHash), forKey: .definitionHash)
        try c.encode(total, forKey: .total)
        try c.encode(areas, forKey: .areas)
        try c.encode(HexBytes(root), forKey: .root)
        try c.encode(signature, forKey: .signature)
    }

    /// The signed bytes (docs/record.md, "Issued passes").
    public static func signedBytes(election: String, definitionHash: [UInt8], total: UInt64, areas: [AreaCount],
                                   root: [UInt8]) -> [UInt8] {
        var w = ByteWriter(tag: tag)
        w.append(string: election)
        w.append(raw: definitionHash)
        w.append(u64: total)
        w.append(u32: UInt32(areas.count))
        for area in areas {
            w.append(string: area.area)
            w.append(u64: area.count)
        }
        w.append(raw: root)
        return w.bytes
    }

    /// A commitment signed with the issuing key.
    public init(election: String, definitionHash: [UInt8], areas: [AreaCount], root: [UInt8], issuingKey: SigningKey) {
        let total = areas.reduce(0) { $0 + $1.count }
        self.init(election: election, definitionHash: definitionHash, total: total, areas: areas, root: root,
                  signature: issuingKey.signature(for: Self.signedBytes(election: election, definitionHash: definitionHash,
                                                                        total: total, areas: areas, root: root)))
    }

    /// A commitment read back; check it with ``isValid(issuer:)``.
    public init(election: String, definitionHash: [UInt8], total: UInt64, areas: [AreaCount], root: [UInt8], signature: Signature) {
        self.election = election
        self.definitionHash = definitionHash
        self.total = total
        self.areas = areas
        self.root = root
        self.signature = signature
    }

    /// The signed bytes.
    public var signedBytes: [UInt8] {
        Self.signedBytes(election: election, definitionHash: definitionHash, total: total, areas: areas, root: root)
    }

    /// `true` if `issuer` signed it.
    public func isValid(issuer: PublicKey) -> Bool { issuer.isValidSignature(signature, for: signedBytes) }
}
