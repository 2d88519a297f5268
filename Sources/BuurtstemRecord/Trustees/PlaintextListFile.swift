import BuurtstemCrypto

/// `plaintexts.json`: the plaintext points of a ciphertext list, combined from t trustees' decryption shares
/// (docs/record.md, "The ceremony's files"), in the list's order.
public struct PlaintextListFile: Sendable, Equatable, Codable {
    /// `buurtstem-plaintexts/1`.
    public static let formatName = "buurtstem-plaintexts/1"

    /// The election.
    public let election: String
    /// The list's context.
    public let context: String
    /// The trustees whose shares were used, ascending.
    public let trustees: [Int]
    /// Why shares were left out, for people.
    public let excluded: [String]
    /// The plaintext points M_i.
    public let plaintexts: [Ristretto255.Point]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, election, context, trustees, excluded, plaintexts
    }

    /// A list as given.
    public init(election: String, context: String, trustees: [Int], excluded: [String], plaintexts: [Ristretto255.Point]) {
        self.election = election
        self.context = context
        self.trustees = trustees
        self.excluded = excluded
        self.plaintexts = plaintexts
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(CodingKeys.self, format: Self.formatName, what: "a plaintext list")
        election = try c.decode(String.self, forKey: .election)
        context = try c.decode(String.self, forKey: .context)
        trustees = try c.decode([Int].self, forKey: .trustees)
        excluded = try c.decode([String].self, forKey: .excluded)
        // A plaintext may be the identity only for a forged ballot; the decoder refuses it, so it is read as written.
        plaintexts = try c.decodeParsedList(.plaintexts, count: Ristretto255.encodedLength, problem: "not a canonical ristretto255 point") {
            Ristretto255.Point(canonical: $0, allowIdentity: true)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.formatName, forKey: .format)
        try c.encode(election, forKey: .election)
        try c.encode(context, forKey: .context)
        try c.encode(trustees, forKey: .trustees)
        try c.encode(excluded, forKey: .excluded)
        try c.encodeHexList(plaintexts.map(\.bytes), forKey: .plaintexts)
    }
}
