import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

/// `TestVectors/secret-record/vectors.json`: the record-level bytes of a small secret election (docs/record.md,
/// "Secret elections: the record"), built from fixed seeds through the record types the engine writes: three v3
/// ballots (signed bytes, leaf, tracking code, proof context and challenge), the mix context and a one-stage mix file,
/// the decryption context, two trustees' share files and the decoded rows, one of them invalid. The test rebuilds the
/// whole file and fails on any byte of difference; `scripts/check-secret-record-vectors.py` recomputes it from the page.
/// `BUURTSTEM_WRITE_SECRET_RECORD_VECTORS=1` rewrites the file (only when the format changes on purpose).
@Suite("Secret record test vectors", .serialized)
struct SecretRecordVectorTests {
    typealias Point = Ristretto255.Point
    typealias Scalar = Ristretto255.Scalar

    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TestVectors/secret-record/vectors.json")

    static let election = "GM0014-wijkbudget-2027"
    static let area = "oost"
    static let kiosk = "bibliotheek-oost"
    static let width = 2
    static let stage = 1
    static let threshold = 2
    static let trustees = 3
    static let decryptingTrustees = [1, 3]
    /// Output row i is input row `permutation[i]` re-encrypted.
    static let permutation = [2, 0, 1]
    /// The ballots' plaintexts: two valid choice lists and one byte string that is not choice bytes.
    static let plaintexts: [[Choice]?] = [
        [Choice(project: "speeltuin", value: 1)],
        [Choice(project: "bankjes", value: 1), Choice(project: "speeltuin", value: 1)],
        nil,
    ]
    static let invalidBytes = Array("kapot".utf8)
    /// The problem `decoded.jsonl` gives for a plaintext that is not choice bytes (the engine's DecryptionCombine).
    static let notChoiceBytes = "the plaintext is not canonical choice bytes"

    /// SHA-512(str("buurtstem/test-vectors/secret-record/v1") || str(label) || u32(index)) mod ℓ.
    static func fixed(_ label: String, _ index: Int = 0) -> Scalar {
        var writer = ByteWriter(tag: "buurtstem/test-vectors/secret-record/v1")
        writer.append(string: label)
        writer.append(u32: UInt32(index))
        return .hashing(writer.bytes)
    }

    static func cells(_ label: String, rows: Int) -> [[Scalar]] {
        (0..<rows).map { row in (0..<width).map { fixed(label, row * width + $0) } }
    }

