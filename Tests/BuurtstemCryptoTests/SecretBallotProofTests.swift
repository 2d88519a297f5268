import BuurtstemCrypto
import Testing

/// The proof of knowledge of the randomness and the Chaum–Pedersen proof: they verify, and fail on any change
/// of what they cover; received scalars and points are parsed canonically.
@Suite("Secret ballot proofs")
struct SecretBallotProofTests {
    typealias Point = Ristretto255.Point
    typealias Scalar = Ristretto255.Scalar

    let publicKey = Point.base(.random())
    let context = Array("pass key ‖ definition hash".utf8)

    func encryption(width: Int = 3) throws -> ProvenEncryption {
        let points = try PlaintextEncoding.encode(SecureRandom.bytes(count: 29 * width), width: width)
        return ProvenEncryption.encrypt(points, publicKey: publicKey, context: context)
    }

    @Test("a proof of the randomness verifies, and decryption with the secret key gives the plaintext back")
    func randomnessProofVerifies() throws {
        let secret = Scalar.random()
        let key = Point.base(secret)
        let bytes = Array("stem op project 7 en 12".utf8)
        let points = try PlaintextEncoding.encode(bytes, width: 2)
        let encrypted = ProvenEncryption.encrypt(points, publicKey: key, context: context)
        #expect(encrypted.verify(publicKey: key, context: context))
        let decrypted = encrypted.ciphertexts.map { $0.decrypted(secretKey: secret) }
        #expect(try PlaintextEncoding.decode(decrypted, width: 2) == bytes)
    }

    @Test("another context (a copied ciphertext under another pass) fails")
    func randomnessProofContext() throws {
        let encrypted = try encryption()
        #expect(encrypted.verify(publicKey: publicKey, context: context))
        #expect(!encrypted.verify(publicKey: publicKey, context: context + [0]))
        #expect(!encrypted.verify(publicKey: publicKey, context: []))
        #expect(!encrypted.verify(publicKey: Point.base(.random()), context: context))
        // Under the identity as key β_i = M_i: a proof made for it is refused all the same.
        let points = encrypted.ciphertexts.map(\.beta)
        let clear = ProvenEncryption.encrypt(points, publicKey: .identity, context: context)
        #expect(clear.ciphertexts.map(\.beta) == points)
        #expect(!clear.verify(publicKey: .identity, context: context))
    }

