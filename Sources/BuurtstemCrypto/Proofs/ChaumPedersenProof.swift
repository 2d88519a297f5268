/// A non-interactive Chaum–Pedersen proof (Chaum–Pedersen 1992, Fiat–Shamir) that one secret s links a public key
/// V = s·B and every pair (α_i, d_i = s·α_i): the proof of a trustee's decryption share (docs/record.md, "Proofs").
///
/// The proof is the pair (challenge c, response z). With a nonce w, a = w·B and b_i = w·α_i,
/// c = SHA-512(str(tag) ‖ raw(B) ‖ raw(V) ‖ bytes(statement) ‖ u32(k) ‖ raw(α_1) ‖ raw(d_1) … raw(α_k) ‖ raw(d_k)
/// ‖ raw(a) ‖ raw(b_1) … raw(b_k)) mod ℓ and z = w + c·s. The verifier recomputes a = z·B − c·V,
/// b_i = z·α_i − c·d_i and the challenge. One response covers all k pairs.
public struct ChaumPedersenProof: Sendable, Hashable {
    /// The challenge c.
    public let challenge: Ristretto255.Scalar
    /// The response z.
    public let response: Ristretto255.Scalar

    /// The proof (c, z) as given.
    public init(challenge: Ristretto255.Scalar, response: Ristretto255.Scalar) {
        self.challenge = challenge
        self.response = response
    }

    /// The proof of two canonical 32-byte encodings, or nil when either is not one (ℓ or more, or not 32 bytes).
    public init?(challenge: [UInt8], response: [UInt8]) {
        guard let challenge = Ristretto255.Scalar(canonical: challenge),
              let response = Ristretto255.Scalar(canonical: response)
        else { return nil }
        self.init(challenge: challenge, response: response)
    }

    /// The proof that `secret` s gives `publicKey` = s·B and `results` d_i = s·`bases`[i], with a fresh nonce.
    public static func prove(
        tag: String, statement: [UInt8], secret: Ristretto255.Scalar, publicKey: Ristretto255.Point,
        bases: [Ristretto255.Point], results: [Ristretto255.Point]
    ) -> ChaumPedersenProof {
        prove(tag: tag, statement: statement, secret: secret, publicKey: publicKey, bases: bases, results: results,
              nonce: .random())
    }

    /// The proof with the nonce w given: for test vectors only, as a repeated nonce reveals the secret.
    package static func prove(
        tag: String, statement: [UInt8], secret: Ristretto255.Scalar, publicKey: Ristretto255.Point,
        bases: [Ristretto255.Point], results: [Ristretto255.Point], nonce: Ristretto255.Scalar
    ) -> ChaumPedersenProof {
        precondition(bases.count == results.count, "one result per base")
        let baseCommitment = Ristretto255.Point.base(nonce)
        let commitments = ParallelMap.map(bases) { nonce * $0 }
        let challenge = challenge(tag: tag, statement: statement, publicKey: publicKey, bases: bases,
                                  results: results, baseCommitment: baseCommitment, commitments: commitments)
        return ChaumPedersenProof(challenge: challenge, response: nonce + challenge * secret)
    }

    /// Whether this proves that log_B `publicKey` equals log_{α_i} d_i for every pair of `bases` and `results`.
    public func verify(
        tag: String, statement: [UInt8], publicKey: Ristretto255.Point,
        bases: [Ristretto255.Point], results: [Ristretto255.Point]
    ) -> Bool {
        guard bases.count == results.count else { return false }
        let (challenge, response) = (self.challenge, self.response)
        let baseCommitment = Ristretto255.Point.base(response) - challenge * publicKey
        let commitments = ParallelMap.indices(bases.count) { index in
            response * bases[index] - challenge * results[index]
        }
        return Self.challenge(tag: tag, statement: statement, publicKey: publicKey, bases: bases, results: results,
                              baseCommitment: baseCommitment, commitments: commitments) == challenge
    }

    private static func challenge(
        tag: String, statement: [UInt8], publicKey: Ristretto255.Point, bases: [Ristretto255.Point],
        results: [Ristretto255.Point], baseCommitment: Ristretto255.Point, commitments: [Ristretto255.Point]
    ) -> Ristretto255.Scalar {
        var message = ByteWriter(tag: tag)
        message.append(point: .generator)
        message.append(point: publicKey)
        message.append(bytes: statement)
        message.append(u32: UInt32(bases.count))
        for (base, result) in zip(bases, results) {
            message.append(point: base)
            message.append(point: result)
        }
        message.append(point: baseCommitment)
        for commitment in commitments { message.append(point: commitment) }
        return .hashing(message.bytes)
    }
}
