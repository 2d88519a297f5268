import BuurtstemCrypto
import Foundation
import Testing

/// `TestVectors/mix/shuffle-vector.json`: a shuffle of 3 rows of width 2 and its proof, from fixed inputs, so an
/// implementation written from docs/record.md can compare every intermediate value. Regenerate (only when the
/// format changes on purpose) with `BUURTSTEM_WRITE_VECTORS=1 swift test --filter ShuffleVectorTests`.
@Suite("The shuffle test vector")
struct ShuffleVectorTests {
    typealias Point = Ristretto255.Point
    typealias Scalar = Ristretto255.Scalar

    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TestVectors/mix/shuffle-vector.json")
    static let rows = 3, width = 2

    /// A fixed scalar: SHA-512(`str("buurtstem/test-vectors/mix/v1") ‖ str(label) ‖ u32(index)`) reduced modulo ℓ.
    static func scalar(_ label: String, _ index: Int) -> Scalar {
        var writer = ByteWriter(tag: "buurtstem/test-vectors/mix/v1")
        writer.append(string: label)
        writer.append(u32: UInt32(index))
        return .hashing(writer.bytes)
    }

    static func vector(_ label: String, _ count: Int) -> [Scalar] { (0..<count).map { scalar(label, $0) } }

    static func matrix(_ label: String) -> [[Scalar]] {
        (0..<rows).map { row in (0..<width).map { scalar(label, row * width + $0) } }
    }

    struct Vector: Encodable {
        struct Nonces: Encodable {
            var commitment, chain: [String]
            var omega1, omega2, omega3: String
            var omega4, omegaHat, omegaPrime: [String]
        }

        struct Generators: Encodable {
            var chainBase: String
            var rows: [String]
        }

        var description: String
        var derivation: String
        var context: String
        var secretKey, publicKey: String
        var plaintexts, encryptionRandomness, inputs: [[String]]
        var permutation: [Int]
        var reencryptionRandomness, outputs: [[String]]
        var nonces: Nonces
        var generators: Generators
        var statementDigest: String
        var challengesU: [String]
        var challengeC: String
        var proof: ShuffleProof
    }

