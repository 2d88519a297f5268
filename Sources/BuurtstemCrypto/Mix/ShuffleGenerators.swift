/// The independent generators of a shuffle proof's commitments: H (the base of the commitment chain) and
/// H_0 ... H_{N-1} (one per row, for the permutation commitment).
///
/// Each is SHA-512 of a domain-separated label through RFC 9496's one-way map (`Point.hashing`), so nobody knows
/// a discrete logarithm between them and B: a prover who knew one could open a commitment to a non-permutation.
/// The label carries the mix's context (election, stage), so generators are never shared between two mixes.
/// Label: `str("buurtstem/mix/generator/v1") ‖ bytes(context) ‖ u32(index)`, index 0 for H and i + 1 for H_i.
public struct ShuffleGenerators: Sendable, Equatable {
    /// H: the base of the commitment chain.
    public let chainBase: Ristretto255.Point
    /// H_0 ... H_{N-1}: one per row.
    public let rows: [Ristretto255.Point]

    /// The generators of `count` rows in `context`; derived on all cores (one hash-to-group per generator).
    public init(context: [UInt8], count: Int) {
        chainBase = Self.generator(context: context, index: 0)
        rows = ParallelMap.indices(count) { Self.generator(context: context, index: UInt32($0 + 1)) }
    }

    private static func generator(context: [UInt8], index: UInt32) -> Ristretto255.Point {
        var writer = ByteWriter(tag: "buurtstem/mix/generator/v1")
        writer.append(bytes: context)
        writer.append(u32: index)
        return .hashing(writer.bytes)
    }
}
