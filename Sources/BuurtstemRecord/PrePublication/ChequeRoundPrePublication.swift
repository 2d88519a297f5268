import BuurtstemCrypto

/// What the gemeente publishes of a cheque round before the first cheque is redeemed, signed with its issuing key
/// (docs/record.md, "Cheque round pre-publication"): the round's terms, the issued set's commitment (count, total,
/// Merkle root over the cheques and their keys, the ledger key, and the count per buurt) and the initiatives known
/// at that moment.
///
/// Its ``fingerprint`` (the same scheme as an election's, ``Fingerprint``) is printed on every cheque letter; an
/// observer who pins it makes a later change of the terms, the issued set or the initiatives visible, even one
/// re-signed by whoever holds all of the gemeente's keys.
public struct ChequeRoundPrePublication: Publication, Sendable, Equatable, Codable {
    /// The round's terms, as `round.json` and the issued set's signature state them.
    public struct Terms: Sendable, Equatable, Codable {
        /// The register snapshot the cheques were issued from.
        public let snapshot: UInt64
        /// `buurt`, `wijk` or `gemeente`.
        public let scope: String
        /// Each cheque's value in cents.
        public let valueCents: UInt64
        /// The issue day, `YYYY-MM-DD`.
        public let issueDate: String
        /// The last valid day, `YYYY-MM-DD`.
        public let validUntil: String
        /// Start of the issue day (Europe/Amsterdam), ms since 1970 UTC.
        public let validFromMillis: Int64
        /// Start of the day after the last valid day, ms since 1970 UTC.
        public let expiresMillis: Int64

        private enum CodingKeys: String, CodingKey {
            case snapshot, scope, valueCents = "value_cents", issueDate = "issue_date", validUntil = "valid_until",
                 validFromMillis = "valid_from_ms", expiresMillis = "expires_ms"
        }

        /// Terms.
        public init(snapshot: UInt64, scope: String, valueCents: UInt64, issueDate: String, validUntil: String,
                    validFromMillis: Int64, expiresMillis: Int64) {
            self.snapshot = snapshot
            self.scope = scope
            self.valueCents = valueCents
            self.issueDate = issueDate
            self.validUntil = validUntil
            self.validFromMillis = validFromMillis
            self.expiresMillis = expiresMillis
        }
    }

    /// Cheques issued in one buurt.
    public struct BuurtCount: Sendable, Equatable, Codable {
        /// The buurt's CBS code.
        public let buurt: String
        /// Cheques issued to its households.
        public let issued: UInt64

        /// A count.
        public init(buurt: String, issued: UInt64) {
            self.buurt = buurt
            self.issued = issued
        }
    }

    /// An initiative known when the round was published, as `initiatives.jsonl` lists it.
    public struct Initiative: Sendable, Equatable, Codable {
        /// Its id.
        public let id: UInt64
        /// Its buurt.
        public let buurt: String
        /// Its title.
        public let title: String
        /// Its description.
        public let description: String
        /// What it must collect to be funded, in cents.
        public let targetCents: UInt64
        /// Its last collecting day, `YYYY-MM-DD`.
        public let deadline: String
        /// Start of the day after the deadline, ms since 1970 UTC.
        public let closesAtMillis: Int64

        private enum CodingKeys: String, CodingKey {
            case id, buurt, title, description, targetCents = "target_cents", deadline, closesAtMillis = "closes_at_ms"
        }

        /// An initiative.
        public init(id: UInt64, buurt: String, title: String, description: String, targetCents: UInt64, deadline: String,
                    closesAtMillis: Int64) {
            self.id = id
            self.buurt = buurt
            self.title = title
            self.description = description
            self.targetCents = targetCents
            self.deadline = deadline
            self.closesAtMillis = closesAtMillis
        }
    }

    /// The format of a cheque round's `prepublication.json`.
    public static let formatName = "buurtstem-cheque-prepublication/1"
    /// The domain-separation tag of the signed bytes.
    public static let tag = "buurtstem/cheque-prepublication/v1"

    /// `buurtstem-cheque-prepublication/1`.
    public let format: String
    /// The round's id.
    public let round: String
    /// The gemeente's CBS code.
    public let gemeente: String
    /// The issuing key that signs the round (and this).
    public let issuingPublicKey: PublicKey
    /// The round's terms.
    public let terms: Terms
    /// Cheques issued.
    public let count: UInt64
    /// Their total value in cents.
    public let totalCents: UInt64
    /// The issued set's tree head (`issued.json`'s root).
    public let root: [UInt8]
    /// The round's ledger key, which signs the ledger's checkpoints.
    public let ledgerPublicKey: PublicKey
    /// When the set was issued (`issued.json`'s `issued_at_ms`).
    public let issuedAtMillis: Int64
    /// Cheques issued per buurt, by code (UTF-8 bytes).
    public let buurten: [BuurtCount]
    /// The initiatives known at publication, by id.
    public let initiatives: [Initiative]
    /// When it was made, ms since 1970 UTC.
    public let publishedAtMillis: Int64
    /// The issuing key's signature over ``signedBytes``.
    public private(set) var signature: Signature

    private enum CodingKeys: String, CodingKey {
        case format, round, gemeente, issuingPublicKey = "issuing_public_key", terms, count, totalCents = "total_cents", root,
             ledgerPublicKey = "ledger_public_key", issuedAtMillis = "issued_at_ms", buurten, initiatives,
             publishedAtMillis = "published_at_ms", fingerprint, signature
    }

