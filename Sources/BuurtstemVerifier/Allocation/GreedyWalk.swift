/// The greedy rules: visit every project once, by decreasing score (ties in the tie-break order), and fund it if
/// its cost fits in what is left of the budget; `greedy-no-skip` stops at the first project that does not fit.
struct GreedyWalk: Sendable {
    /// The visiting order.
    let order: [Int]
    /// Whether to stop at the first project that does not fit instead of skipping it.
    let stopsAtFirstMiss: Bool
    /// The caps, category budgets and exclusions: a project that would break one is skipped (never a reason to stop).
    let limits: FundingLimits?

    /// The walk for `election`. The score is the support (voters, or total points under cardinal satisfaction),
    /// divided by the cost when `perMoney`; a free project with support scores +infinity when `perMoney`.
    init(
        projects: [VerifierProject], groups: BallotGroups, satisfaction: Satisfaction, perMoney: Bool,
        order: ProjectOrder, stopsAtFirstMiss: Bool, limits: FundingLimits? = nil, factors: [Rational]? = nil
    ) {
        let support = satisfaction == .cardinal ? groups.pointTotals : groups.approvals
        // The (weighted) support: support × factor with a weighting.
        let weighted: [Rational] = projects.indices.map { p in
            factors.map { Rational(support[p]) * $0[p] } ?? Rational(support[p])
        }
        // nil is +infinity.
        let scores: [Rational?] = projects.indices.map { p in
            guard perMoney else { return weighted[p] }
            if projects[p].cost == 0 { return support[p] > 0 ? nil : .zero }
            return weighted[p] / Rational(projects[p].cost)
        }
        // Sorting by (score descending, rank ascending) is the README's "tie-break order, then stable sort by score".
        self.order = projects.indices.sorted { a, b in
            switch (scores[a], scores[b]) {
            case (nil, nil): return order.rank[a] < order.rank[b]
            case (nil, _): return true
            case (_, nil): return false
            case let (sa?, sb?): return sa != sb ? sb < sa : order.rank[a] < order.rank[b]
            }
        }
        self.stopsAtFirstMiss = stopsAtFirstMiss
        self.limits = limits
    }

    /// The projects funded, starting from `funded` (already paid for) with `left` money units to spend.
    func fund(_ projects: [VerifierProject], startingFrom funded: Set<Int> = [], left: Int64) -> Set<Int> {
        var funded = funded
        var left = left
        for p in order where !funded.contains(p) {
            if projects[p].cost <= left {
                if let limits, !limits.fits(p, with: funded) { continue }
                funded.insert(p)
                left -= projects[p].cost
            } else if stopsAtFirstMiss {
                break
            }
        }
        return funded
    }
}