    @Test("vectors.json is rebuilt byte for byte from the record types")
    func vectorsMatch() throws {
        let computed = try Self.compute()
        if ProcessInfo.processInfo.environment["BUURTSTEM_WRITE_SECRET_RECORD_VECTORS"] == "1" {
            try Data(computed).write(to: Self.file)
        }
        let stored = try [UInt8](Data(contentsOf: Self.file))
        guard stored != computed else { return }
        let storedLines = String(decoding: stored, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let computedLines = String(decoding: computed, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(storedLines, computedLines).enumerated().first { $1.0 != $1.1 }?.offset ?? min(storedLines.count, computedLines.count)
        Issue.record("""
            TestVectors/secret-record/vectors.json differs from what the engine's record types give, first at line \(line + 1): \
            the file has \(line < storedLines.count ? String(storedLines[line]) : "nothing"), the engine \
            \(line < computedLines.count ? String(computedLines[line]) : "nothing")
            """)
    }

    @Test("the stored files read back through the record types and their proofs hold")
    func storedFilesVerify() throws {
        let vector = try JSONDecoder().decode(Vector.self, from: Data(contentsOf: Self.file))
        let key = try #require(SecretHex.point(vector.trustees.publicKey))
        let verificationKeys = try vector.trustees.verificationKeys.map { try #require(SecretHex.point($0)) }
        let electionKey = try #require(ElectionKey(publicKey: key, threshold: Self.threshold, verificationKeys: verificationKeys))
        let definitionHash = try #require(Hex.decode(vector.definitionHash))
        var inputs: [[ElGamalCiphertext]] = []
        for ballot in vector.ballots {
            let read = try ballot.line.ballot(election: vector.election, definitionHash: definitionHash, kiosk: vector.kiosk).get()
            #expect(read.isValidSignature && read.isValidProof(publicKey: key))
            #expect(Hex.encode(read.signedBytes) == ballot.signedBytes)
            inputs.append(read.encryption.ciphertexts)
        }
        let shuffle = try #require(vector.mix.stageFile.areas.first)
        let context = MixStageFile.context(election: vector.election, definitionHash: definitionHash, stage: Self.stage, area: Self.area)
        #expect(Hex.encode(context) == vector.mix.context)
        try shuffle.proof.verify(ShuffleStatement(publicKey: key, context: context, inputs: inputs, outputs: shuffle.outputs))
        // The same proof under another stage's context fails: the context is bound in.
        let otherStage = MixStageFile.context(election: vector.election, definitionHash: definitionHash, stage: 2, area: Self.area)
        #expect(throws: ShuffleVerificationError.self) {
            try shuffle.proof.verify(ShuffleStatement(publicKey: key, context: otherStage, inputs: inputs, outputs: shuffle.outputs))
        }
        let ciphertexts = shuffle.outputs.flatMap { $0 }
        let decryptionContext = DecryptionSharesFile.context(election: vector.election, definitionHash: definitionHash,
                                                             stage: Self.stage, area: Self.area)
        for file in vector.decryption.shareFiles {
            let area = try #require(file.areas.first)
            let share = DecryptionShare(trustee: file.trustee, partials: area.partials, proof: area.proof)
            #expect(share.verify(ciphertexts, electionKey: electionKey, context: decryptionContext))
            #expect(!share.verify(ciphertexts, electionKey: electionKey, context: context), "a share is bound to the decryption context")
        }
        #expect(vector.decryption.decoded.contains { $0.problem != nil } && vector.decryption.decoded.contains { $0.choices != nil })
    }

    // MARK: - Building the vector

    /// The file's bytes: pretty-printed JSON with sorted keys and a final newline.
    static func compute() throws -> [UInt8] {
        let definitionHash = SHA.sha256(Array("buurtstem test vector: the definition of a secret election".utf8))
        // A 2-of-3 sharing of x by the polynomial a0 + a1·j (the ceremony's outcome; the ceremony has its own vectors).
        let polynomial = [fixed("trustee polynomial", 0), fixed("trustee polynomial", 1)]
        let secrets = (1...trustees).map { polynomial[0] + polynomial[1] * Scalar(UInt64($0)) }
        let publicKey = Point.base(polynomial[0])
        let electionKey = try #require(ElectionKey(publicKey: publicKey, threshold: threshold, verificationKeys: secrets.map { Point.base($0) }))

        var ballots: [BallotVector] = []
        var inputs: [[ElGamalCiphertext]] = []
        for (index, choices) in plaintexts.enumerated() {
            let bytes = choices.map(ChoiceBytes.encode) ?? invalidBytes
            let passKey = try SigningKey(seed: fixed("pass seed", index).bytes)
            let points = try PlaintextEncoding.encode(bytes, width: width)
            let proofContext = EncryptedBallot.encryptionContext(definitionHash: definitionHash, pass: passKey.publicKey)
            let randomness = cells("randomness", rows: plaintexts.count)[index]
            let nonces = cells("randomness proof nonce", rows: plaintexts.count)[index]
            let encryption = ProvenEncryption.encrypt(points, publicKey: publicKey, context: proofContext,
                                                      randomness: randomness, nonces: nonces)
            let ballot = EncryptedBallot(election: election, definitionHash: definitionHash, area: area, passKey: passKey,
                                         encryption: encryption, kiosk: kiosk, sequence: UInt64(index))
            inputs.append(encryption.ciphertexts)
            ballots.append(BallotVector(
                choices: choices, choiceBytes: Hex.encode(bytes), passSeed: Hex.encode(fixed("pass seed", index).bytes),
                passPublicKey: Hex.encode(passKey.publicKey.bytes), sequence: UInt64(index),
                randomness: randomness.map(\.description), nonces: nonces.map(\.description), points: points.map(\.description),
                proofContext: Hex.encode(proofContext), signedBytes: Hex.encode(ballot.signedBytes),
                signature: Hex.encode(ballot.signature.bytes), leaf: Hex.encode(ballot.leafHash),
                trackingCode: Hex.encode(Array(ballot.leafHash.prefix(10))), line: EncryptedBallotLine(ballot)))
        }

        let mixContext = MixStageFile.context(election: election, definitionHash: definitionHash, stage: stage, area: area)
        let reencryption = cells("re-encryption", rows: inputs.count)
        let order = try #require(Permutation(sources: permutation))
        let shuffle = try Shuffle.make(inputs: inputs, publicKey: publicKey, permutation: order, randomness: reencryption)
        let vector = { (label: String, count: Int) in (0..<count).map { fixed(label, $0) } }
        let nonces = ShuffleProof.Nonces(
            commitment: vector("r", inputs.count), chain: vector("r_hat", inputs.count),
            omega1: fixed("omega1"), omega2: fixed("omega2"), omega3: fixed("omega3"),
            omega4: vector("omega4", width), omegaHat: vector("omega_hat", inputs.count), omegaPrime: vector("omega_prime", inputs.count))
        let statement = ShuffleStatement(publicKey: publicKey, context: mixContext, inputs: inputs, outputs: shuffle.outputs)
        let proof = try ShuffleProof.prove(statement, permutation: order, randomness: reencryption, nonces: nonces)
        let stageFile = MixStageFile(election: election, definitionHash: definitionHash, stage: stage,
                                     areas: [.init(area: area, outputs: shuffle.outputs, proof: proof)])

        let decryptionContext = DecryptionSharesFile.context(election: election, definitionHash: definitionHash, stage: stage, area: area)
        let ciphertexts = shuffle.outputs.flatMap { $0 }
        let shares = try decryptingTrustees.map { trustee in
            let keyShare = try #require(TrusteeKeyShare(index: trustee, secret: secrets[trustee - 1], electionKey: electionKey))
            return DecryptionShare.make(ciphertexts, keyShare: keyShare, context: decryptionContext,
                                        nonce: fixed("decryption nonce", trustee))
        }
        let outcome = try ThresholdDecryption.combine(ciphertexts, shares: shares, electionKey: electionKey, context: decryptionContext)
        let rows = stride(from: 0, to: outcome.plaintexts.count, by: width).map { Array(outcome.plaintexts[$0..<$0 + width]) }
        let decoded = try rows.enumerated().map { position, points in
            let choices = ChoiceBytes.decode(try PlaintextEncoding.decode(points, width: width))
            return DecodedBallotLine(area: area, position: position, choices: choices, problem: choices == nil ? notChoiceBytes : nil)
        }

        let file = Vector(
            about: "Record-level vectors of a secret election (docs/record.md, \"Secret elections: the record\"): three v3 "
                + "ballots in one area and kiosk, a one-stage mix of that area and its 2-of-3 threshold decryption by trustees "
                + "1 and 3. Hex throughout; points and scalars are 32-byte canonical encodings. See README.md.",
            derivation: "every scalar named here is SHA-512(str(\"buurtstem/test-vectors/secret-record/v1\") || str(label) || "
                + "u32(index)) mod l: \"trustee polynomial\" (index 0, 1: x_j = a0 + a1*j, Y = a0*B), \"pass seed\" (the "
                + "Ed25519 seed is the scalar's 32 bytes), \"randomness\" and \"randomness proof nonce\" (index = ballot * width "
                + "+ point), \"re-encryption\" (index = input row * width + component), \"r\", \"r_hat\", \"omega1\", \"omega2\", "
                + "\"omega3\", \"omega4\", \"omega_hat\", \"omega_prime\" (the shuffle proof's nonces, as in TestVectors/mix), "
                + "\"decryption nonce\" (index = trustee); definition_hash = SHA-256 of the UTF-8 text "
                + "\"buurtstem test vector: the definition of a secret election\"",
            election: election, definitionHash: Hex.encode(definitionHash), area: area, kiosk: kiosk, width: width,
            trustees: TrusteeVector(threshold: threshold, polynomial: polynomial.map(\.description),
                                    publicKey: publicKey.description, verificationKeys: electionKey.verificationKeys.map(\.description)),
            ballots: ballots,
            mix: MixVector(stage: stage, context: Hex.encode(mixContext), permutation: permutation,
                           reencryptionRandomness: reencryption.map { $0.map(\.description) }, stageFile: stageFile),
            decryption: DecryptionVector(
                stage: stage, context: Hex.encode(decryptionContext),
                nonces: decryptingTrustees.map { fixed("decryption nonce", $0).description },
                shareFiles: shares.map { share in
                    DecryptionSharesFile(election: election, definitionHash: definitionHash, stage: stage, trustee: share.trustee,
                                         areas: [.init(area: area, partials: share.partials, proof: share.proof)])
                },
                lagrange: try #require(ThresholdDecryption.lagrangeCoefficients(outcome.trustees)).map(\.description),
                plaintexts: rows.map { $0.map(\.description) }, decoded: decoded))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(file)) + [0x0a]
    }

    // MARK: - The file's form

    struct BallotVector: Codable {
        var choices: [Choice]?
        var choiceBytes, passSeed, passPublicKey: String
        var sequence: UInt64
        var randomness, nonces, points: [String]
        var proofContext, signedBytes, signature, leaf, trackingCode: String
        var line: EncryptedBallotLine

        private enum CodingKeys: String, CodingKey {
            case choices, choiceBytes = "choice_bytes", passSeed = "pass_seed", passPublicKey = "pass_public_key", sequence,
                 randomness, nonces, points, proofContext = "proof_context", signedBytes = "signed_bytes", signature, leaf,
                 trackingCode = "tracking_code", line
        }
    }

    struct TrusteeVector: Codable {
        var threshold: Int
        var polynomial: [String]
        var publicKey: String
        var verificationKeys: [String]

        private enum CodingKeys: String, CodingKey {
            case threshold, polynomial, publicKey = "public_key", verificationKeys = "verification_keys"
        }
    }

    struct MixVector: Codable {
        var stage: Int
        var context: String
        var permutation: [Int]
        var reencryptionRandomness: [[String]]
        var stageFile: MixStageFile

        private enum CodingKeys: String, CodingKey {
            case stage, context, permutation, reencryptionRandomness = "reencryption_randomness", stageFile = "stage_file"
        }
    }

    struct DecryptionVector: Codable {
        var stage: Int
        var context: String
        var nonces: [String]
        var shareFiles: [DecryptionSharesFile]
        var lagrange: [String]
        var plaintexts: [[String]]
        var decoded: [DecodedBallotLine]

        private enum CodingKeys: String, CodingKey {
            case stage, context, nonces, shareFiles = "share_files", lagrange, plaintexts, decoded
        }
    }

    struct Vector: Codable {
        var about, derivation, election, definitionHash, area, kiosk: String
        var width: Int
        var trustees: TrusteeVector
        var ballots: [BallotVector]
        var mix: MixVector
        var decryption: DecryptionVector

        private enum CodingKeys: String, CodingKey {
            case about, derivation, election, definitionHash = "definition_hash", area, kiosk, width, trustees, ballots, mix, decryption
        }
    }
}
