import BuurtstemRecord

/// The outcome of a closed election: the count, the final log heads, the public lot's seed made from them, and the
/// published rule's allocation per contest (with the unweighted one beside it when the definition weighs).
///
/// The one path from a closed store to a result: `buurtstem tally`, the record export, the results site and the
/// demo all take their numbers from here, so they cannot disagree.
public struct ElectionOutcome: Sendable {
    /// The signed definition.
    public let definition: ElectionDefinition
    /// The count.
    public let tally: Tally
    /// Every kiosk log's final size and tree head.
    public let finalHeads: [ElectionResult.LogHead]
    /// The public lot's seed (docs/record.md), fixed by the final heads.
    public let lotSeed: [UInt8]
    /// Per contest, what the published rule funds.
    public let allocations: [ContestAllocation]
    /// The same without the definition's weighting, when it has one (reported beside the weighted outcome).
    public let unweighted: [ContestAllocation]?

    /// Counts and allocates the closed election `electionId`.
    public static func compute(election electionId: String, store: Store) throws -> ElectionOutcome {
        let tally = try Tally.count(election: electionId, store: store)
        let definition = try store.election(electionId).decodedDefinition()
        let heads = try store.finalLogHeads(election: electionId)
        let seed = ElectionResult.lotSeed(logs: heads)
        return ElectionOutcome(
            definition: definition, tally: tally, finalHeads: heads, lotSeed: seed,
            allocations: try tally.allocate(definition, lotSeed: seed),
            unweighted: definition.weighting == nil ? nil : try tally.allocate(definition, lotSeed: seed, weighted: false))
    }

    /// The weighted and unweighted outcomes side by side, when the definition weighs.
    package func weightingComparison(names: [String: String]) -> WeightingComparison? {
        unweighted.flatMap { WeightingComparison.compare(tally, definition: definition, weighted: allocations, unweighted: $0, names: names) }
    }
}
