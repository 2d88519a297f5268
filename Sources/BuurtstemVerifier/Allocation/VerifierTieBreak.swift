/// The tie-break order: which of two projects comes first when a rule cannot tell them apart.
public enum VerifierTieBreak: Sendable, Equatable {
    /// The id's UTF-8 bytes, lexicographically (a prefix comes first).
    case lexico
    /// Lowest cost, then most approvals, then `lexico`.
    case costVotes
    /// Lowest cost, then most approvals, then ascending SHA-256(seed || UTF-8 id), then `lexico`: the public lot.
    case costVotesLot(seed: [UInt8])
}
