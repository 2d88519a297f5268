/// A non-interactive Schnorr proof (Schnorr 1991, Fiat–Shamir) of knowledge of the discrete logarithms x_i of
/// public points P_i = x_i·B, for a vector of them under one challenge (docs/record.md, "Proofs").
///
/// The proof is the pair (challenge c, responses z_i). With nonces w_i and commitments T_i = w_i·B,
/// c = SHA-512(str(tag) ‖ raw(B) ‖ bytes(statement) ‖ u32(k) ‖ raw(P_1) … raw(P_k) ‖ raw(T_1) … raw(T_k)) mod ℓ
/// and z_i = w_i + c·x_i. The verifier recomputes T_i = z_i·B − c·P_i and the challenge. The statement bytes carry
/// every other public value of the proof's use (keys, the other ciphertext halves, the context), so a proof
/// cannot be moved to another statement (Bernhard–Pereira–Warinschi 2012).
public struct SchnorrProof: Sendable, Hashable {
    /// The challenge c.
    public let challenge: Ristretto255.Scalar
    /// The responses z_i, one per public point.
    public let responses: [Ristretto255.Scalar]

    /// The proof (c, z_1 … z_k) as given.
    public init(challenge: Ristretto255.Scalar, responses: [Ristretto255.Scalar]) {
        self.challenge = challenge
        self.responses = responses
    }

    /// The proof of canonical 32-byte encodings, or nil when any is 32 bytes encoding ℓ or more, or not 32 bytes:
    /// a response of ℓ + z would verify in libsodium as z, a second form of one proof.
    public init?(challenge: [UInt8], responses: [[UInt8]]) {
        guard let challenge = Ristretto255.Scalar(canonical: challenge) else { return nil }
        var parsed: [Ristretto255.Scalar] = []
        for response in responses {
            guard let scalar = Ristretto255.Scalar(canonical: response) else { return nil }
            parsed.append(scalar)
        }
        self.init(challenge: challenge, responses: parsed)
    }

    /// The proof that the prover knows `secrets` x_i with `publics` P_i = x_i·B, with fresh random nonces.
    public static func prove(
        tag: String, statement: [UInt8], secrets: [Ristretto255.Scalar], publics: [Ristretto255.Point]
    ) -> SchnorrProof {
        prove(tag: tag, statement: statement, secrets: secrets, publics: publics,
              nonces: secrets.map { _ in .random() })
    }

    /// The proof with the nonces w_i given: for test vectors only, as a repeated nonce reveals the secret.
    package static func prove(
        tag: String, statement: [UInt8], secrets: [Ristretto255.Scalar], publics: [Ristretto255.Point],
        nonces: [Ristretto255.Scalar]
    ) -> SchnorrProof {
        precondition(secrets.count == publics.count && nonces.count == publics.count, "one secret and nonce per point")
        let commitments = nonces.map { Ristretto255.Point.base($0) }
        let challenge = challenge(tag: tag, statement: statement, publics: publics, commitments: commitments)
        let responses = zip(nonces, secrets).map { nonce, secret in nonce + challenge * secret }
        return SchnorrProof(challenge: challenge, responses: responses)
    }

    /// Whether this proves knowledge of the discrete logarithms of `publics` under `tag` and `statement`.
    public func verify(tag: String, statement: [UInt8], publics: [Ristretto255.Point]) -> Bool {
        guard responses.count == publics.count else { return false }
        let commitments = zip(responses, publics).map { response, point in
            Ristretto255.Point.base(response) - challenge * point
        }
        return Self.challenge(tag: tag, statement: statement, publics: publics, commitments: commitments) == challenge
    }

    /// The challenge message's scalar, as docs/record.md defines it.
    package static func challenge(
        tag: String, statement: [UInt8], publics: [Ristretto255.Point], commitments: [Ristretto255.Point]
    ) -> Ristretto255.Scalar {
        var message = ByteWriter(tag: tag)
        message.append(point: .generator)
        message.append(bytes: statement)
        message.append(points: publics)
        for commitment in commitments { message.append(point: commitment) }
        return .hashing(message.bytes)
    }
}
