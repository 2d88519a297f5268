/// A plaintext of several points encrypted under the election key, with a proof of knowledge of every randomness
/// bound to a context: what a kiosk publishes for one ballot (docs/record.md, "Proof of knowledge of the
/// randomness").
///
/// The proof makes the ciphertext non-malleable in the way the election needs: a copy of someone else's
/// ciphertext cannot be cast under another pass, since its proof names the original pass in its context, and a
/// new proof needs the randomness.
public struct ProvenEncryption: Sendable, Hashable {
    /// The ciphertexts, one per plaintext point.
    public let ciphertexts: [ElGamalCiphertext]
    /// The Schnorr proof of knowledge of each r_i with α_i = r_i·B.
    public let proof: SchnorrProof

    /// The domain-separation tag of the proof's challenge.
    public static let tag = "buurtstem/proof/randomness/v1"

    /// The encryption and proof as given (read from a file; check it with `verify`).
    public init(ciphertexts: [ElGamalCiphertext], proof: SchnorrProof) {
        self.ciphertexts = ciphertexts
        self.proof = proof
    }

    /// `points` encrypted under `publicKey` with fresh randomness, the proof bound to `context` (the caller's
    /// bytes: the pass public key and the definition hash, docs/record.md).
    public static func encrypt(
        _ points: [Ristretto255.Point], publicKey: Ristretto255.Point, context: [UInt8]
    ) -> ProvenEncryption {
        encrypt(points, publicKey: publicKey, context: context,
                randomness: points.map { _ in .random() }, nonces: points.map { _ in .random() })
    }

    /// `points` encrypted with the caller's `randomness` (one fresh random scalar per point) and fresh proof nonces:
    /// for a kiosk that must be able to open the ballot if the resident checks it (the Benaloh challenge). The
    /// randomness must never be reused, and is revealed only for a ballot that is then never cast.
    public static func encrypt(
        _ points: [Ristretto255.Point], publicKey: Ristretto255.Point, context: [UInt8], randomness: [Ristretto255.Scalar]
    ) -> ProvenEncryption {
        encrypt(points, publicKey: publicKey, context: context, randomness: randomness, nonces: points.map { _ in .random() })
    }

    /// The encryption with its randomness and proof nonces given: for test vectors only.
    package static func encrypt(
        _ points: [Ristretto255.Point], publicKey: Ristretto255.Point, context: [UInt8],
        randomness: [Ristretto255.Scalar], nonces: [Ristretto255.Scalar]
    ) -> ProvenEncryption {
        precondition(randomness.count == points.count, "one randomness per point")
        let ciphertexts = zip(points, randomness).map { point, r in
            ElGamalCiphertext.encrypt(point, publicKey: publicKey, randomness: r)
        }
        let proof = SchnorrProof.prove(
            tag: tag, statement: statement(ciphertexts, publicKey: publicKey, context: context),
            secrets: randomness, publics: ciphertexts.map(\.alpha), nonces: nonces)
        return ProvenEncryption(ciphertexts: ciphertexts, proof: proof)
    }

    /// Whether the proof holds for these ciphertexts under `publicKey` and `context`; never under the identity
    /// as key (it would leave every plaintext in the clear), and never for an empty list.
    public func verify(publicKey: Ristretto255.Point, context: [UInt8]) -> Bool {
        !ciphertexts.isEmpty && !publicKey.isIdentity
            && proof.verify(tag: Self.tag, statement: Self.statement(ciphertexts, publicKey: publicKey, context: context),
                            publics: ciphertexts.map(\.alpha))
    }

    /// The proof's statement bytes: raw(Y) ‖ u32(k) ‖ raw(β_1) … raw(β_k) ‖ bytes(context).
    private static func statement(
        _ ciphertexts: [ElGamalCiphertext], publicKey: Ristretto255.Point, context: [UInt8]
    ) -> [UInt8] {
        var statement = ByteWriter()
        statement.append(point: publicKey)
        statement.append(points: ciphertexts.map(\.beta))
        statement.append(bytes: context)
        return statement.bytes
    }
}
