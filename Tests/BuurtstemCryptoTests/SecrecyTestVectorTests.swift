import BuurtstemCrypto
import Foundation
import Testing

/// `TestVectors/secrecy/vectors.json`: fixed secrets, randomness and nonces (hex) and everything they determine —
/// plaintext encodings, a 2-of-3 ceremony, an encryption with its proof and a threshold decryption — so another
/// implementation of docs/record.md can check itself. This test recomputes every output from the file's inputs and
/// fails on any difference. `BUURTSTEM_WRITE_SECRECY_VECTORS=1` rewrites the file from the inputs derived below.
@Suite("Secrecy test vectors")
struct SecrecyTestVectorTests {
    typealias Point = Ristretto255.Point
    typealias Scalar = Ristretto255.Scalar

    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TestVectors/secrecy/vectors.json")

    @Test("every output in vectors.json is recomputed from its inputs, byte for byte")
    func vectorsMatch() throws {
        if ProcessInfo.processInfo.environment["BUURTSTEM_WRITE_SECRECY_VECTORS"] == "1" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try (encoder.encode(try Self.compute(try Self.generatedInputs())) + [0x0a]).write(to: Self.file)
        }
        let stored = try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: Self.file))
        let computed = try Self.compute(stored)
        #expect(computed.encodings == stored.encodings)
        #expect(computed.refusals == stored.refusals)
        #expect(Set(stored.refusals.map(\.reason)).count >= 6, "every kind of refusal has a vector")
        #expect(computed.ceremony == stored.ceremony)
        #expect(computed.encryption == stored.encryption)
        #expect(computed.decryption == stored.decryption)
        #expect(stored.encodings.count >= 4 && stored.ceremony.dealings.count == 3 && stored.decryption.shares.count == 2)
        // The outputs are what the spec says, not only what this code says: check the algebra they must satisfy.
        let key = try Self.point(stored.ceremony.publicKey)
        let constantTerms = try stored.ceremony.dealings.map { try Self.point($0.commitments[0]) }
        #expect(constantTerms.dropFirst().reduce(constantTerms[0], +) == key)
        for (index, share) in stored.ceremony.keyShares.enumerated() {
            #expect(Point.base(try Self.scalar(share)) == (try Self.point(stored.ceremony.verificationKeys[index])))
        }
    }

    // MARK: - Recomputing

    /// The vectors with every output recomputed from `inputs`' inputs.
    static func compute(_ inputs: Vectors) throws -> Vectors {
        let encodings = try inputs.encodings.map { vector in
            Encoding(bytes: vector.bytes, width: vector.width,
                     points: try PlaintextEncoding.encode(try bytes(vector.bytes), width: vector.width).map(\.description))
        }
        let refusals = try inputs.refusals.map { vector in
            Refusal(points: vector.points, width: vector.width,
                    reason: reason(try vector.points.map { hex in
                        guard let point = Point(canonical: try bytes(hex), allowIdentity: true) else {
                            throw VectorError(description: "not a point encoding: \(hex)")
                        }
                        return point
                    }, width: vector.width))
        }
        let (ceremony, keyShares) = try computeCeremony(inputs.ceremony)
        let electionKey = keyShares[0].electionKey
        let encryption = try computeEncryption(inputs.encryption, publicKey: electionKey.publicKey)
        let ciphertexts = encryption.ciphertexts.map {
            ElGamalCiphertext(bytes: Hex.decode($0.alpha + $0.beta)!)!
        }
        let decryption = try computeDecryption(inputs.decryption, ciphertexts: ciphertexts, keyShares: keyShares,
                                               width: inputs.encryption.width)
        return Vectors(about: inputs.about, encodings: encodings, refusals: refusals, ceremony: ceremony,
                       encryption: encryption, decryption: decryption)
    }

    /// The name of the rule `points` break, as the file writes it.
    static func reason(_ points: [Point], width: Int) -> String {
        do {
            _ = try PlaintextEncoding.decode(points, width: width)
            return "accepted"
        } catch {
            return switch error {
            case .invalidWidth: "invalid-width"
            case .tooLong: "too-long"
            case .noCandidate: "no-candidate"
            case .wrongPointCount: "wrong-point-count"
            case .identity: "identity"
            case .badLength: "bad-length"
            case .nonZeroPadding: "non-zero-padding"
            case .dataAfterShortPoint: "data-after-short-point"
            case .counterNotFirst: "counter-not-first"
            }
        }
    }

    static func computeCeremony(_ input: Ceremony) throws -> (Ceremony, [TrusteeKeyShare]) {
        let keys = try input.trustees.map { TrusteeKeys(signingKey: try SigningKey(seed: try bytes($0.ed25519Seed))) }
        let cards = zip(input.trustees, keys).enumerated().map { position, pair in
            pair.1.card(name: pair.0.name, index: position + 1)
        }
        let ceremony = try TrusteeCeremony(threshold: input.threshold, cards: cards, context: try bytes(input.context))
        var dealings: [TrusteeDealing] = []
        var dealingVectors: [Dealing] = []
        for (position, vector) in input.dealings.enumerated() {
            let coefficients = try vector.coefficients.map(scalar)
            let dealing = try TrusteeDealing.deal(in: ceremony, keys: keys[position], index: position + 1,
                                                  coefficients: coefficients, proofNonce: try scalar(vector.proofNonce))
            dealings.append(dealing)
            dealingVectors.append(Dealing(
                dealer: dealing.dealer, coefficients: vector.coefficients, proofNonce: vector.proofNonce,
                commitments: dealing.commitments.map(\.description),
                proof: Schnorr(challenge: dealing.proof.challenge.description,
                               responses: dealing.proof.responses.map(\.description)),
                shares: TrusteeDealing.shareValues(coefficients: coefficients, trustees: cards.count).map(\.description)))
        }
        let keyShares = try keys.enumerated().map { position, key throws(TrusteeCeremonyError) in
            try TrusteeKeyShare.receive(in: ceremony, dealings: dealings, keys: key, index: position + 1)
        }
        let electionKey = keyShares[0].electionKey
        let vector = Ceremony(
            threshold: input.threshold, context: input.context,
            trustees: zip(input.trustees, cards).map {
                Trustee(name: $0.name, ed25519Seed: $0.ed25519Seed, signingKey: $1.signingKey.hex,
                        boxKey: $1.boxKey.description)
            },
            ceremonyHash: Hex.encode(ceremony.hash), dealings: dealingVectors,
            publicKey: electionKey.publicKey.description,
            verificationKeys: electionKey.verificationKeys.map(\.description),
            keyShares: keyShares.map(\.secret.description))
        return (vector, keyShares)
    }

    static func computeEncryption(_ input: Encryption, publicKey: Point) throws -> Encryption {
        let points = try PlaintextEncoding.encode(try bytes(input.plaintext), width: input.width)
        let encrypted = ProvenEncryption.encrypt(
            points, publicKey: publicKey, context: try bytes(input.context),
            randomness: try input.randomness.map(scalar), nonces: try input.nonces.map(scalar))
        #expect(encrypted.verify(publicKey: publicKey, context: try bytes(input.context)))
        return Encryption(
            plaintext: input.plaintext, width: input.width, context: input.context, randomness: input.randomness,
            nonces: input.nonces, points: points.map(\.description),
            ciphertexts: encrypted.ciphertexts.map { Ciphertext(alpha: $0.alpha.description, beta: $0.beta.description) },
            proof: Schnorr(challenge: encrypted.proof.challenge.description,
                           responses: encrypted.proof.responses.map(\.description)))
    }

    static func computeDecryption(
        _ input: Decryption, ciphertexts: [ElGamalCiphertext], keyShares: [TrusteeKeyShare], width: Int
    ) throws -> Decryption {
        let context = try bytes(input.context)
        let shares = try input.shares.map { vector in
            DecryptionShare.make(ciphertexts, keyShare: keyShares[vector.trustee - 1], context: context,
                                 nonce: try scalar(vector.nonce))
        }
        let outcome = try ThresholdDecryption.combine(ciphertexts, shares: shares, electionKey: keyShares[0].electionKey,
                                                      context: context)
        return Decryption(
            context: input.context,
            shares: zip(input.shares, shares).map { vector, share in
                Share(trustee: vector.trustee, nonce: vector.nonce, partials: share.partials.map(\.description),
                      proof: EqualLogs(challenge: share.proof.challenge.description,
                                       response: share.proof.response.description))
            },
            lagrange: try #require(ThresholdDecryption.lagrangeCoefficients(outcome.trustees)).map(\.description),
            plaintexts: outcome.plaintexts.map(\.description),
            decoded: Hex.encode(try PlaintextEncoding.decode(outcome.plaintexts, width: width)))
    }

    // MARK: - The inputs the file was made from

    /// A fixed scalar named `name`: SHA-512("buurtstem/test-vector/" + name) mod ℓ.
    static func fixed(_ name: String) -> String {
        Scalar.hashing(Array("buurtstem/test-vector/\(name)".utf8)).description
    }

    /// Point sequences the encoder never produces, one for each rule of decoding.
    static func generatedRefusals() throws -> [Refusal] {
        let ja = try PlaintextEncoding.encode(Array("ja".utf8), width: 1)
        let abc = try PlaintextEncoding.encode(Array("abc".utf8), width: 1)[0]
        let counter = Int(abc.bytes[0] >> 1) | Int(abc.bytes[1]) << 7
        let candidates: [[Point]] = [
            [.identity],
            ja,
            [try #require(PlaintextEncodingTests.firstValid { PlaintextEncodingTests.candidate(counter: $0, data: [], length: 30) })],
            [try #require(PlaintextEncodingTests.firstValid { PlaintextEncodingTests.candidate(counter: $0, data: [9, 9, 9], length: 2) })],
            [abc, abc],
            [try #require(PlaintextEncodingTests.firstValid(from: counter + 1) {
                PlaintextEncodingTests.candidate(counter: $0, data: Array("abc".utf8), length: 3)
            })],
            [Point.base(try scalar(fixed("random-point")))],
        ]
        let widths = [1, 2, 1, 1, 2, 1, 1]
        return zip(candidates, widths).map { Refusal(points: $0.map(\.description), width: $1, reason: "") }
    }

    static func generatedInputs() throws -> Vectors {
        let names = ["raadslid A. de Vries", "rekenkamer", "notaris J. Bakker"]
        let ballot = Array("{\"contest\":\"wijkbudget-oost\",\"choices\":[3,11,12,17]}".utf8)
        let width = PlaintextEncoding.width(forByteCount: ballot.count)
        return Vectors(
            about: "Buurtstem secret-ballot test vectors (docs/record.md, \"Secret ballots\"). All values are hex: points "
                + "and scalars are 32-byte canonical encodings (RFC 9496; scalars little-endian). Inputs: bytes, widths, "
                + "Ed25519 seeds, polynomial coefficients, randomness, nonces, contexts; everything else is derived. "
                + "Sealed shares and dealing signatures are random (crypto_box_seal) and not included.",
            encodings: [
                Encoding(bytes: "", width: 1, points: []),
                Encoding(bytes: Hex.encode(Array("ja".utf8)), width: 1, points: []),
                Encoding(bytes: Hex.encode([UInt8](0..<29)), width: 1, points: []),
                Encoding(bytes: Hex.encode([UInt8](0..<30)), width: 2, points: []),
                Encoding(bytes: Hex.encode(Array("nee".utf8)), width: 3, points: []),
            ],
            refusals: try generatedRefusals(),
            ceremony: Ceremony(
                threshold: 2, context: Hex.encode(Array("GM0014 wijkbudget 2027".utf8)),
                trustees: names.enumerated().map { position, name in
                    Trustee(name: name, ed25519Seed: fixed("trustee-\(position + 1)-seed"), signingKey: "", boxKey: "")
                },
                ceremonyHash: "",
                dealings: (1...3).map { dealer in
                    Dealing(dealer: dealer, coefficients: (0..<2).map { fixed("dealer-\(dealer)-coefficient-\($0)") },
                            proofNonce: fixed("dealer-\(dealer)-proof-nonce"), commitments: [],
                            proof: Schnorr(challenge: "", responses: []), shares: [])
                },
                publicKey: "", verificationKeys: [], keyShares: []),
            encryption: Encryption(
                plaintext: Hex.encode(ballot), width: width,
                context: Hex.encode(Array(repeating: 0x11, count: 32) + Array(repeating: 0x22, count: 32)),
                randomness: (0..<width).map { fixed("randomness-\($0)") },
                nonces: (0..<width).map { fixed("randomness-proof-nonce-\($0)") },
                points: [], ciphertexts: [], proof: Schnorr(challenge: "", responses: [])),
            decryption: Decryption(
                context: Hex.encode(Array("decrypt: mix stage 2 output".utf8)),
                shares: [1, 3].map { Share(trustee: $0, nonce: fixed("decryption-\($0)-nonce"), partials: [],
                                           proof: EqualLogs(challenge: "", response: "")) },
                lagrange: [], plaintexts: [], decoded: ""))
    }

    // MARK: - Parsing

    struct VectorError: Error, CustomStringConvertible {
        let description: String
    }

    static func bytes(_ hex: String) throws -> [UInt8] {
        guard Hex.isLowercase(hex), let bytes = Hex.decode(hex) else { throw VectorError(description: "not lower-case hex: \(hex)") }
        return bytes
    }

    static func scalar(_ hex: String) throws -> Scalar {
        guard let scalar = Scalar(canonical: try bytes(hex)) else { throw VectorError(description: "not a canonical scalar: \(hex)") }
        return scalar
    }

    static func point(_ hex: String) throws -> Point {
        guard let point = Point(canonical: try bytes(hex)) else { throw VectorError(description: "not a canonical point: \(hex)") }
        return point
    }

    // MARK: - The file's form

    struct Vectors: Codable, Equatable {
        var about: String
        var encodings: [Encoding]
        var refusals: [Refusal]
        var ceremony: Ceremony
        var encryption: Encryption
        var decryption: Decryption
    }

    struct Encoding: Codable, Equatable {
        var bytes: String
        var width: Int
        var points: [String]
    }

    struct Refusal: Codable, Equatable {
        var points: [String]
        var width: Int
        var reason: String
    }

    struct Schnorr: Codable, Equatable {
        var challenge: String
        var responses: [String]
    }

    struct EqualLogs: Codable, Equatable {
        var challenge: String
        var response: String
    }

    struct Trustee: Codable, Equatable {
        var name: String
        var ed25519Seed: String
        var signingKey: String
        var boxKey: String
    }

    struct Dealing: Codable, Equatable {
        var dealer: Int
        var coefficients: [String]
        var proofNonce: String
        var commitments: [String]
        var proof: Schnorr
        var shares: [String]
    }

    struct Ceremony: Codable, Equatable {
        var threshold: Int
        var context: String
        var trustees: [Trustee]
        var ceremonyHash: String
        var dealings: [Dealing]
        var publicKey: String
        var verificationKeys: [String]
        var keyShares: [String]
    }

    struct Ciphertext: Codable, Equatable {
        var alpha: String
        var beta: String
    }

    struct Encryption: Codable, Equatable {
        var plaintext: String
        var width: Int
        var context: String
        var randomness: [String]
        var nonces: [String]
        var points: [String]
        var ciphertexts: [Ciphertext]
        var proof: Schnorr
    }

    struct Share: Codable, Equatable {
        var trustee: Int
        var nonce: String
        var partials: [String]
        var proof: EqualLogs
    }

    struct Decryption: Codable, Equatable {
        var context: String
        var shares: [Share]
        var lagrange: [String]
        var plaintexts: [String]
        var decoded: String
    }
}
