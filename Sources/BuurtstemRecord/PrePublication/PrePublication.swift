import BuurtstemCrypto

/// What the gemeente publishes before the polls open, signed with its issuing key (docs/record.md,
/// "Pre-publication"): the definition's hash, the issued-pass commitment with, per area, the households or residents
/// eligible in the register snapshot next to the passes issued, and the kiosks' keys.
///
/// Its ``fingerprint`` is printed where residents and observers see it (letters, the kiosk, the results site); an
/// observer who pins it makes every later change to the definition, the pass set or the kiosks visible, even one
/// re-signed by whoever holds all of the gemeente's keys.
public struct PrePublication: Publication, Sendable, Equatable, Codable {
    /// One contest area: how many may vote there according to the register snapshot, and how many passes were issued.
    public struct AreaCount: Sendable, Equatable, Codable {
        /// The contest area.
        public let area: String
        /// Households (or eligible residents, as the definition says) of the register snapshot in the area.
        public let eligible: UInt64
        /// Passes issued for the area (the commitment's count).
        public let issued: UInt64

        /// A count.
        public init(area: String, eligible: UInt64, issued: UInt64) {
            self.area = area
            self.eligible = eligible
            self.issued = issued
        }
    }

    /// A kiosk that may log ballots, and its key.
    public struct KioskKey: Sendable, Equatable, Codable {
        /// The kiosk's name.
        public let name: String
        /// Its public key (the registration's).
        public let publicKey: PublicKey

        private enum CodingKeys: String, CodingKey {
            case name, publicKey = "public_key"
        }

        /// A kiosk key.
        public init(name: String, publicKey: PublicKey) {
            self.name = name
            self.publicKey = publicKey
        }
    }

    /// The format of `prepublication.json`.
    public static let formatName = "buurtstem-prepublication/1"
    /// The domain-separation tag of the signed bytes.
    public static let tag = "buurtstem/prepublication/v1"

    /// `buurtstem-prepublication/1`.
    public let format: String
    /// The election's id.
    public let election: String
    /// The gemeente's CBS code.
    public let gemeente: String
    /// The issuing key that signs the election (and this).
    public let issuingPublicKey: PublicKey
    /// SHA-256 of the definition's canonical bytes.
    public let definitionHash: [UInt8]
    /// Passes issued in all.
    public let total: UInt64
    /// The issued passes' tree head (the commitment's root).
    public let root: [UInt8]
    /// Per contest area, by code (UTF-8 bytes).
    public let areas: [AreaCount]
    /// The kiosks, by name (UTF-8 bytes).
    public let kiosks: [KioskKey]
    /// When it was made, milliseconds since 1970 UTC.
    public let publishedAtMillis: Int64
    /// The issuing key's signature over ``signedBytes``.
    public let signature: Signature

    private enum CodingKeys: String, CodingKey {
        case format, election, gemeente, issuingPublicKey = "issuing_public_key", definitionHash = "definition_hash", total,
             root, areas, kiosks, publishedAtMillis = "published_at_ms", fingerprint, signature
    }

    /// A pre-publication signed with `issuingKey`; areas and kiosks are put in canonical order.
    public init(election: String, gemeente: String, definitionHash: [UInt8], total: UInt64, root: [UInt8], areas: [AreaCount],
                kiosks: [KioskKey], publishedAtMillis: Int64, issuingKey: SigningKey) {
        let areas = areas.sorted { Array($0.area.utf8).lexicographicallyPrecedes(Array($1.area.utf8)) }
        let kiosks = kiosks.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        let bytes = Self.signedBytes(election: election, gemeente: gemeente, issuingPublicKey: issuingKey.publicKey,
                                     definitionHash: definitionHash, total: total, root: root, areas: areas, kiosks: kiosks,
                                     publishedAtMillis: publishedAtMillis)
        self.init(election: election, gemeente: gemeente, issuingPublicKey: issuingKey.publicKey, definitionHash: definitionHash,
                  total: total, root: root, areas: areas, kiosks: kiosks, publishedAtMillis: publishedAtMillis,
                  signature: issuingKey.signature(for: bytes))
    }

