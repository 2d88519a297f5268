import BuurtstemCrypto

/// `election-key.json`: the election's public key combined from the ceremony's dealings (docs/record.md, "The
/// ceremony's files"): Y, t, n, every trustee's verification key, the ceremony hash and the dealings' hashes.
/// Anyone can recompute it from `ceremony.json` and the dealings; equal inputs give an equal file, byte for byte.
public struct ElectionKeyFile: Sendable, Equatable, Codable {
    /// `buurtstem-election-key/1`.
    public static let formatName = "buurtstem-election-key/1"

    /// One dealing the key was combined from.
    public struct DealingHash: Sendable, Equatable, Codable {
        /// Its dealer.
        public let dealer: Int
        /// SHA-256 of its signed bytes.
        public let sha256: [UInt8]

        enum CodingKeys: String, CodingKey, CaseIterable {
            case dealer, sha256
        }

        /// A dealing's hash.
        public init(dealer: Int, sha256: [UInt8]) {
            self.dealer = dealer
            self.sha256 = sha256
        }

        public init(from decoder: any Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self, what: "a dealing's hash")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            dealer = try c.decodeIndex(.dealer, maximum: TrusteeCeremonyFile.maximumTrustees)
            sha256 = try c.decodeHex(.sha256, count: 32)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(dealer, forKey: .dealer)
            try c.encodeHex(sha256, forKey: .sha256)
        }
    }

    /// The election.
    public let election: String
    /// The ceremony's hash.
    public let ceremonyHash: [UInt8]
    /// The key.
    public let key: ElectionKey
    /// The dealings, by dealer.
    public let dealings: [DealingHash]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, election, ceremonyHash = "ceremony_hash", threshold, trustees, publicKey = "public_key",
             verificationKeys = "verification_keys", dealings
    }

    /// The file of `key`.
    public init(election: String, ceremonyHash: [UInt8], key: ElectionKey, dealings: [DealingHash]) {
        self.election = election
        self.ceremonyHash = ceremonyHash
        self.key = key
        self.dealings = dealings
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(CodingKeys.self, format: Self.formatName, what: "an election key")
        election = try c.decode(String.self, forKey: .election)
        ceremonyHash = try c.decodeHex(.ceremonyHash, count: 32)
        let threshold = try c.decode(Int.self, forKey: .threshold)
        let trustees = try c.decodeIndex(.trustees, maximum: TrusteeCeremonyFile.maximumTrustees)
        let publicKey = try c.decodePoint(.publicKey)
        let verificationKeys = try c.decodePoints(.verificationKeys)
        guard verificationKeys.count == trustees else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [CodingKeys.verificationKeys],
                                                   debugDescription: "there are \(verificationKeys.count) verification keys for \(trustees) trustees: the file was changed; combine the key again"))
        }
        guard let key = ElectionKey(publicKey: publicKey, threshold: threshold, verificationKeys: verificationKeys) else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [CodingKeys.threshold],
                                                   debugDescription: "a threshold of \(threshold) of \(trustees) is not possible: the file was changed; combine the key again"))
        }
        self.key = key
        dealings = try c.decode([DealingHash].self, forKey: .dealings)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.formatName, forKey: .format)
        try c.encode(election, forKey: .election)
        try c.encodeHex(ceremonyHash, forKey: .ceremonyHash)
        try c.encode(key.threshold, forKey: .threshold)
        try c.encode(key.trusteeCount, forKey: .trustees)
        try c.encodeHex(key.publicKey.bytes, forKey: .publicKey)
        try c.encodeHexList(key.verificationKeys.map(\.bytes), forKey: .verificationKeys)
        try c.encode(dealings, forKey: .dealings)
    }
}
