import Foundation

/// A published weighting of the greedy ranking (docs/allocation.md, "Weighted ranking"): criteria with weights and
/// each project's value for each criterion. A project's weighted support is
///
///     support(p) × (1 + Σ_i weight_i × value_i(p) / max_q value_i(q))
///
/// where the maximum is over the projects of the same election (contest), and a criterion whose values are all 0
/// adds nothing. Weights are in ten-thousandths (0.25 is 2,500). Everything is compared exactly: the factor is
/// kept as a natural number over one common denominator, never as a floating-point number.
public struct RankingWeighting: Sendable, Codable, Equatable {
    /// The most a value may be (10^12: hours, euros or cents of co-financing all fit), so every product is exact.
    public static let maximumValue: Int64 = 1_000_000_000_000
    /// The largest weight, in ten-thousandths (100).
    public static let maximumWeight: Int64 = 1_000_000

    /// The weights, in ten-thousandths, one per criterion.
    public var weightsPer10000: [Int64]
    /// Per project (in `AllocationInput.projects` order), its value for each criterion, in the criteria's order.
    public var values: [[Int64]]

    /// A weighting; `values[p]` has one entry per weight.
    public init(weightsPer10000: [Int64], values: [[Int64]]) {
        self.weightsPer10000 = weightsPer10000
        self.values = values
    }

    /// Per criterion, the largest value among the projects.
    var maxima: [Int64] {
        weightsPer10000.indices.map { i in values.map { $0[i] }.max() ?? 0 }
    }

    /// Per project, the factor `1 + Σ ...` times the common denominator L = Π (10,000 × max_i) over the criteria
    /// whose maximum is positive: natural numbers that compare as the factors do.
    func scaledFactors() -> [BigNatural] {
        let maxima = maxima
        let used = weightsPer10000.indices.filter { maxima[$0] > 0 }
        let denominators = used.map { UInt64(10_000) * UInt64(maxima[$0]) }
        let common = denominators.reduce(BigNatural(UInt64(1))) { $0 * $1 }
        return values.map { row in
            var factor = common
            for (k, i) in used.enumerated() {
                // weight × value × (L / (10,000 × max_i)): the other criteria's denominators.
                var term = BigNatural(UInt64(weightsPer10000[i])) * UInt64(row[i])
                for (j, denominator) in denominators.enumerated() where j != k { term = term * denominator }
                factor += term
            }
            return factor
        }
    }

    /// The factor of `project`, rounded to 4 decimals for reading (`1.3750`); the ranking uses the exact value.
    public func factorText(_ project: Int) -> String {
        let maxima = maxima
        var factor = 1.0
        for i in weightsPer10000.indices where maxima[i] > 0 {
            factor += Double(weightsPer10000[i]) / 10_000 * Double(values[project][i]) / Double(maxima[i])
        }
        return String(format: "%.4f", factor)
    }
}