    @Test("a changed ciphertext, response or challenge, or a reordered vector fails")
    func randomnessProofTampering() throws {
        let encrypted = try encryption()
        var ciphertexts = encrypted.ciphertexts
        ciphertexts[1] = ciphertexts[1].reencrypted(publicKey: publicKey, randomness: .random())
        #expect(!ProvenEncryption(ciphertexts: ciphertexts, proof: encrypted.proof).verify(publicKey: publicKey, context: context))
        // Only β changed: the statement covers β, although the proof is about α.
        var betaOnly = encrypted.ciphertexts
        betaOnly[0] = ElGamalCiphertext(alpha: betaOnly[0].alpha, beta: betaOnly[0].beta + .generator)
        #expect(!ProvenEncryption(ciphertexts: betaOnly, proof: encrypted.proof).verify(publicKey: publicKey, context: context))
        #expect(!ProvenEncryption(ciphertexts: encrypted.ciphertexts.reversed(), proof: encrypted.proof)
            .verify(publicKey: publicKey, context: context))
        var responses = encrypted.proof.responses
        responses[2] = responses[2] + .one
        #expect(!ProvenEncryption(ciphertexts: encrypted.ciphertexts,
                                  proof: SchnorrProof(challenge: encrypted.proof.challenge, responses: responses))
            .verify(publicKey: publicKey, context: context))
        #expect(!ProvenEncryption(ciphertexts: encrypted.ciphertexts,
                                  proof: SchnorrProof(challenge: encrypted.proof.challenge + .one,
                                                      responses: encrypted.proof.responses))
            .verify(publicKey: publicKey, context: context))
        #expect(!ProvenEncryption(ciphertexts: Array(encrypted.ciphertexts.prefix(2)),
                                  proof: SchnorrProof(challenge: encrypted.proof.challenge,
                                                      responses: Array(encrypted.proof.responses.prefix(2))))
            .verify(publicKey: publicKey, context: context))
        #expect(!ProvenEncryption(ciphertexts: [], proof: SchnorrProof(challenge: .zero, responses: []))
            .verify(publicKey: publicKey, context: context))
    }

    @Test("a Chaum–Pedersen proof verifies and fails on a changed share, key, context, challenge or response")
    func chaumPedersen() {
        let secret = Scalar.random()
        let key = Point.base(secret)
        let bases = (0..<5).map { _ in Point.base(.random()) }
        let results = bases.map { secret * $0 }
        let tag = "buurtstem/test/equal-logs"
        let proof = ChaumPedersenProof.prove(tag: tag, statement: context, secret: secret, publicKey: key,
                                             bases: bases, results: results)
        #expect(proof.verify(tag: tag, statement: context, publicKey: key, bases: bases, results: results))
        var wrong = results
        wrong[3] = wrong[3] + .generator
        #expect(!proof.verify(tag: tag, statement: context, publicKey: key, bases: bases, results: wrong))
        #expect(!proof.verify(tag: tag, statement: context, publicKey: key + .generator, bases: bases, results: results))
        #expect(!proof.verify(tag: tag, statement: context + [1], publicKey: key, bases: bases, results: results))
        #expect(!proof.verify(tag: tag + "2", statement: context, publicKey: key, bases: bases, results: results))
        #expect(!ChaumPedersenProof(challenge: proof.challenge + .one, response: proof.response)
            .verify(tag: tag, statement: context, publicKey: key, bases: bases, results: results))
        #expect(!ChaumPedersenProof(challenge: proof.challenge, response: proof.response + .one)
            .verify(tag: tag, statement: context, publicKey: key, bases: bases, results: results))
        // A prover with another secret for one pair cannot prove.
        let other = ChaumPedersenProof.prove(tag: tag, statement: context, secret: secret, publicKey: key,
                                             bases: bases, results: wrong)
        #expect(!other.verify(tag: tag, statement: context, publicKey: key, bases: bases, results: wrong))
    }

    @Test("responses and challenges of ℓ or more are refused when read; ℓ + z would otherwise verify as z")
    func nonReducedScalarsRefused() throws {
        let encrypted = try encryption(width: 1)
        let order = Hex.decode("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")!
        // z + ℓ as 32 bytes: below 2^253, so it always fits.
        let response = encrypted.proof.responses[0].bytes
        let unreduced = try #require(Self.add(response, order))
        let parsedGood = SchnorrProof(challenge: encrypted.proof.challenge.bytes, responses: [response])
        #expect(parsedGood == encrypted.proof)
        #expect(SchnorrProof(challenge: encrypted.proof.challenge.bytes, responses: [unreduced]) == nil)
        #expect(SchnorrProof(challenge: order, responses: [response]) == nil)
        #expect(SchnorrProof(challenge: [UInt8](repeating: 0xff, count: 32), responses: [response]) == nil)
        #expect(SchnorrProof(challenge: encrypted.proof.challenge.bytes, responses: [Array(response.prefix(31))]) == nil)
        #expect(ChaumPedersenProof(challenge: order, response: response) == nil)
        #expect(ChaumPedersenProof(challenge: response, response: order) == nil)
        #expect(ChaumPedersenProof(challenge: response, response: response) != nil)
    }

    @Test("an identity public key or ciphertext half α is refused when read")
    func identityRefused() {
        let zero = [UInt8](repeating: 0, count: 32)
        #expect(Point(canonical: zero) == nil)
        #expect(ElGamalCiphertext(bytes: zero + Point.generator.bytes) == nil)
        #expect(ElGamalCiphertext(bytes: Point.generator.bytes + zero) != nil)
    }

    @Test("a sealed box opens with its key only, and not after a change")
    func sealedBox() throws {
        let keys = try BoxKeyPair(seed: SecureRandom.bytes(count: 32))
        let message = Array("share".utf8)
        let sealed = keys.publicKey.seal(message)
        #expect(sealed.count == message.count + BoxKeyPair.sealOverhead)
        #expect(keys.open(sealed) == message)
        #expect(try BoxKeyPair(seed: SecureRandom.bytes(count: 32)).open(sealed) == nil)
        var changed = sealed
        changed[40] ^= 1
        #expect(keys.open(changed) == nil)
        #expect(keys.open(Array(sealed.prefix(20))) == nil)
        #expect(throws: CryptoError.self) { try BoxKeyPair(seed: [1, 2, 3]) }
    }

    /// The 32-byte little-endian sum of `a` and `b`, or nil when it overflows 2^256.
    static func add(_ a: [UInt8], _ b: [UInt8]) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: 32)
        var carry = 0
        for index in 0..<32 {
            let sum = Int(a[index]) + Int(b[index]) + carry
            out[index] = UInt8(sum & 0xff)
            carry = sum >> 8
        }
        return carry == 0 ? out : nil
    }
}
