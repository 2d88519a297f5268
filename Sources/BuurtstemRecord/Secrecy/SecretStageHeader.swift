import BuurtstemCrypto
import Foundation

/// The fields a mix stage file and a decryption shares file both start with (docs/record.md, "Secret elections: the
/// record"): `format`, `election`, `definition_hash` and `stage`; and the context both bind to an area of a stage.
struct SecretStageHeader: Sendable, Equatable {
    /// The election.
    let election: String
    /// Its definition hash.
    let definitionHash: [UInt8]
    /// The mix stage.
    let stage: Int

    private enum CodingKeys: String, CodingKey {
        case format, election, definitionHash = "definition_hash", stage
    }

    /// Reads the header of a file of `format`, refusing another format and a hash that is not 32 bytes of hex.
    init(from decoder: any Decoder, format: String) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard try c.decode(String.self, forKey: .format) == format else {
            throw DecodingError.dataCorruptedError(forKey: .format, in: c, debugDescription: "not \(format)")
        }
        let hashText = try c.decode(String.self, forKey: .definitionHash)
        guard Hex.isLowercase(hashText), let hash = Hex.decode(hashText), hash.count == 32 else {
            throw DecodingError.dataCorruptedError(forKey: .definitionHash, in: c, debugDescription: "not 64 lower-case hex digits")
        }
        self.init(election: try c.decode(String.self, forKey: .election), definitionHash: hash, stage: try c.decode(Int.self, forKey: .stage))
    }

    /// The header as given.
    init(election: String, definitionHash: [UInt8], stage: Int) {
        self.election = election
        self.definitionHash = definitionHash
        self.stage = stage
    }

    /// Writes the header of a file of `format`.
    func encode(to encoder: any Encoder, format: String) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(election, forKey: .election)
        try c.encode(Hex.encode(definitionHash), forKey: .definitionHash)
        try c.encode(stage, forKey: .stage)
    }

    /// str(tag) || str(election) || raw(definition hash) || u32(stage) || str(area).
    static func context(tag: String, election: String, definitionHash: [UInt8], stage: Int, area: String) -> [UInt8] {
        var w = ByteWriter(tag: tag)
        w.append(string: election)
        w.append(raw: definitionHash)
        w.append(u32: UInt32(stage))
        w.append(string: area)
        return w.bytes
    }
}
