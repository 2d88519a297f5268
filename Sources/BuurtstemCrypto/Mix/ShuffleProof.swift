/// A Terelius–Wikström proof that a shuffle's outputs are its inputs permuted and re-encrypted, without revealing
/// the permutation (Terelius & Wikström, "Proofs of restricted shuffles", AFRICACRYPT 2010; Wikström 2009; in the
/// form of Haenni, Locher, Koenig, Dubuis, "Pseudo-Code Algorithms for Verifiable Re-encryption Mix-Nets",
/// FC 2017, algorithms 8.4 and 8.5), written additively on ristretto255 and for rows of width w.
///
/// The fields are named after Haenni et al.; docs/record.md, "The mix: shuffles and their proofs", gives every
/// equation and the bytes of every challenge. The challenge c is not a field: the verifier recomputes it.
public struct ShuffleProof: Sendable, Hashable {
    /// One commitment of the pair t₄ for ciphertext component k: the α half (on B) and the β half (on Y).
    public struct ComponentCommitment: Sendable, Hashable {
        /// t₄,α,k = −ω₄,k·B + Σ ω'_i·α'_{i,k}.
        public let alpha: Ristretto255.Point
        /// t₄,β,k = −ω₄,k·Y + Σ ω'_i·β'_{i,k}.
        public let beta: Ristretto255.Point

        /// The pair as given.
        public init(alpha: Ristretto255.Point, beta: Ristretto255.Point) {
            self.alpha = alpha
            self.beta = beta
        }
    }

    /// c_0 ... c_{N-1}: the commitment to the permutation, c_{ψ(i)} = r_{ψ(i)}·B + H_i.
    public let permutationCommitments: [Ristretto255.Point]
    /// ĉ_0 ... ĉ_{N-1}: the commitment chain, ĉ_i = r̂_i·B + u'_i·ĉ_{i−1} with ĉ_{−1} = H.
    public let chainCommitments: [Ristretto255.Point]
    /// t₁ = ω₁·B.
    public let t1: Ristretto255.Point
    /// t₂ = ω₂·B.
    public let t2: Ristretto255.Point
    /// t₃ = ω₃·B + Σ ω'_i·H_i.
    public let t3: Ristretto255.Point
    /// t₄ for each of the w components.
    public let t4: [ComponentCommitment]
    /// t̂_0 ... t̂_{N-1}: t̂_i = ω̂_i·B + ω'_i·ĉ_{i−1}.
    public let tHat: [Ristretto255.Point]
    /// s₁ = ω₁ + c·Σ r_j.
    public let s1: Ristretto255.Scalar
    /// s₂ = ω₂ + c·r̂, where ĉ_{N−1} = r̂·B + (Π u_j)·H.
    public let s2: Ristretto255.Scalar
    /// s₃ = ω₃ + c·Σ r_j·u_j.
    public let s3: Ristretto255.Scalar
    /// s₄,k = ω₄,k + c·Σ r'_{j,k}·u_j, one per component.
    public let s4: [Ristretto255.Scalar]
    /// ŝ_i = ω̂_i + c·r̂_i.
    public let sHat: [Ristretto255.Scalar]
    /// s'_i = ω'_i + c·u'_i, where u'_i = u_{ψ(i)}.
    public let sPrime: [Ristretto255.Scalar]

    /// The proof of these fields as given (a parsed or received proof); `verify` checks every length.
    public init(
        permutationCommitments: [Ristretto255.Point], chainCommitments: [Ristretto255.Point],
        t1: Ristretto255.Point, t2: Ristretto255.Point, t3: Ristretto255.Point,
        t4: [ComponentCommitment], tHat: [Ristretto255.Point],
        s1: Ristretto255.Scalar, s2: Ristretto255.Scalar, s3: Ristretto255.Scalar,
        s4: [Ristretto255.Scalar], sHat: [Ristretto255.Scalar], sPrime: [Ristretto255.Scalar]
    ) {
        self.permutationCommitments = permutationCommitments
        self.chainCommitments = chainCommitments
        self.t1 = t1
        self.t2 = t2
        self.t3 = t3
        self.t4 = t4
        self.tHat = tHat
        self.s1 = s1
        self.s2 = s2
        self.s3 = s3
        self.s4 = s4
        self.sHat = sHat
        self.sPrime = sPrime
    }

    /// The main challenge c: SHA-512 reduced modulo ℓ of
    /// `str("buurtstem/mix/challenge/v1") ‖ raw(d) ‖ raw(ĉ_0..ĉ_{N-1}) ‖ raw(t₁) ‖ raw(t₂) ‖ raw(t₃)
    /// ‖ raw(t₄,α,k ‖ t₄,β,k for k = 0..w−1) ‖ raw(t̂_0..t̂_{N-1})`, where d (the statement digest) already covers
    /// the key, context, generators, inputs, outputs and permutation commitments.
    static func challenge(
        digest: [UInt8], chain: [Ristretto255.Point], t1: Ristretto255.Point, t2: Ristretto255.Point,
        t3: Ristretto255.Point, t4: [ComponentCommitment], tHat: [Ristretto255.Point]
    ) -> Ristretto255.Scalar {
        var writer = ByteWriter(tag: "buurtstem/mix/challenge/v1")
        writer.append(raw: digest)
        for point in chain { writer.append(point: point) }
        writer.append(point: t1)
        writer.append(point: t2)
        writer.append(point: t3)
        for pair in t4 {
            writer.append(point: pair.alpha)
            writer.append(point: pair.beta)
        }
        for point in tHat { writer.append(point: point) }
        return .hashing(writer.bytes)
    }
}
