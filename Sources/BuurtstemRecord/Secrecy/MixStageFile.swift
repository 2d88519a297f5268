import BuurtstemCrypto
import Foundation

/// `mix/stage-K.json` (and what `buurtstem mix --out` writes): one mix stage of a secret election, per contest
/// area the shuffled rows and the shuffle proof (docs/record.md, "Secret elections: the record").
public struct MixStageFile: Sendable, Equatable, Codable {
    /// `buurtstem-mix-stage/1`.
    public static let formatName = "buurtstem-mix-stage/1"

    /// One contest area's shuffle in this stage.
    public struct AreaShuffle: Sendable, Equatable, Codable {
        /// The contest area.
        public let area: String
        /// The output rows, each the ballot's w ciphertexts.
        public let outputs: [[ElGamalCiphertext]]
        /// The proof that the outputs are the stage's inputs permuted and re-encrypted.
        public let proof: ShuffleProof

        private enum CodingKeys: String, CodingKey, CaseIterable { case area, outputs, proof }

        /// A shuffle as given.
        public init(area: String, outputs: [[ElGamalCiphertext]], proof: ShuffleProof) {
            self.area = area
            self.outputs = outputs
            self.proof = proof
        }

        public init(from decoder: any Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self, what: "an area of a mix stage")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            area = try c.decode(String.self, forKey: .area)
            outputs = try c.decode([[String]].self, forKey: .outputs).map { try SecretHex.ciphertexts($0, decoder) }
            proof = try c.decode(ShuffleProof.self, forKey: .proof)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(area, forKey: .area)
            try c.encode(outputs.map { $0.map { Hex.encode($0.bytes) } }, forKey: .outputs)
            try c.encode(proof, forKey: .proof)
        }
    }

    /// The election.
    public let election: String
    /// Its definition hash.
    public let definitionHash: [UInt8]
    /// The stage number, from 1.
    public let stage: Int
    /// The shuffles, by area (UTF-8 bytes); an area with no counted ballot has none.
    public let areas: [AreaShuffle]

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case format, election, definitionHash = "definition_hash", stage, areas
    }

    /// A stage as given.
    public init(election: String, definitionHash: [UInt8], stage: Int, areas: [AreaShuffle]) {
        self.election = election
        self.definitionHash = definitionHash
        self.stage = stage
        self.areas = areas
    }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, what: "a mix stage file")
        let header = try SecretStageHeader(from: decoder, format: Self.formatName)
        (election, definitionHash, stage) = (header.election, header.definitionHash, header.stage)
        areas = try decoder.container(keyedBy: CodingKeys.self).decode([AreaShuffle].self, forKey: .areas)
    }

    public func encode(to encoder: any Encoder) throws {
        try SecretStageHeader(election: election, definitionHash: definitionHash, stage: stage).encode(to: encoder, format: Self.formatName)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(areas, forKey: .areas)
    }

    /// The context of stage `stage`'s shuffle of `area` (docs/record.md): str("buurtstem/mix/context/v1") ||
    /// str(election) || raw(definition hash) || u32(stage) || str(area).
    public static func context(election: String, definitionHash: [UInt8], stage: Int, area: String) -> [UInt8] {
        SecretStageHeader.context(tag: "buurtstem/mix/context/v1", election: election, definitionHash: definitionHash, stage: stage, area: area)
    }
}
