import BuurtstemCrypto

/// `complaint-DEALER-by-RECIPIENT.json`: a recipient's signed statement that a dealer's share to it is bad (docs/record.md,
/// "The ceremony's files"). It names the dealer, who must deal again (or the ceremony is rerun).
public struct TrusteeComplaintFile: Sendable, Equatable, Codable {
    /// `buurtstem-trustee-complaint/1`.
    public static let formatName = "buurtstem-trustee-complaint/1"
    /// The signed message's domain-separation tag.
    public static let tag = "buurtstem/trustees/complaint/v1"

    /// The election (the ceremony's).
    public let election: String
    /// The ceremony's hash.
    public let ceremonyHash: [UInt8]
    /// The complaint.
    public let complaint: TrusteeComplaint
    /// The recipient's signature over ``signedBytes``.
    public let signature: Signature

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, election, ceremonyHash = "ceremony_hash", dealer, recipient, reason, signature
    }

    /// The complaint, signed by the recipient's `key`.
    public init(election: String, ceremonyHash: [UInt8], complaint: TrusteeComplaint, key: SigningKey) {
        self.election = election
        self.ceremonyHash = ceremonyHash
        self.complaint = complaint
        self.signature = key.signature(for: Self.signedBytes(ceremonyHash: ceremonyHash, complaint: complaint))
    }

    /// str(tag) ‖ raw(ceremony hash) ‖ u32(dealer) ‖ u32(recipient) ‖ str(reason).
    public static func signedBytes(ceremonyHash: [UInt8], complaint: TrusteeComplaint) -> [UInt8] {
        var writer = ByteWriter(tag: tag)
        writer.append(raw: ceremonyHash)
        writer.append(u32: UInt32(complaint.dealer))
        writer.append(u32: UInt32(complaint.recipient))
        writer.append(string: reasonName(complaint.reason))
        return writer.bytes
    }

    /// Whether the recipient's card key in `ceremony` signed this complaint. `package`: only the tests check it (a
    /// complaint is judged by people, docs/trustees.md); a public verifier of complaints would make it public again.
    package func isSigned(in ceremony: TrusteeCeremony) -> Bool {
        guard ceremonyHash == ceremony.hash, let card = ceremony.card(complaint.recipient) else { return false }
        return card.signingKey.isValidSignature(signature, for: Self.signedBytes(ceremonyHash: ceremonyHash, complaint: complaint))
    }

    /// The file name for a complaint: `complaint-DEALER-by-RECIPIENT.json`.
    public static func fileName(_ complaint: TrusteeComplaint) -> String {
        "complaint-\(complaint.dealer)-by-\(complaint.recipient).json"
    }

    /// `cannot-open`, `malformed` or `does-not-match-commitments`.
    public static func reasonName(_ reason: TrusteeComplaint.Reason) -> String {
        switch reason {
        case .cannotOpen: "cannot-open"
        case .malformed: "malformed"
        case .doesNotMatchCommitments: "does-not-match-commitments"
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(CodingKeys.self, format: Self.formatName, what: "a complaint")
        election = try c.decode(String.self, forKey: .election)
        ceremonyHash = try c.decodeHex(.ceremonyHash, count: 32)
        let dealer = try c.decodeIndex(.dealer, maximum: TrusteeCeremonyFile.maximumTrustees)
        let recipient = try c.decodeIndex(.recipient, maximum: TrusteeCeremonyFile.maximumTrustees)
        let name = try c.decode(String.self, forKey: .reason)
        let reasons: [TrusteeComplaint.Reason] = [.cannotOpen, .malformed, .doesNotMatchCommitments]
        guard let reason = reasons.first(where: { Self.reasonName($0) == name }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [CodingKeys.reason],
                                                   debugDescription: "'\(name.prefix(40))' is not a reason: use cannot-open, malformed or does-not-match-commitments"))
        }
        complaint = TrusteeComplaint(dealer: dealer, recipient: recipient, reason: reason)
        signature = try Signature(bytes: try c.decodeHex(.signature, count: Signature.byteCount))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.formatName, forKey: .format)
        try c.encode(election, forKey: .election)
        try c.encodeHex(ceremonyHash, forKey: .ceremonyHash)
        try c.encode(complaint.dealer, forKey: .dealer)
        try c.encode(complaint.recipient, forKey: .recipient)
        try c.encode(Self.reasonName(complaint.reason), forKey: .reason)
        try c.encodeHex(signature.bytes, forKey: .signature)
    }
}
