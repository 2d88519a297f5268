import BuurtstemCrypto

/// How projects that a rule cannot tell apart are ordered. Every tie-break is a fixed total order on the
/// projects, decided before the rule runs, so it can be published with the result.
public enum TieBreak: Sendable, Hashable, Codable {
    /// By project id, comparing the UTF-8 bytes (the order of Python's `str`, as pabutools uses it):
    /// `"11" < "2"`, uppercase before lowercase, no numeric or natural reading.
    case lexico
    /// Lowest cost first, then most votes (voters listing the project), then `lexico`.
    case costVotes
    /// Lowest cost first, then most votes, then a public lot: ascending SHA-256(seed || UTF-8 id), then `lexico`.
    /// The seed is fixed after the polls close (for a stemdag: a hash of the final kiosk checkpoints).
    case costVotesLot(seed: [UInt8])

    /// The position of every project in this order (0 = wins every tie).
    public func ranks(for election: AllocationInput) -> [Int] {
        let ids = election.projects.map { Array($0.id.utf8) }
        let lot: [[UInt8]]
        if case .costVotesLot(let seed) = self {
            lot = ids.map { SHA.sha256(seed + $0) }
        } else {
            lot = []
        }
        let order = election.projects.indices.sorted { a, b in
            switch self {
            case .lexico:
                break
            case .costVotes, .costVotesLot:
                let pa = election.projects[a], pb = election.projects[b]
                if pa.cost != pb.cost { return pa.cost < pb.cost }
                let va = election.approvalCounts[a], vb = election.approvalCounts[b]
                if va != vb { return va > vb }
                if !lot.isEmpty, lot[a] != lot[b] { return lot[a].lexicographicallyPrecedes(lot[b]) }
            }
            return ids[a].lexicographicallyPrecedes(ids[b])
        }
        var ranks = [Int](repeating: 0, count: order.count)
        for (position, project) in order.enumerated() { ranks[project] = position }
        return ranks
    }

    /// A short name for reports: `lexico`, `cost-votes`, `cost-votes-lot`.
    public var name: String {
        switch self {
        case .lexico: "lexico"
        case .costVotes: "cost-votes"
        case .costVotesLot: "cost-votes-lot"
        }
    }
}
