import BuurtstemCrypto

/// The tie-break as a total order on the projects: `rank[p]` is p's position, lower goes first.
struct ProjectOrder: Sendable {
    /// Position of every project in the tie-break order.
    let rank: [Int]

    /// The order `tieBreak` defines on `projects`, with `approvals` the supporters per project.
    init(_ tieBreak: VerifierTieBreak, projects: [VerifierProject], approvals: [Int64]) {
        let ids = projects.map { Array($0.id.utf8) }
        let lots: [[UInt8]]
        if case .costVotesLot(let seed) = tieBreak {
            lots = ids.map { SHA.sha256(seed + $0) }
        } else {
            lots = []
        }
        let order = projects.indices.sorted { a, b in
            if tieBreak != .lexico {
                if projects[a].cost != projects[b].cost { return projects[a].cost < projects[b].cost }
                if approvals[a] != approvals[b] { return approvals[a] > approvals[b] }
                if !lots.isEmpty, lots[a] != lots[b] { return lots[a].lexicographicallyPrecedes(lots[b]) }
            }
            if ids[a] != ids[b] { return ids[a].lexicographicallyPrecedes(ids[b]) }
            // Equal ids cannot be told apart; keep the input order so the result is at least deterministic.
            return a < b
        }
        var rank = [Int](repeating: 0, count: projects.count)
        for (position, project) in order.enumerated() { rank[project] = position }
        self.rank = rank
    }
}
