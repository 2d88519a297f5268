import BuurtstemCrypto
import Foundation

/// `decryption/trustee-J.json` (and what `buurtstem trustee decrypt --out` writes): trustee j's decryption shares
/// of the last mix stage's output, one per contest area over its rows' ciphertexts in row order, each with its
/// Chaum–Pedersen proof (docs/record.md, "Secret elections: the record").
public struct DecryptionSharesFile: Sendable, Equatable, Codable {
    /// `buurtstem-decryption-shares/1`.
    public static let formatName = "buurtstem-decryption-shares/1"

    /// One area's share.
    public struct AreaShare: Sendable, Equatable, Codable {
        /// The contest area.
        public let area: String
        /// d_i = x_j·α_i for each ciphertext of the area's rows, row by row.
        public let partials: [Ristretto255.Point]
        /// The proof.
        public let proof: ChaumPedersenProof

        private enum CodingKeys: String, CodingKey, CaseIterable { case area, partials, challenge, response }

        /// A share as given.
        public init(area: String, partials: [Ristretto255.Point], proof: ChaumPedersenProof) {
            self.area = area
            self.partials = partials
            self.proof = proof
        }

        public init(from decoder: any Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self, what: "an area's decryption share")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            area = try c.decode(String.self, forKey: .area)
            partials = try c.decode([String].self, forKey: .partials).map {
                guard let point = SecretHex.point($0) else { throw SecretHex.error(decoder, "a canonical point") }
                return point
            }
            guard let challenge = SecretHex.scalar(try c.decode(String.self, forKey: .challenge)),
                  let response = SecretHex.scalar(try c.decode(String.self, forKey: .response)) else {
                throw SecretHex.error(decoder, "a canonical scalar")
            }
            proof = ChaumPedersenProof(challenge: challenge, response: response)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(area, forKey: .area)
            try c.encode(partials.map { Hex.encode($0.bytes) }, forKey: .partials)
            try c.encode(Hex.encode(proof.challenge.bytes), forKey: .challenge)
            try c.encode(Hex.encode(proof.response.bytes), forKey: .response)
        }
    }

    /// The election.
    public let election: String
    /// Its definition hash.
    public let definitionHash: [UInt8]
    /// The mix stage whose output was decrypted.
    public let stage: Int
    /// The trustee j.
    public let trustee: Int
    /// The shares, by area.
    public let areas: [AreaShare]

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case format, election, definitionHash = "definition_hash", stage, trustee, areas
    }

    /// A file as given.
    public init(election: String, definitionHash: [UInt8], stage: Int, trustee: Int, areas: [AreaShare]) {
        self.election = election
        self.definitionHash = definitionHash
        self.stage = stage
        self.trustee = trustee
        self.areas = areas
    }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, what: "a decryption shares file")
        let header = try SecretStageHeader(from: decoder, format: Self.formatName)
        (election, definitionHash, stage) = (header.election, header.definitionHash, header.stage)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        trustee = try c.decode(Int.self, forKey: .trustee)
        areas = try c.decode([AreaShare].self, forKey: .areas)
    }

    public func encode(to encoder: any Encoder) throws {
        try SecretStageHeader(election: election, definitionHash: definitionHash, stage: stage).encode(to: encoder, format: Self.formatName)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(trustee, forKey: .trustee)
        try c.encode(areas, forKey: .areas)
    }

    /// The context of the decryption of `area`'s rows after stage `stage` (docs/record.md):
    /// str("buurtstem/decryption/context/v1") || str(election) || raw(definition hash) || u32(stage) || str(area).
    public static func context(election: String, definitionHash: [UInt8], stage: Int, area: String) -> [UInt8] {
        SecretStageHeader.context(tag: "buurtstem/decryption/context/v1", election: election, definitionHash: definitionHash,
                                  stage: stage, area: area)
    }
}
