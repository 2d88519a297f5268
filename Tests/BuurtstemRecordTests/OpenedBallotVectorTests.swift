import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

/// `TestVectors/secrecy/opened-ballot.json`: an opened ballot (the Benaloh challenge; docs/record.md, "Checking a
/// ballot: the Benaloh challenge") from fixed inputs: the election key, the definition hash, the choices and the
/// randomness, and everything they determine: the choice bytes, the plaintext point, the ciphertext, the hashed
/// bytes of the ballot code, the code and the opening's text. The test recomputes every output from the file's
/// inputs; `BUURTSTEM_WRITE_OPENING_VECTOR=1` rewrites the file (only when the format changes on purpose).
@Suite("Opened ballot test vector")
struct OpenedBallotVectorTests {
    struct Vector: Codable, Equatable {
        var about: String
        var electionKey: String
        var election: String
        var definitionHash: String
        var area: String
        var width: Int
        var choices: [Choice]
        var randomness: [String]
        var choiceBytes: String
        var points: [String]
        var ciphertexts: [String]
        var codeBytes: String
        var codeDigest: String
        var code: String
        var text: String
    }

    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TestVectors/secrecy/opened-ballot.json")

    /// The inputs: SHA-512 of a label, reduced, for each secret; the key is a point of a known secret.
    static func inputs() -> Vector {
        let secret = Ristretto255.Scalar.hashing(Array("buurtstem/test-vectors/opened-ballot/election-secret".utf8))
        let r = Ristretto255.Scalar.hashing(Array("buurtstem/test-vectors/opened-ballot/randomness-1".utf8))
        let r2 = Ristretto255.Scalar.hashing(Array("buurtstem/test-vectors/opened-ballot/randomness-2".utf8))
        return Vector(about: "docs/record.md, 'Checking a ballot: the Benaloh challenge'. Inputs: electionKey, election, definitionHash, area, width, "
                        + "choices, randomness; everything else is computed from them.",
                      electionKey: Hex.encode(Ristretto255.Point.base(secret).bytes), election: "GM0014-wijkbudget-2027",
                      definitionHash: Hex.encode(SHA.sha256(Array("an example definition".utf8))), area: "WK001401", width: 2,
                      choices: [Choice(project: "KW-01", value: 1), Choice(project: "KW-05", value: 1)],
                      randomness: [Hex.encode(r.bytes), Hex.encode(r2.bytes)], choiceBytes: "", points: [], ciphertexts: [], codeBytes: "", codeDigest: "",
                      code: "", text: "")
    }

    /// `vector` with every output recomputed from its inputs.
    static func compute(_ vector: Vector) throws -> Vector {
        var out = vector
        let key = try #require(SecretHex.point(vector.electionKey))
        let hash = try #require(Hex.decode(vector.definitionHash))
        let randomness = try vector.randomness.map { try #require(SecretHex.scalar($0)) }
        let bytes = ChoiceBytes.encode(vector.choices)
        out.choiceBytes = Hex.encode(bytes)
        out.points = try PlaintextEncoding.encode(bytes, width: vector.width).map { Hex.encode($0.bytes) }
        // The code is computed from a placeholder first: the opening's text carries the code it commits to.
        let draft = BallotOpening(election: vector.election, definitionHash: hash, area: vector.area, choices: vector.choices,
                                  randomness: randomness, code: "")
        let ciphertexts = try draft.ciphertexts(publicKey: key, width: vector.width)
        out.ciphertexts = ciphertexts.map { Hex.encode($0.bytes) }
        let codeBytes = BallotCode.bytes(election: vector.election, definitionHash: hash, area: vector.area, ciphertexts: ciphertexts)
        out.codeBytes = Hex.encode(codeBytes)
        out.codeDigest = Hex.encode(SHA.sha256(codeBytes))
        out.code = try draft.recomputedCode(publicKey: key, width: vector.width)
        out.text = BallotOpening(election: vector.election, definitionHash: hash, area: vector.area, choices: vector.choices,
                                 randomness: randomness, code: out.code).text
        return out
    }

    @Test("every output in opened-ballot.json is recomputed from its inputs, byte for byte")
    func vectorMatches() throws {
        if ProcessInfo.processInfo.environment["BUURTSTEM_WRITE_OPENING_VECTOR"] == "1" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try (encoder.encode(try Self.compute(Self.inputs())) + [0x0a]).write(to: Self.file)
        }
        let stored = try JSONDecoder().decode(Vector.self, from: Data(contentsOf: Self.file))
        #expect(try Self.compute(stored) == stored)
        // The algebra the spec states: α_i = r_i·B, β_i = M_i + r_i·Y, and the code is the digest's first 10 bytes.
        let key = try #require(SecretHex.point(stored.electionKey))
        #expect(stored.ciphertexts.count == 2)
        for index in stored.ciphertexts.indices {
            let r = try #require(SecretHex.scalar(stored.randomness[index]))
            let ciphertext = try #require(SecretHex.ciphertext(stored.ciphertexts[index]))
            let point = try #require(SecretHex.point(stored.points[index]))
            #expect(ciphertext.alpha == .base(r) && ciphertext.beta == point + r * key)
        }
        let digest = try #require(Hex.decode(stored.codeDigest))
        #expect(stored.code == TypeableCode(bytes: Array(digest.prefix(10)), format: BallotCode.format).formatted)
        // The text reads back as the same opening.
        let decoded = try JSONDecoder().decode(BallotOpening.self, from: Data(stored.text.utf8))
        #expect(decoded.text == stored.text && decoded.code == stored.code)
    }
}
