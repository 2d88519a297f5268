/// Combining t valid decryption shares into the plaintext points (docs/record.md, "Threshold decryption"):
/// M_i = β_i − Σ_{j∈S} λ_j·d_{j,i}, with the Lagrange coefficients at 0 of the trustee indices S,
/// λ_j = Π_{m∈S, m≠j} m / (m − j) mod ℓ.
public enum ThresholdDecryption {
    /// A share left out of the combination, and why.
    public struct Exclusion: Sendable, Hashable, CustomStringConvertible {
        /// Why a share is left out.
        public enum Reason: Sendable, Hashable {
            /// Its Chaum–Pedersen proof does not verify (or it has the wrong number of parts, or names no trustee).
            case proofFails
            /// Another share of the same trustee came first.
            case duplicate
        }

        /// The trustee the share names.
        public let trustee: Int
        /// Why it is left out.
        public let reason: Reason

        /// The exclusion of trustee `trustee`'s share for `reason`.
        public init(trustee: Int, reason: Reason) {
            self.trustee = trustee
            self.reason = reason
        }

        public var description: String {
            switch reason {
            case .proofFails: "the decryption share of trustee \(trustee) does not verify and is left out"
            case .duplicate: "a second decryption share of trustee \(trustee) is left out"
            }
        }
    }

    /// The plaintext points and how they were obtained.
    public struct Outcome: Sendable, Hashable {
        /// M_i, one per ciphertext; any point (the identity included) a ballot decoder must judge.
        public let plaintexts: [Ristretto255.Point]
        /// The t trustees whose shares were combined, ascending.
        public let trustees: [Int]
        /// The shares left out.
        public let excluded: [Exclusion]
    }

    /// The plaintexts of `ciphertexts` from `shares`: each share is verified, failing and duplicate ones are
    /// excluded and named, and the t valid shares of the lowest trustee indices are combined.
    public static func combine(
        _ ciphertexts: [ElGamalCiphertext], shares: [DecryptionShare], electionKey: ElectionKey, context: [UInt8]
    ) throws(ThresholdDecryptionError) -> Outcome {
        var valid: [Int: DecryptionShare] = [:]
        var excluded: [Exclusion] = []
        for share in shares {
            if valid[share.trustee] != nil {
                excluded.append(Exclusion(trustee: share.trustee, reason: .duplicate))
            } else if share.verify(ciphertexts, electionKey: electionKey, context: context) {
                valid[share.trustee] = share
            } else {
                excluded.append(Exclusion(trustee: share.trustee, reason: .proofFails))
            }
        }
        guard valid.count >= electionKey.threshold else {
            throw .tooFewShares(valid: valid.count, needed: electionKey.threshold, excluded: excluded)
        }
        let chosen = valid.keys.sorted().prefix(electionKey.threshold).map { valid[$0]! }
        // Valid shares name trustees of the key, 1...n, once each, so the coefficients exist.
        let coefficients = lagrangeCoefficients(chosen.map(\.trustee))!
        let plaintexts = ParallelMap.indices(ciphertexts.count) { position in
            zip(coefficients, chosen).reduce(ciphertexts[position].beta) { plaintext, term in
                plaintext - term.0 * term.1.partials[position]
            }
        }
        return Outcome(plaintexts: plaintexts, trustees: chosen.map(\.trustee), excluded: excluded)
    }

    /// λ_j = Π_{m≠j} m / (m − j) mod ℓ for each index j of `indices`, or nil unless they are distinct and positive.
    public static func lagrangeCoefficients(_ indices: [Int]) -> [Ristretto255.Scalar]? {
        guard Set(indices).count == indices.count, indices.allSatisfy({ $0 > 0 }) else { return nil }
        return indices.map { index in
            let x = Ristretto255.Scalar(index: index)
            var numerator = Ristretto255.Scalar.one
            var denominator = Ristretto255.Scalar.one
            for other in indices where other != index {
                let m = Ristretto255.Scalar(index: other)
                numerator = numerator * m
                denominator = denominator * (m - x)
            }
            // The indices are distinct, so no factor m − j is zero and the inverse exists.
            return numerator * denominator.inverse!
        }
    }
}