    /// The vector computed from its fixed inputs, through the same prover as a real mix.
    static func compute() throws -> (json: Data, statement: ShuffleStatement, proof: ShuffleProof) {
        let secretKey = scalar("secret key", 0)
        let publicKey = Point.base(secretKey)
        let context = Array("buurtstem test vector: mix of 3 rows of width 2".utf8)
        let plaintexts = matrix("plaintext").map { $0.map { Point.base($0) } }
        let encryption = matrix("encryption")
        let inputs = (0..<rows).map { row in
            (0..<width).map { ElGamalCiphertext.encrypt(plaintexts[row][$0], publicKey: publicKey, randomness: encryption[row][$0]) }
        }
        let permutation = try #require(Permutation(sources: [2, 0, 1]))
        let reencryption = matrix("re-encryption")
        let shuffle = try Shuffle.make(inputs: inputs, publicKey: publicKey, permutation: permutation, randomness: reencryption)
        let nonces = ShuffleProof.Nonces(
            commitment: vector("r", rows), chain: vector("r_hat", rows),
            omega1: scalar("omega1", 0), omega2: scalar("omega2", 0), omega3: scalar("omega3", 0),
            omega4: vector("omega4", width), omegaHat: vector("omega_hat", rows), omegaPrime: vector("omega_prime", rows)
        )
        let statement = ShuffleStatement(publicKey: publicKey, context: context, inputs: inputs, outputs: shuffle.outputs)
        let proof = try ShuffleProof.prove(statement, permutation: permutation, randomness: reencryption, nonces: nonces)
        let transcript = proof.transcript(statement, width: width)
        let hex = { (rows: [[ElGamalCiphertext]]) in rows.map { $0.map { Hex.encode($0.bytes) } } }
        let hexes = { (scalars: [Scalar]) in scalars.map(\.description) }
        let vector = Vector(
            description: "A shuffle of 3 rows of width 2 and its proof (docs/record.md, \"The mix: shuffles and their proofs\"). "
                + "Ciphertexts are alpha || beta (128 hex digits); output row i is input row permutation[i] re-encrypted with "
                + "reencryption_randomness[permutation[i]]; every scalar and point is its canonical 32-byte encoding in hex.",
            derivation: "every scalar named here is SHA-512(str(\"buurtstem/test-vectors/mix/v1\") || str(label) || u32(index)) "
                + "reduced mod l, with labels \"secret key\", \"plaintext\" (plaintext = scalar * B), \"encryption\", \"re-encryption\" "
                + "(index = row * width + component), \"r\", \"r_hat\", \"omega1\", \"omega2\", \"omega3\", \"omega4\", \"omega_hat\", \"omega_prime\"",
            context: Hex.encode(context),
            secretKey: secretKey.description, publicKey: publicKey.description,
            plaintexts: plaintexts.map { $0.map(\.description) },
            encryptionRandomness: encryption.map(hexes), inputs: hex(inputs),
            permutation: permutation.sources,
            reencryptionRandomness: reencryption.map(hexes), outputs: hex(shuffle.outputs),
            nonces: .init(
                commitment: hexes(nonces.commitment), chain: hexes(nonces.chain),
                omega1: nonces.omega1.description, omega2: nonces.omega2.description, omega3: nonces.omega3.description,
                omega4: hexes(nonces.omega4), omegaHat: hexes(nonces.omegaHat), omegaPrime: hexes(nonces.omegaPrime)
            ),
            generators: .init(
                chainBase: transcript.generators.chainBase.description,
                rows: transcript.generators.rows.map(\.description)
            ),
            statementDigest: Hex.encode(transcript.digest),
            challengesU: hexes(transcript.u), challengeC: transcript.c.description,
            proof: proof
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return (try encoder.encode(vector) + [0x0a], statement, proof)
    }

    @Test("the vector file is recomputed byte for byte from its fixed inputs")
    func recompute() throws {
        let (json, statement, proof) = try Self.compute()
        try proof.verify(statement)
        if ProcessInfo.processInfo.environment["BUURTSTEM_WRITE_VECTORS"] == "1" {
            try json.write(to: Self.file)
        }
        let stored = try Data(contentsOf: Self.file)
        #expect(stored == json, "TestVectors/mix/shuffle-vector.json differs from what the code computes")
    }

    @Test("the vector's proof, read from the file, verifies against the file's ciphertexts and fails for another context")
    func readBack() throws {
        struct Unreadable: Error { let what: String }
        func value<T>(_ value: T?, _ what: String) throws -> T {
            guard let value else { throw Unreadable(what: what) }
            return value
        }
        let object = try value(JSONSerialization.jsonObject(with: Data(contentsOf: Self.file)) as? [String: Any], "object")
        let proof = try ShuffleProof(json: JSONSerialization.data(withJSONObject: try value(object["proof"], "proof")))
        func rows(_ key: String) throws -> [[ElGamalCiphertext]] {
            try value(object[key] as? [[String]], key).map { row in
                try row.map { try value(Hex.decode($0).flatMap(ElGamalCiphertext.init(bytes:)), "\(key) ciphertext") }
            }
        }
        let publicKey = try value(object["public_key"] as? String, "public_key")
        let key = try value(Hex.decode(publicKey).flatMap { Point(canonical: $0) }, "public_key")
        let context = try value((object["context"] as? String).flatMap(Hex.decode), "context")
        let statement = ShuffleStatement(publicKey: key, context: context, inputs: try rows("inputs"), outputs: try rows("outputs"))
        try proof.verify(statement)
        let other = ShuffleStatement(publicKey: key, context: context + [0], inputs: statement.inputs, outputs: statement.outputs)
        #expect(throws: ShuffleVerificationError.self) { try proof.verify(other) }
    }
}
