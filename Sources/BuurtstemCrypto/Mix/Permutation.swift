/// A permutation of the rows of a shuffle: output row `i` is a re-encryption of input row `sources[i]`
/// (ψ(i) in Haenni et al., "Pseudo-Code Algorithms for Verifiable Re-encryption Mix-Nets", FC 2017).
///
/// The permutation is the mix's secret: it is kept only as long as the proof needs it and never published.
public struct Permutation: Sendable, Hashable {
    /// `sources[i]` is the input row that becomes output row `i`.
    public let sources: [Int]

    /// The permutation with these sources, or nil unless `sources` holds each of `0..<sources.count` exactly once.
    public init?(sources: [Int]) {
        var seen = [Bool](repeating: false, count: sources.count)
        for source in sources {
            guard source >= 0, source < sources.count, !seen[source] else { return nil }
            seen[source] = true
        }
        self.sources = sources
    }

    /// A uniformly random permutation of `count` rows from the secure random source.
    ///
    /// Fisher–Yates: each step draws from `0...i` with libsodium's `randombytes_uniform`, which rejects the draws
    /// that would make a plain `random % (i + 1)` favour small values, so all `count!` orders are equally likely.
    /// `count` must fit in 32 bits (a mix of four billion ballots is out of scope).
    public static func random(count: Int) -> Permutation {
        precondition(count >= 0 && count <= Int(UInt32.max), "a shuffle has at most 2^32 - 1 rows")
        var sources = Array(0..<count)
        var index = count - 1
        while index > 0 {
            let other = Int(SecureRandom.uniform(below: UInt32(index + 1)))
            sources.swapAt(index, other)
            index -= 1
        }
        return Permutation(sources: sources)!
    }

    /// The number of rows.
    public var count: Int { sources.count }

    /// `targets[j]` is the output row that input row `j` becomes (ψ⁻¹).
    public var targets: [Int] {
        var targets = [Int](repeating: 0, count: sources.count)
        for (target, source) in sources.enumerated() { targets[source] = target }
        return targets
    }
}
