import BuurtstemCrypto
import Foundation

/// What a secret election's definition signs about its encryption (docs/record.md, "Definition", v4): the election
/// public key Y, the threshold t, the number of trustees n, the SHA-256 of the election key file and the ballot
/// width w (the points per ballot). A definition without it is public: its ballots are published per stempas.
public struct SecretBallot: Sendable, Equatable, Codable {
    /// Y, the key ballots are encrypted under.
    public let publicKey: Ristretto255.Point
    /// t: the trustees needed to decrypt.
    public let threshold: Int
    /// n: the trustees.
    public let trustees: Int
    /// SHA-256 of the election key file's bytes, as read at `election create`.
    public let electionKeySHA256: [UInt8]
    /// w: the points of every ballot (PlaintextEncoding) for the longest canonical choice bytes of the definition.
    public let width: Int

    private enum CodingKeys: String, CodingKey {
        case publicKey = "public_key", threshold, trustees, electionKeySHA256 = "election_key_sha256", width
    }

    /// The values as given.
    public init(publicKey: Ristretto255.Point, threshold: Int, trustees: Int, electionKeySHA256: [UInt8], width: Int) {
        self.publicKey = publicKey
        self.threshold = threshold
        self.trustees = trustees
        self.electionKeySHA256 = electionKeySHA256
        self.width = width
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let keyHex = try c.decode(String.self, forKey: .publicKey)
        guard Hex.isLowercase(keyHex), let keyBytes = Hex.decode(keyHex), let key = Ristretto255.Point(canonical: keyBytes) else {
            throw DecodingError.dataCorruptedError(forKey: .publicKey, in: c, debugDescription: "not a canonical ristretto255 point other than the identity")
        }
        let hashHex = try c.decode(String.self, forKey: .electionKeySHA256)
        guard Hex.isLowercase(hashHex), let hash = Hex.decode(hashHex), hash.count == 32 else {
            throw DecodingError.dataCorruptedError(forKey: .electionKeySHA256, in: c, debugDescription: "not 64 lower-case hex digits")
        }
        self.init(publicKey: key, threshold: try c.decode(Int.self, forKey: .threshold), trustees: try c.decode(Int.self, forKey: .trustees),
                  electionKeySHA256: hash, width: try c.decode(Int.self, forKey: .width))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Hex.encode(publicKey.bytes), forKey: .publicKey)
        try c.encode(threshold, forKey: .threshold)
        try c.encode(trustees, forKey: .trustees)
        try c.encode(Hex.encode(electionKeySHA256), forKey: .electionKeySHA256)
        try c.encode(width, forKey: .width)
    }

    /// The width of a definition's ballots: PlaintextEncoding's width for the longest canonical choice bytes any
    /// valid ballot of `ballot` can have in any of `contests` (the most choices it allows, with the longest ids).
    public static func width(ballot: BallotType, contests: [Contest]) -> Int {
        var longest = 0
        for contest in contests {
            let sizes = contest.projects.map { 4 + $0.id.utf8.count + 4 }.sorted(by: >)
            let most: Int
            switch ballot {
            case .chooseOne: most = 1
            case let .approval(_, max): most = max
            case .knapsack: most = sizes.count
            case let .cumulative(points, _): most = points
            case let .ranking(max): most = max
            }
            longest = Swift.max(longest, 4 + sizes.prefix(Swift.max(0, most)).reduce(0, +))
        }
        return PlaintextEncoding.width(forByteCount: longest)
    }
}
