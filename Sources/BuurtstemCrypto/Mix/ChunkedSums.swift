import Foundation

/// Sums over `0..<count` computed on all cores: one contiguous chunk per core, each summed by its worker.
///
/// Point addition in libsodium decodes and re-encodes (a few field inversions), so adding N terms on one thread
/// would make a sequential tail behind the parallel multiplications; summing per chunk keeps it parallel.
enum ChunkedSums {
    /// `partial` applied to each chunk's range, in order (fewer chunks than cores when `count` is small).
    static func chunks<Partial: Sendable>(_ count: Int, _ partial: @Sendable (Range<Int>) -> Partial) -> [Partial] {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunkCount = max(1, min(workers, count / 8))
        let size = (count + chunkCount - 1) / chunkCount
        return ParallelMap.indices(chunkCount, minimumCount: 2) { chunk in
            partial(min(count, chunk * size)..<min(count, (chunk + 1) * size))
        }
    }

    /// Σ terms(i)[k] for each k, over i in `0..<count`: `width` sums at once from one pass.
    static func points(
        _ count: Int, width: Int, _ terms: @Sendable (Int) -> [Ristretto255.Point]
    ) -> [Ristretto255.Point] {
        let partials = chunks(count) { range in
            var sums = [Ristretto255.Point?](repeating: nil, count: width)
            for index in range {
                for (k, term) in terms(index).enumerated() { sums[k] = sums[k].map { $0 + term } ?? term }
            }
            return sums
        }
        return (0..<width).map { k in
            let terms = partials.compactMap { $0[k] }
            return terms.dropFirst().reduce(terms.first ?? .identity, +)
        }
    }

    /// Σ terms(i)[k] for each k, over i in `0..<count`, modulo ℓ.
    static func scalars(
        _ count: Int, width: Int, _ terms: @Sendable (Int) -> [Ristretto255.Scalar]
    ) -> [Ristretto255.Scalar] {
        let partials = chunks(count) { range in
            var sums = [Ristretto255.Scalar](repeating: .zero, count: width)
            for index in range {
                for (k, term) in terms(index).enumerated() { sums[k] = sums[k] + term }
            }
            return sums
        }
        return (0..<width).map { k in partials.reduce(Ristretto255.Scalar.zero) { $0 + $1[k] } }
    }
}
