/// A published weighting of the greedy rules, as the verifier reads it from the definition: a weight per criterion
/// (in ten-thousandths) and each project's value for each criterion.
public struct VerifierWeighting: Sendable, Equatable {
    /// One weight per criterion, in ten-thousandths (0.25 is 2,500).
    public let weightsPer10000: [Int64]
    /// Per project (in the election's order), its value for each criterion.
    public let values: [[Int64]]

    /// A weighting.
    public init(weightsPer10000: [Int64], values: [[Int64]]) {
        self.weightsPer10000 = weightsPer10000
        self.values = values
    }

    /// Per project, textbook: `1 + Σ_i (weight_i / 10,000) × value_i(p) / max_q value_i(q)`, a criterion whose
    /// values are all 0 adding nothing; exact.
    var factors: [Rational] {
        let maxima = weightsPer10000.indices.map { i in values.map { $0[i] }.max() ?? 0 }
        return values.map { row in
            var factor = Rational(1)
            for i in weightsPer10000.indices where maxima[i] > 0 {
                factor = factor + Rational(weightsPer10000[i]) / Rational(10_000) * Rational(row[i]) / Rational(maxima[i])
            }
            return factor
        }
    }
}