    /// A pre-publication read back; check it with ``isValid``.
    public init(election: String, gemeente: String, issuingPublicKey: PublicKey, definitionHash: [UInt8], total: UInt64,
                root: [UInt8], areas: [AreaCount], kiosks: [KioskKey], publishedAtMillis: Int64, signature: Signature) {
        format = Self.formatName
        self.election = election
        self.gemeente = gemeente
        self.issuingPublicKey = issuingPublicKey
        self.definitionHash = definitionHash
        self.total = total
        self.root = root
        self.areas = areas
        self.kiosks = kiosks
        self.publishedAtMillis = publishedAtMillis
        self.signature = signature
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        election = try c.decode(String.self, forKey: .election)
        gemeente = try c.decode(String.self, forKey: .gemeente)
        issuingPublicKey = try c.decode(PublicKey.self, forKey: .issuingPublicKey)
        definitionHash = try c.decode(HexBytes.self, forKey: .definitionHash).bytes
        total = try c.decode(UInt64.self, forKey: .total)
        root = try c.decode(HexBytes.self, forKey: .root).bytes
        areas = try c.decode([AreaCount].self, forKey: .areas)
        kiosks = try c.decode([KioskKey].self, forKey: .kiosks)
        publishedAtMillis = try c.decode(Int64.self, forKey: .publishedAtMillis)
        signature = try c.decode(Signature.self, forKey: .signature)
        guard definitionHash.count == 32, root.count == 32 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "definition_hash and root are 32 bytes (64 hex characters)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(election, forKey: .election)
        try c.encode(gemeente, forKey: .gemeente)
        try c.encode(issuingPublicKey, forKey: .issuingPublicKey)
        try c.encode(HexBytes(definitionHash), forKey: .definitionHash)
        try c.encode(total, forKey: .total)
        try c.encode(HexBytes(root), forKey: .root)
        try c.encode(areas, forKey: .areas)
        try c.encode(kiosks, forKey: .kiosks)
        try c.encode(publishedAtMillis, forKey: .publishedAtMillis)
        // For people; a reader recomputes it from the signed bytes.
        try c.encode(fingerprint, forKey: .fingerprint)
        try c.encode(signature, forKey: .signature)
    }

    /// The signed bytes (docs/record.md, "Pre-publication").
    public static func signedBytes(election: String, gemeente: String, issuingPublicKey: PublicKey, definitionHash: [UInt8],
                                   total: UInt64, root: [UInt8], areas: [AreaCount], kiosks: [KioskKey],
                                   publishedAtMillis: Int64) -> [UInt8] {
        var w = ByteWriter(tag: tag)
        w.append(string: election)
        w.append(string: gemeente)
        w.append(raw: issuingPublicKey.bytes)
        w.append(raw: definitionHash)
        w.append(u64: total)
        w.append(raw: root)
        w.append(u32: UInt32(areas.count))
        for area in areas {
            w.append(string: area.area)
            w.append(u64: area.eligible)
            w.append(u64: area.issued)
        }
        w.append(u32: UInt32(kiosks.count))
        for kiosk in kiosks {
            w.append(string: kiosk.name)
            w.append(raw: kiosk.publicKey.bytes)
        }
        w.append(i64: publishedAtMillis)
        return w.bytes
    }

    /// The signed bytes of this pre-publication.
    public var signedBytes: [UInt8] {
        Self.signedBytes(election: election, gemeente: gemeente, issuingPublicKey: issuingPublicKey, definitionHash: definitionHash,
                         total: total, root: root, areas: areas, kiosks: kiosks, publishedAtMillis: publishedAtMillis)
    }

    /// The passes issued per area, as the commitment states them.
    public var issuedCounts: [String: UInt64] {
        Dictionary(areas.map { ($0.area, $0.issued) }, uniquingKeysWith: { a, _ in a })
    }
}
