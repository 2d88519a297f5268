/// One run of the Method of Equal Shares, textbook: every voter starts with the same budget; each round, for every
/// candidate, find the smallest rho with sum over its supporters of min(b_i, rho * u_i) = cost, fund the candidate
/// with the smallest rho (ties in the tie-break order) and let each supporter pay min(b_i, rho * u_i).
///
/// Voters with equal budgets pay alike, so budgets are kept per "budget class": every voter (ballot group) points
/// at a class, and paying moves a whole class to a new one at once. This only shares equal values; every rho is
/// still computed from the supporters' budgets as defined above.
struct EqualShares: Sendable {
    /// The supporters of a project that share one utility value.
    struct UtilityBucket: Sendable {
        let utility: Int64
        let groups: [Int]
    }

    private let costs: [Int64]
    private let weights: [Int64]
    private let buckets: [[UtilityBucket]]
    private let rank: [Int]
    /// Projects with positive cost and positive total utility.
    let candidates: [Int]
    /// Projects costing nothing that someone gains from: funded before the first round.
    let freeProjects: [Int]
    /// Caps per area: each round, a candidate that would break its area's cap is dropped.
    let caps: AreaCaps?

    /// The rule for `projects` and `groups` under `satisfaction`, ties decided by `order`.
    init(projects: [VerifierProject], groups: BallotGroups, satisfaction: Satisfaction, order: ProjectOrder, caps: AreaCaps? = nil) {
        self.caps = caps
        costs = projects.map(\.cost)
        weights = groups.weights
        rank = order.rank
        var buckets: [[UtilityBucket]] = []
        var candidates: [Int] = []
        var freeProjects: [Int] = []
        for (p, project) in projects.enumerated() {
            var byUtility: [Int64: [Int]] = [:]
            for support in groups.supporters[p] {
                let utility = satisfaction.utility(points: support.points, cost: project.cost)
                if utility > 0 { byUtility[utility, default: []].append(support.group) }
            }
            buckets.append(byUtility.keys.sorted().map { UtilityBucket(utility: $0, groups: byUtility[$0] ?? []) })
            if !byUtility.isEmpty {
                if project.cost > 0 { candidates.append(p) } else { freeProjects.append(p) }
            }
        }
        self.buckets = buckets
        self.candidates = candidates
        self.freeProjects = freeProjects
    }

    /// The projects funded when every one of the `groups`' voters starts with `perVoter` money units.
    func run(perVoter: Rational) -> Set<Int> {
        var state = BudgetClasses(start: perVoter, groups: weights.count)
        var funded = Set(freeProjects)
        var open = candidates
        while true {
            if let caps { open = open.filter { caps.fits($0, with: funded) } }
            var best: (project: Int, rho: Rational)?
            var affordable: [Int] = []
            for p in open {
                // A candidate whose supporters cannot pay any more is dropped for good.
                guard let rho = smallestRho(p, state: &state) else { continue }
                affordable.append(p)
                if let current = best, current.rho < rho || (current.rho == rho && rank[current.project] < rank[p]) {
                    continue
                }
                best = (p, rho)
            }
            guard let best else { return funded }
            funded.insert(best.project)
            for bucket in buckets[best.project] {
                state.pay(best.rho.times(bucket.utility), groups: bucket.groups)
            }
            open = affordable.filter { $0 != best.project }
        }
    }

    /// The smallest rho at which `p`'s supporters pay its cost, or nil if together they hold less than the cost.
    private func smallestRho(_ p: Int, state: inout BudgetClasses) -> Rational? {
        // One entry per (budget class, utility) among the supporters.
        var entries: [(budget: Rational, rank: Int, utility: Int64, voters: Int64)] = []
        for bucket in buckets[p] {
            for (budget, rank, voters) in state.tally(bucket.groups, weights: weights) {
                entries.append((budget, rank, bucket.utility, voters))
            }
        }
        // Ascending b_i / u_i: the voters who run out first come first. Within one utility the budget order decides.
        entries.sort { a, b in
            a.utility == b.utility ? a.rank < b.rank : a.budget.timesIsLess(b.utility, b.budget, times: a.utility)
        }
        // Scan: if the voters from this entry on all pay rho * u_i, then rho = rest / utilityLeft; it is the answer if
        // this entry's voters can afford it (rho * u <= b), and then all later ones can too. Otherwise they pay all
        // they hold. If no entry can afford it, the supporters together hold less than the cost.
        var rest = Rational(costs[p])
        var utilityLeft: Int64 = entries.reduce(0) { $0 + $1.utility * $1.voters }
        for entry in entries {
            if rest.timesIsAtMost(entry.utility, entry.budget, times: utilityLeft) {
                return rest / Rational(utilityLeft)
            }
            rest = rest - entry.budget.times(entry.voters)
            utilityLeft -= entry.utility * entry.voters
        }
        return nil
    }
}
