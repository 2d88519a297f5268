import BuurtstemCrypto

/// `decryption-J.json`: trustee j's decryption share of a ciphertext list with its Chaum–Pedersen proof
/// (docs/record.md, "The ceremony's files").
public struct DecryptionShareFile: Sendable, Equatable, Codable {
    /// `buurtstem-decryption-share/1`.
    public static let formatName = "buurtstem-decryption-share/1"

    /// The election.
    public let election: String
    /// The context of the list decrypted.
    public let context: String
    /// The share.
    public let share: DecryptionShare

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, election, context, trustee, partials, proof
    }

    enum ProofKeys: String, CodingKey, CaseIterable {
        case challenge, response
    }

    /// A share as given.
    public init(election: String, context: String, share: DecryptionShare) {
        self.election = election
        self.context = context
        self.share = share
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(CodingKeys.self, format: Self.formatName, what: "a decryption share")
        election = try c.decode(String.self, forKey: .election)
        context = try c.decode(String.self, forKey: .context)
        let trustee = try c.decodeIndex(.trustee, maximum: TrusteeCeremonyFile.maximumTrustees)
        let partials = try c.decodePoints(.partials)
        let proofDecoder = try c.superDecoder(forKey: .proof)
        try proofDecoder.refuseUnknownKeys(ProofKeys.self, what: "a proof")
        let proof = try proofDecoder.container(keyedBy: ProofKeys.self)
        share = DecryptionShare(trustee: trustee, partials: partials,
                                proof: ChaumPedersenProof(challenge: try proof.decodeScalar(.challenge),
                                                          response: try proof.decodeScalar(.response)))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.formatName, forKey: .format)
        try c.encode(election, forKey: .election)
        try c.encode(context, forKey: .context)
        try c.encode(share.trustee, forKey: .trustee)
        try c.encodeHexList(share.partials.map(\.bytes), forKey: .partials)
        var proof = c.nestedContainer(keyedBy: ProofKeys.self, forKey: .proof)
        try proof.encodeHex(share.proof.challenge.bytes, forKey: .challenge)
        try proof.encodeHex(share.proof.response.bytes, forKey: .response)
    }
}