    /// A pre-publication signed with `issuingKey`; buurten and initiatives are put in canonical order.
    public init(round: String, gemeente: String, terms: Terms, count: UInt64, totalCents: UInt64, root: [UInt8],
                ledgerPublicKey: PublicKey, issuedAtMillis: Int64, buurten: [BuurtCount], initiatives: [Initiative],
                publishedAtMillis: Int64, issuingKey: SigningKey) {
        var unsigned = Self(round: round, gemeente: gemeente, issuingPublicKey: issuingKey.publicKey, terms: terms, count: count,
                            totalCents: totalCents, root: root, ledgerPublicKey: ledgerPublicKey, issuedAtMillis: issuedAtMillis,
                            buurten: buurten.sorted { Array($0.buurt.utf8).lexicographicallyPrecedes(Array($1.buurt.utf8)) },
                            initiatives: initiatives.sorted { $0.id < $1.id }, publishedAtMillis: publishedAtMillis,
                            signature: try! Signature(bytes: [UInt8](repeating: 0, count: Signature.byteCount)))
        unsigned.signature = issuingKey.signature(for: unsigned.signedBytes)
        self = unsigned
    }

    /// A pre-publication read back; check it with ``isValid``.
    public init(round: String, gemeente: String, issuingPublicKey: PublicKey, terms: Terms, count: UInt64, totalCents: UInt64,
                root: [UInt8], ledgerPublicKey: PublicKey, issuedAtMillis: Int64, buurten: [BuurtCount], initiatives: [Initiative],
                publishedAtMillis: Int64, signature: Signature) {
        format = Self.formatName
        self.round = round
        self.gemeente = gemeente
        self.issuingPublicKey = issuingPublicKey
        self.terms = terms
        self.count = count
        self.totalCents = totalCents
        self.root = root
        self.ledgerPublicKey = ledgerPublicKey
        self.issuedAtMillis = issuedAtMillis
        self.buurten = buurten
        self.initiatives = initiatives
        self.publishedAtMillis = publishedAtMillis
        self.signature = signature
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        round = try c.decode(String.self, forKey: .round)
        gemeente = try c.decode(String.self, forKey: .gemeente)
        issuingPublicKey = try c.decode(PublicKey.self, forKey: .issuingPublicKey)
        terms = try c.decode(Terms.self, forKey: .terms)
        count = try c.decode(UInt64.self, forKey: .count)
        totalCents = try c.decode(UInt64.self, forKey: .totalCents)
        root = try c.decode(HexBytes.self, forKey: .root).bytes
        ledgerPublicKey = try c.decode(PublicKey.self, forKey: .ledgerPublicKey)
        issuedAtMillis = try c.decode(Int64.self, forKey: .issuedAtMillis)
        buurten = try c.decode([BuurtCount].self, forKey: .buurten)
        initiatives = try c.decode([Initiative].self, forKey: .initiatives)
        publishedAtMillis = try c.decode(Int64.self, forKey: .publishedAtMillis)
        signature = try c.decode(Signature.self, forKey: .signature)
        guard root.count == 32 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "root is 32 bytes (64 hex characters)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(round, forKey: .round)
        try c.encode(gemeente, forKey: .gemeente)
        try c.encode(issuingPublicKey, forKey: .issuingPublicKey)
        try c.encode(terms, forKey: .terms)
        try c.encode(count, forKey: .count)
        try c.encode(totalCents, forKey: .totalCents)
        try c.encode(HexBytes(root), forKey: .root)
        try c.encode(ledgerPublicKey, forKey: .ledgerPublicKey)
        try c.encode(issuedAtMillis, forKey: .issuedAtMillis)
        try c.encode(buurten, forKey: .buurten)
        try c.encode(initiatives, forKey: .initiatives)
        try c.encode(publishedAtMillis, forKey: .publishedAtMillis)
        // For people; a reader recomputes it from the signed bytes.
        try c.encode(fingerprint, forKey: .fingerprint)
        try c.encode(signature, forKey: .signature)
    }

    /// The signed bytes (docs/record.md, "Cheque round pre-publication").
    public var signedBytes: [UInt8] {
        var w = ByteWriter(tag: Self.tag)
        w.append(string: gemeente)
        w.append(string: round)
        w.append(raw: issuingPublicKey.bytes)
        w.append(u64: terms.snapshot)
        w.append(string: terms.scope)
        w.append(u64: terms.valueCents)
        w.append(string: terms.issueDate)
        w.append(string: terms.validUntil)
        w.append(i64: terms.validFromMillis)
        w.append(i64: terms.expiresMillis)
        w.append(u64: count)
        w.append(u64: totalCents)
        w.append(raw: root)
        w.append(raw: ledgerPublicKey.bytes)
        w.append(i64: issuedAtMillis)
        w.append(u32: UInt32(clamping: buurten.count))
        for buurt in buurten {
            w.append(string: buurt.buurt)
            w.append(u64: buurt.issued)
        }
        w.append(u32: UInt32(clamping: initiatives.count))
        for initiative in initiatives {
            w.append(u64: initiative.id)
            w.append(string: initiative.buurt)
            w.append(string: initiative.title)
            w.append(string: initiative.description)
            w.append(u64: initiative.targetCents)
            w.append(string: initiative.deadline)
            w.append(i64: initiative.closesAtMillis)
        }
        w.append(i64: publishedAtMillis)
        return w.bytes
    }
}
