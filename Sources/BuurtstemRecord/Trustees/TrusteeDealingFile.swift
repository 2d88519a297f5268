import BuurtstemCrypto

/// `dealing.json`: what dealer i publishes (docs/record.md, "The ceremony's files"): its commitments, the proof of
/// knowledge of its constant term, a share sealed to every trustee and its signature.
public struct TrusteeDealingFile: Sendable, Equatable, Codable {
    /// `buurtstem-trustee-dealing/1`.
    public static let formatName = "buurtstem-trustee-dealing/1"

    /// The election (the ceremony's).
    public let election: String
    /// The ceremony's hash: a dealing of another ceremony is refused by name.
    public let ceremonyHash: [UInt8]
    /// The dealing.
    public let dealing: TrusteeDealing

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, election, ceremonyHash = "ceremony_hash", dealer, commitments, proof, sealedShares = "sealed_shares", signature
    }

    enum ProofKeys: String, CodingKey, CaseIterable {
        case challenge, responses
    }

    /// The file of `dealing` in the ceremony of `election` with hash `ceremonyHash`.
    public init(election: String, ceremonyHash: [UInt8], dealing: TrusteeDealing) {
        self.election = election
        self.ceremonyHash = ceremonyHash
        self.dealing = dealing
    }

    /// SHA-256 of the dealing's signed bytes in `ceremony`: the dealing's name in the election key file.
    public func hash(in ceremony: TrusteeCeremony) -> [UInt8] {
        SHA.sha256(dealing.signedBytes(in: ceremony))
    }

    /// The dealing, checked to belong to `ceremony` (its hash) and to pass every public check; errors name `file`.
    public func checked(in ceremony: TrusteeCeremony, file: String) throws(TrusteeFileError) -> TrusteeDealing {
        guard ceremonyHash == ceremony.hash else {
            throw TrusteeFileError(file: file, field: "ceremony_hash",
                                   "the dealing was made for another ceremony: trustee \(dealing.dealer) deals again with this ceremony.json")
        }
        do {
            try dealing.check(in: ceremony)
        } catch {
            throw TrusteeFileError(file: file, field: Self.field(of: error), "\(error.description)\(Self.dealerName(dealing.dealer, ceremony))")
        }
        return dealing
    }

    /// ", from NAME" for a dealer of the ceremony.
    static func dealerName(_ dealer: Int, _ ceremony: TrusteeCeremony) -> String {
        ceremony.card(dealer).map { " (trustee \(dealer) is \($0.name))" } ?? ""
    }

    /// The field a check's failure points at.
    private static func field(of error: TrusteeCeremonyError) -> String? {
        switch error {
        case .unknownDealer, .duplicateDealing, .missingDealing, .keysDoNotMatchCard: "dealer"
        case .badSignature: "signature"
        case .wrongCommitmentCount: "commitments"
        case .identityCommitment(_, let position): "commitments[\(position)]"
        case .wrongShareCount: "sealed_shares"
        case .badProof: "proof"
        case .invalidThreshold, .invalidIndex, .complaints: nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(CodingKeys.self, format: Self.formatName, what: "a dealing")
        election = try c.decode(String.self, forKey: .election)
        ceremonyHash = try c.decodeHex(.ceremonyHash, count: 32)
        let dealer = try c.decodeIndex(.dealer, maximum: TrusteeCeremonyFile.maximumTrustees)
        let commitments = try c.decodePoints(.commitments)
        let proofDecoder = try c.superDecoder(forKey: .proof)
        try proofDecoder.refuseUnknownKeys(ProofKeys.self, what: "a proof")
        let proofContainer = try proofDecoder.container(keyedBy: ProofKeys.self)
        let proof = SchnorrProof(challenge: try proofContainer.decodeScalar(.challenge),
                                 responses: try proofContainer.decodeScalars(.responses))
        let sealed = try c.decodeHexList(.sealedShares)
        let signature = try Signature(bytes: try c.decodeHex(.signature, count: Signature.byteCount))
        dealing = TrusteeDealing(dealer: dealer, commitments: commitments, proof: proof, sealedShares: sealed, signature: signature)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.formatName, forKey: .format)
        try c.encode(election, forKey: .election)
        try c.encodeHex(ceremonyHash, forKey: .ceremonyHash)
        try c.encode(dealing.dealer, forKey: .dealer)
        try c.encodeHexList(dealing.commitments.map(\.bytes), forKey: .commitments)
        var proof = c.nestedContainer(keyedBy: ProofKeys.self, forKey: .proof)
        try proof.encodeHex(dealing.proof.challenge.bytes, forKey: .challenge)
        try proof.encodeHexList(dealing.proof.responses.map(\.bytes), forKey: .responses)
        try c.encodeHexList(dealing.sealedShares, forKey: .sealedShares)
        try c.encodeHex(dealing.signature.bytes, forKey: .signature)
    }
}
