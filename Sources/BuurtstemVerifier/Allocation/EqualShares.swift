import BigInt

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
    /// Per ballot group, the candidates it supports: the ones whose rho can change when the group pays.
    private let projectsOf: [[Int]]
    /// Projects with positive cost and positive total utility.
    let candidates: [Int]
    /// Projects costing nothing that someone gains from: funded before the first round.
    let freeProjects: [Int]
    /// Caps per area: each round, a candidate that would break its area's cap is dropped.
    let limits: FundingLimits?

    /// The rule for `projects` and `groups` under `satisfaction`, ties decided by `order`.
    init(projects: [VerifierProject], groups: BallotGroups, satisfaction: Satisfaction, order: ProjectOrder, limits: FundingLimits? = nil) {
        self.limits = limits
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
        var projectsOf = [[Int]](repeating: [], count: groups.weights.count)
        for p in candidates {
            for bucket in buckets[p] {
                for group in bucket.groups { projectsOf[group].append(p) }
            }
        }
        self.projectsOf = projectsOf
        self.buckets = buckets
        self.candidates = candidates
        self.freeProjects = freeProjects
    }

    /// The projects funded when every one of the `groups`' voters starts with `perVoter` money units.
    ///
    /// Two shortcuts leave the outcome exactly as defined (docs/verifier-allocation.md, "How the verifier computes
    /// it"). Budgets only ever go down, so a candidate's rho only ever goes up: the rho last computed for it is a
    /// lower bound on its rho now. Each round visits the candidates by ascending bound and stops as soon as a bound
    /// exceeds the best rho found, since no later candidate can beat or tie it. And a candidate none of whose
    /// supporters paid since its rho was computed still has that rho, so it is not recomputed.
    func run(perVoter: Rational) -> Set<Int> {
        var state = BudgetClasses(start: perVoter, groups: weights.count)
        var funded = Set(freeProjects)
        var bound = [Rational](repeating: .zero, count: costs.count)
        var current = [Bool](repeating: false, count: costs.count)
        var open = candidates
        while true {
            if let limits { open = open.filter { limits.fits($0, with: funded) } }
            open.sort { bound[$0] != bound[$1] ? bound[$0] < bound[$1] : rank[$0] < rank[$1] }
            var best: (project: Int, rho: Rational)?
            var dropped = Set<Int>()
            for p in open {
                if let best, best.rho < bound[p] { break }
                if !current[p] {
                    // A candidate whose supporters cannot pay any more is dropped for good.
                    guard let rho = smallestRho(p, state: &state) else {
                        dropped.insert(p)
                        continue
                    }
                    bound[p] = rho
                    current[p] = true
                }
                if let best, best.rho < bound[p] || (best.rho == bound[p] && rank[best.project] < rank[p]) {
                    continue
                }
                best = (p, bound[p])
            }
            guard let best else { return funded }
            funded.insert(best.project)
            for bucket in buckets[best.project] {
                state.pay(best.rho.times(bucket.utility), groups: bucket.groups)
                for group in bucket.groups {
                    for q in projectsOf[group] { current[q] = false }
                }
            }
            open.removeAll { $0 == best.project || dropped.contains($0) }
        }
    }

    /// The smallest rho at which `p`'s supporters pay its cost, or nil if together they hold less than the cost.
    private func smallestRho(_ p: Int, state: inout BudgetClasses) -> Rational? {
        // One entry per (budget class, utility) among the supporters; budgets are numerators over state.denominator.
        var classes: [Int] = []
        var ranks: [Int] = []
        var utilities: [Int64] = []
        var voters: [Int64] = []
        for bucket in buckets[p] {
            for (budgetClass, rank, count) in state.tally(bucket.groups, weights: weights) {
                classes.append(budgetClass)
                ranks.append(rank)
                utilities.append(bucket.utility)
                voters.append(count)
            }
        }
        // Ascending b_i / u_i: the voters who run out first come first. With one utility (cost and cardinality
        // satisfaction) that is the classes' budget order, known from their ranks, and the scan below reads the
        // budgets of only the entries it visits. With several, the budgets are needed to sort.
        var budgets = [BigInt?](repeating: nil, count: classes.count)
        let order: [Int]
        if buckets[p].count == 1 {
            order = classes.indices.sorted { ranks[$0] < ranks[$1] }
        } else {
            for entry in classes.indices { budgets[entry] = state.budget(classes[entry]) }
            order = classes.indices.sorted { a, b in
                guard utilities[a] != utilities[b], let budgetA = budgets[a], let budgetB = budgets[b] else { return ranks[a] < ranks[b] }
                return budgetA * BigInt(utilities[b]) < budgetB * BigInt(utilities[a])
            }
        }
        // Scan: if the voters from this entry on all pay rho * u_i, then rho = rest / utilityLeft; it is the answer if
        // this entry's voters can afford it (rho * u <= b), and then all later ones can too. Otherwise they pay all
        // they hold. If no entry can afford it, the supporters together hold less than the cost. Money is counted in
        // units of 1 / state.denominator, so every step is integer arithmetic.
        var rest = BigInt(costs[p]) * state.denominator
        var utilityLeft: Int64 = 0
        for entry in order { utilityLeft += utilities[entry] * voters[entry] }
        for entry in order {
            let budget = budgets[entry] ?? state.budget(classes[entry])
            if rest * BigInt(utilities[entry]) <= budget * BigInt(utilityLeft) {
                return Rational(rest, state.denominator * BigInt(utilityLeft))
            }
            rest -= budget * BigInt(voters[entry])
            utilityLeft -= utilities[entry] * voters[entry]
        }
        return nil
    }
}
