/// Greedy rules: rank the projects once by score, then walk the ranking funding what fits.
///
/// The score is the support (votes, or points for cardinal satisfaction), or the support per unit of money.
/// Equal scores keep the tie-break order. Projects without support are ranked last and still funded if they
/// fit (pabutools does the same). Nothing funded is taken out again.
struct GreedyRule {
    let election: AllocationInput
    /// Score by support per unit of money instead of support.
    let perMoney: Bool
    /// Stop at the first project that does not fit instead of skipping it.
    let stopAtFirstMiss: Bool
    /// Support per project (votes or points).
    let support: [Int64]
    let ranks: [Int]
    /// With a weighting: each project's factor over one common denominator (`RankingWeighting`).
    let factors: [BigNatural]?

    init(election: AllocationInput, rule: AllocationRule, satisfaction: Satisfaction, ranks: [Int],
         weighting: RankingWeighting? = nil) {
        self.election = election
        perMoney = rule == .greedyPerEuro || satisfaction == .cardinality
        stopAtFirstMiss = rule == .greedyNoSkip
        support = satisfaction == .cardinal ? election.pointTotals : election.approvalCounts
        self.ranks = ranks
        factors = weighting?.scaledFactors()
        self.weighting = weighting
    }

    /// The weighting, for explanations.
    let weighting: RankingWeighting?

    /// The ranking: decreasing score, ties by rank. Scores per money are compared exactly by cross-multiplying;
    /// a free project with support scores above every other.
    func ranking() -> [Int] {
        let costs = election.projects.map(\.cost)
        return election.projects.indices.sorted { a, b in
            let order = compareScores(a, b, costs)
            return order == 0 ? ranks[a] < ranks[b] : order > 0
        }
    }

    private func compareScores(_ a: Int, _ b: Int, _ costs: [Int64]) -> Int {
        func sign(_ lhs: Int128, _ rhs: Int128) -> Int { lhs == rhs ? 0 : (lhs > rhs ? 1 : -1) }
        if let factors { return compareWeighted(a, b, costs, factors) }
        guard perMoney else { return sign(Int128(support[a]), Int128(support[b])) }
        // A free project with support scores +infinity; a free project without support scores 0 (0/1).
        let infA = costs[a] == 0 && support[a] > 0, infB = costs[b] == 0 && support[b] > 0
        if infA || infB { return infA == infB ? 0 : (infA ? 1 : -1) }
        let ca = Int128(max(costs[a], 1)), cb = Int128(max(costs[b], 1))
        return sign(Int128(support[a]) * cb, Int128(support[b]) * ca)
    }

    /// Weighted scores compared exactly: support × factor (per unit of money: cross-multiplied by the costs).
    private func compareWeighted(_ a: Int, _ b: Int, _ costs: [Int64], _ factors: [BigNatural]) -> Int {
        var left = factors[a] * UInt64(support[a]), right = factors[b] * UInt64(support[b])
        if perMoney {
            let infA = costs[a] == 0 && support[a] > 0, infB = costs[b] == 0 && support[b] > 0
            if infA || infB { return infA == infB ? 0 : (infA ? 1 : -1) }
            left = left * UInt64(max(costs[b], 1))
            right = right * UInt64(max(costs[a], 1))
        }
        return left == right ? 0 : (right < left ? 1 : -1)
    }

    func support(_ project: Int) -> ReasonSupport {
        let base = election.support(project)
        return ReasonSupport(count: base.count, unit: base.unit, factor: weighting.flatMap { DecimalAmount(parsing: $0.factorText(project)) },
                             perCost: perMoney ? election.readable(election.projects[project].cost) : nil)
    }

    /// Walks the ranking within `budget`, on top of what `ledger` already holds.
    func run(budget: Int64, ledger: inout ConstraintLedger, explain: Bool)
        -> (selected: [Int], explanations: [Int: ExplanationReason])
    {
        var selected: [Int] = []
        var reasons: [Int: ExplanationReason] = [:]
        var left = budget - ledger.spent
        var stoppedAt: String?
        for (position, project) in ranking().enumerated() {
            let rank = position + 1, cost = election.projects[project].cost
            // A completion or leftover walk starts from projects the rule already funded.
            if ledger.funded.contains(project) { continue }
            if let why = ledger.ineligibility(project) {
                if explain { reasons[project] = why.reason(election) }
                continue
            }
            if let stoppedAt {
                if explain { reasons[project] = .greedyStopped(rank: rank, support: support(project), stoppedAt: stoppedAt) }
                continue
            }
            if cost > left {
                if explain {
                    reasons[project] = .greedyDidNotFit(rank: rank, support: support(project),
                                                        cost: election.readable(cost), left: election.readable(left))
                }
                if stopAtFirstMiss { stoppedAt = election.projects[project].id }
                continue
            }
            if let limit = ledger.brokenLimit(project) {
                if explain { reasons[project] = limit.reason(election, cost: cost) }
                continue
            }
            if explain {
                reasons[project] = .greedyFunded(rank: rank, support: support(project),
                                                 cost: election.readable(cost), leftBefore: election.readable(left))
            }
            ledger.record(project)
            left -= cost
            selected.append(project)
        }
        return (selected, reasons)
    }
}

extension Ineligibility {
    func reason(_ election: AllocationInput) -> ExplanationReason {
        switch self {
        case let .belowMinimumSupport(votes, minimum): .belowMinimumSupport(votes: votes, minimum: minimum)
        case let .belowMinimumPoints(points, minimum): .belowMinimumPoints(points: points, minimum: minimum)
        case let .overProjectCap(cost, cap): .overProjectCap(cost: election.readable(cost), cap: election.readable(cap))
        }
    }
}

extension ConstraintLedger.Limit {
    func reason(_ election: AllocationInput, cost: Int64) -> ExplanationReason {
        switch self {
        case let .budget(kind, name, budget, spent):
            .overLimit(kind: kind, name: name, limit: election.readable(budget), spent: election.readable(spent),
                       cost: election.readable(cost))
        case let .excludedBy(project):
            .excludedBy(project: election.projects[project].id)
        case let .count(kind, name, maximum):
            .overCount(kind: kind, name: name, maximum: maximum)
        }
    }
}
