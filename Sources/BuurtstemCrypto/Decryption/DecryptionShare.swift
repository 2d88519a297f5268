/// Trustee j's part of a threshold decryption of a list of ciphertexts: d_i = x_j·α_i for each, with one
/// Chaum–Pedersen proof against its verification key V_j (docs/record.md, "Threshold decryption").
public struct DecryptionShare: Sendable, Hashable {
    /// The trustee's index j.
    public let trustee: Int
    /// d_i = x_j·α_i, one per ciphertext.
    public let partials: [Ristretto255.Point]
    /// The proof that log_B V_j = log_{α_i} d_i for every i.
    public let proof: ChaumPedersenProof

    /// The proof's domain-separation tag.
    public static let tag = "buurtstem/proof/decryption/v1"

    /// The share as given (read from a file; check it with `verify`).
    public init(trustee: Int, partials: [Ristretto255.Point], proof: ChaumPedersenProof) {
        self.trustee = trustee
        self.partials = partials
        self.proof = proof
    }

    /// `keyShare`'s decryption share of `ciphertexts`, the proof bound to `context` (the caller's bytes: what is
    /// being decrypted, e.g. the last mix's output hash).
    public static func make(
        _ ciphertexts: [ElGamalCiphertext], keyShare: TrusteeKeyShare, context: [UInt8]
    ) -> DecryptionShare {
        make(ciphertexts, keyShare: keyShare, context: context, nonce: .random())
    }

    /// The share with its proof nonce given: for test vectors only.
    package static func make(
        _ ciphertexts: [ElGamalCiphertext], keyShare: TrusteeKeyShare, context: [UInt8], nonce: Ristretto255.Scalar
    ) -> DecryptionShare {
        let secret = keyShare.secret
        let bases = ciphertexts.map(\.alpha)
        let partials = ParallelMap.map(bases) { secret * $0 }
        let proof = ChaumPedersenProof.prove(
            tag: tag,
            statement: statement(ciphertexts, electionKey: keyShare.electionKey, trustee: keyShare.index, context: context),
            secret: secret, publicKey: .base(secret), bases: bases, results: partials, nonce: nonce)
        return DecryptionShare(trustee: keyShare.index, partials: partials, proof: proof)
    }

    /// Whether this is a correct share of `ciphertexts` by its trustee under `electionKey` and `context`.
    public func verify(_ ciphertexts: [ElGamalCiphertext], electionKey: ElectionKey, context: [UInt8]) -> Bool {
        guard let verificationKey = electionKey.verificationKey(of: trustee),
              partials.count == ciphertexts.count, !partials.contains(where: \.isIdentity)
        else { return false }
        return proof.verify(
            tag: Self.tag,
            statement: Self.statement(ciphertexts, electionKey: electionKey, trustee: trustee, context: context),
            publicKey: verificationKey, bases: ciphertexts.map(\.alpha), results: partials)
    }

    /// The proof's statement: raw(Y) ‖ u32(j) ‖ u32(k) ‖ raw(β_1) … raw(β_k) ‖ bytes(context).
    private static func statement(
        _ ciphertexts: [ElGamalCiphertext], electionKey: ElectionKey, trustee: Int, context: [UInt8]
    ) -> [UInt8] {
        var writer = ByteWriter()
        writer.append(point: electionKey.publicKey)
        writer.append(u32: UInt32(trustee))
        writer.append(points: ciphertexts.map(\.beta))
        writer.append(bytes: context)
        return writer.bytes
    }
}
