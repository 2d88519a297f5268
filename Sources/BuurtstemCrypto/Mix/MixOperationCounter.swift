import Synchronization

/// Counts the group exponentiations (scalar multiplications on ristretto255) that the mix performs, so the
/// benchmark can report them per phase and compare their rate with libsodium's raw rate.
///
/// A relaxed atomic add costs nanoseconds against the tens of microseconds of a multiplication, so the count is
/// always on rather than a build option. Only the mix's code counts; other callers of `Point` do not.
public enum MixOperationCounter {
    private static let counter = Atomic<Int>(0)

    /// Exponentiations performed by shuffles, provers and verifiers since the process started.
    public static var exponentiations: Int { counter.load(ordering: .relaxed) }

    /// Counts `count` exponentiations done elsewhere (a re-encryption does two).
    static func add(_ count: Int) {
        counter.wrappingAdd(count, ordering: .relaxed)
    }

    /// `scalar`·`point`, counted.
    static func multiply(_ scalar: Ristretto255.Scalar, _ point: Ristretto255.Point) -> Ristretto255.Point {
        counter.wrappingAdd(1, ordering: .relaxed)
        return scalar * point
    }

    /// `scalar`·B with libsodium's fixed-base multiplication, counted.
    static func base(_ scalar: Ristretto255.Scalar) -> Ristretto255.Point {
        counter.wrappingAdd(1, ordering: .relaxed)
        return .base(scalar)
    }
}
