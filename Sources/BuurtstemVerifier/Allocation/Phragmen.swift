/// Sequential Phragmén, textbook: every voter starts with load 0. Each round every remaining candidate (cost at
/// most the budget) scores (sum of its supporters' loads + cost) / supporters, +infinity without supporters. The
/// lowest score wins; if any project reaching it no longer fits in what is left, the rule stops. Otherwise the first
/// of them in the tie-break order is funded and its supporters' loads all become that score.
///
/// Loads are kept per value: each round creates one new load, and every voter points at the load it holds.
struct Phragmen: Sendable {
    private let projects: [VerifierProject]
    private let groups: BallotGroups
    private let rank: [Int]
    private let budget: Int64
    private let limits: FundingLimits?

    /// Per ballot group, the projects it supports: the ones whose score changes when the group's load does.
    private let projectsOf: [[Int]]

    /// The rule for `projects` within `budget`, ties decided by `order`; each round drops the candidates that would
    /// break their area's cap.
    init(projects: [VerifierProject], budget: Int64, groups: BallotGroups, order: ProjectOrder, limits: FundingLimits? = nil) {
        self.limits = limits
        self.projects = projects
        self.groups = groups
        self.rank = order.rank
        self.budget = budget
        var projectsOf = [[Int]](repeating: [], count: groups.weights.count)
        for (p, supporters) in groups.supporters.enumerated() {
            for support in supporters { projectsOf[support.group].append(p) }
        }
        self.projectsOf = projectsOf
    }

    /// The projects funded.
    ///
    /// Two shortcuts leave the outcome exactly as defined (docs/verifier-allocation.md, "How the verifier computes
    /// it"). Loads only ever go up, so a candidate's score only ever goes up: the score last computed for it is a
    /// lower bound on its score now. Each round visits the candidates by ascending bound and stops as soon as a
    /// bound exceeds the lowest score found, since no later candidate can reach or tie it. And a candidate none of
    /// whose supporters' loads changed since its score was computed still has that score, so it is not recomputed.
    func run() -> Set<Int> {
        var loads: [Rational] = [.zero]
        var loadOf = [Int](repeating: 0, count: groups.weights.count)
        var votersAt = [Int64](repeating: 0, count: 1)
        var funded = Set<Int>()
        var left = budget
        var open = projects.indices.filter { projects[$0].cost <= budget }
        // nil is +infinity, above every number.
        var bound = [Rational?](repeating: .zero, count: projects.count)
        var current = [Bool](repeating: false, count: projects.count)
        func isLess(_ a: Rational?, _ b: Rational?) -> Bool {
            guard let b else { return a != nil }
            guard let a else { return false }
            return a < b
        }
        while !open.isEmpty {
            if let limits {
                open = open.filter { limits.fits($0, with: funded) }
                if open.isEmpty { break }
            }
            open.sort { bound[$0] != bound[$1] ? isLess(bound[$0], bound[$1]) : rank[$0] < rank[$1] }
            var visited: [Int] = []
            var lowest: Rational?
            for p in open {
                if !visited.isEmpty, isLess(lowest, bound[p]) { break }
                if !current[p] {
                    bound[p] = score(p, loads: loads, loadOf: loadOf, votersAt: &votersAt)
                    current[p] = true
                }
                if visited.isEmpty || isLess(bound[p], lowest) { lowest = bound[p] }
                visited.append(p)
            }
            // Every candidate not visited has a bound, so a score, above the lowest.
            let tied = visited.filter { bound[$0] == lowest }
            if tied.contains(where: { projects[$0].cost > left }) { break }
            guard let winner = tied.min(by: { rank[$0] < rank[$1] }) else { break }
            funded.insert(winner)
            left -= projects[winner].cost
            open.removeAll { $0 == winner }
            if let lowest {
                loads.append(lowest)
                votersAt.append(0)
                for support in groups.supporters[winner] {
                    loadOf[support.group] = loads.count - 1
                    for q in projectsOf[support.group] { current[q] = false }
                }
            }
        }
        return funded
    }

    /// (sum of `p`'s supporters' loads + c(p)) / app(p), or nil (+infinity) without supporters. `votersAt` is
    /// scratch space, all zero before and after.
    private func score(_ p: Int, loads: [Rational], loadOf: [Int], votersAt: inout [Int64]) -> Rational? {
        guard groups.approvals[p] > 0 else { return nil }
        var touched: [Int] = []
        for support in groups.supporters[p] {
            let load = loadOf[support.group]
            if votersAt[load] == 0 { touched.append(load) }
            votersAt[load] += groups.weights[support.group]
        }
        var total = Rational(projects[p].cost)
        for load in touched {
            total = total + loads[load].times(votersAt[load])
            votersAt[load] = 0
        }
        return total / Rational(groups.approvals[p])
    }
}
