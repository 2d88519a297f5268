/// One verification equation of a shuffle proof (docs/record.md, "The mix: shuffles and their proofs"), named so
/// that a failed verification says which relation does not hold.
public enum ShuffleEquation: Sendable, Hashable, CustomStringConvertible {
    /// t₁: the permutation commitments sum to the generators' sum plus a known multiple of B (each column of the
    /// committed matrix sums to one).
    case commitmentSum
    /// t₂: the chain's last element is (Π u_j)·H plus a known multiple of B (the product of the permuted
    /// challenges equals the product of the challenges).
    case chainEnd
    /// t₃: the commitments weighted by the challenges open to Σ s'_i·H_i (the committed matrix maps u to u').
    case weightedCommitments
    /// t₄,α for component k: the α halves of the outputs are the inputs' re-encrypted under the committed
    /// permutation.
    case reencryptionAlpha(component: Int)
    /// t₄,β for component k: the same for the β halves, on the public key.
    case reencryptionBeta(component: Int)
    /// t̂_i: link i of the commitment chain, ĉ_i = r̂_i·B + u'_i·ĉ_{i−1}.
    case chainLink(row: Int)

    /// The equation's name in the report, with what it checks.

    /// The equation's name in a report, with what it checks.
    public var description: String {
        switch self {
        case .commitmentSum: "t1 (the permutation commitments' sum)"
        case .chainEnd: "t2 (the end of the commitment chain)"
        case .weightedCommitments: "t3 (the challenge-weighted permutation commitments)"
        case .reencryptionAlpha(let k): "t4 alpha of component \(k) (the re-encryption of the alphas)"
        case .reencryptionBeta(let k): "t4 beta of component \(k) (the re-encryption of the betas)"
        case .chainLink(let i): "t_hat[\(i)] (link \(i) of the commitment chain)"
        }
    }
}
