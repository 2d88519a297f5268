import BuurtstemCrypto

/// `ceremony.json`: the key ceremony's public parameters (docs/record.md, "The ceremony's files"): the election,
/// the threshold t and the n trustees' signed cards, numbered 1 … n in order, with the ceremony hash.
public struct TrusteeCeremonyFile: Sendable, Equatable, Codable {
    /// `buurtstem-trustee-ceremony/1`.
    public static let formatName = "buurtstem-trustee-ceremony/1"
    /// The most trustees a ceremony may have: every trustee decrypts every ballot, so more is never practical.
    public static let maximumTrustees = 25
    /// The longest election id, in UTF-8 bytes.
    public static let maximumElectionLength = 100

    /// One trustee: its index and its signed card, as the trustee wrote it.
    public struct Trustee: Sendable, Equatable, Codable {
        /// j, 1 … n.
        public let index: Int
        /// The card, as the trustee signed it.
        public let card: TrusteeCardFile

        enum CodingKeys: String, CodingKey, CaseIterable {
            case index, card
        }

        /// A trustee as given.
        public init(index: Int, card: TrusteeCardFile) {
            self.index = index
            self.card = card
        }

        public init(from decoder: any Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self, what: "a trustee")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            index = try c.decode(Int.self, forKey: .index)
            card = try c.decode(TrusteeCardFile.self, forKey: .card)
        }
    }

    /// The election the key is for; its UTF-8 bytes are the ceremony's context.
    public let election: String
    /// t.
    public let threshold: Int
    /// The trustees in index order.
    public let trustees: [Trustee]
    /// The ceremony hash as written (checked against the recomputed one when read).
    public let ceremonyHash: [UInt8]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, election, threshold, trustees, ceremonyHash = "ceremony_hash"
    }

    /// The file of `ceremony` for `election`.
    public init(election: String, ceremony: TrusteeCeremony, cards: [TrusteeCardFile]) {
        self.election = election
        self.threshold = ceremony.threshold
        self.trustees = cards.enumerated().map { Trustee(index: $0.offset + 1, card: $0.element) }
        self.ceremonyHash = ceremony.hash
    }

    /// The ceremony these parameters describe, every card and the hash checked; errors name `file` and the field.
    public func ceremony(file: String) throws(TrusteeFileError) -> TrusteeCeremony {
        if let problem = Self.electionProblem(election) { throw TrusteeFileError(file: file, field: "election", problem) }
        guard (1...Self.maximumTrustees).contains(trustees.count) else {
            throw TrusteeFileError(file: file, field: "trustees",
                                   "there are \(trustees.count) trustees; a ceremony has 1 to \(Self.maximumTrustees): make the ceremony again")
        }
        for (position, trustee) in trustees.enumerated() {
            guard trustee.index == position + 1 else {
                throw TrusteeFileError(file: file, field: "trustees[\(position)].index",
                                       "index \(trustee.index) where \(position + 1) is expected: trustees are numbered 1 … n in order; the file was changed, ask the coordinator for it again")
            }
            if let problem = trustee.card.problem {
                throw TrusteeFileError(file: file, field: "trustees[\(position)].card.\(problem.field)", problem.message)
            }
        }
        let ceremony: TrusteeCeremony
        do {
            ceremony = try TrusteeCeremony(threshold: threshold, cards: trustees.map { $0.card.card(index: $0.index) },
                                           context: Array(election.utf8))
        } catch {
            throw TrusteeFileError(file: file, field: "threshold", error.description)
        }
        guard ceremony.hash == ceremonyHash else {
            throw TrusteeFileError(file: file, field: "ceremony_hash",
                                   "the hash is not that of the ceremony's fields: the file was changed; ask the coordinator for it again")
        }
        return ceremony
    }

    /// Nil when `election` is usable as an id; otherwise why not.
    public static func electionProblem(_ election: String) -> String? {
        if election.isEmpty { return "the election id is empty: give the election's id" }
        if election.utf8.count > maximumElectionLength { return "the election id has more than \(maximumElectionLength) bytes: use the election's short id" }
        if election.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " }) {
            return "the election id contains a space or control character: use the election's id as the list of elections shows it"
        }
        return nil
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(CodingKeys.self, format: Self.formatName, what: "a ceremony")
        election = try c.decode(String.self, forKey: .election)
        threshold = try c.decode(Int.self, forKey: .threshold)
        trustees = try c.decode([Trustee].self, forKey: .trustees)
        ceremonyHash = try c.decodeHex(.ceremonyHash, count: 32)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.formatName, forKey: .format)
        try c.encode(election, forKey: .election)
        try c.encode(threshold, forKey: .threshold)
        try c.encode(trustees, forKey: .trustees)
        try c.encodeHex(ceremonyHash, forKey: .ceremonyHash)
    }
}
