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
    private let caps: AreaCaps?

    /// The rule for `projects` within `budget`, ties decided by `order`; each round drops the candidates that would
    /// break their area's cap.
    init(projects: [VerifierProject], budget: Int64, groups: BallotGroups, order: ProjectOrder, caps: AreaCaps? = nil) {
        self.caps = caps
        self.projects = projects
        self.groups = groups
        self.rank = order.rank
        self.budget = budget
    }

    /// The projects funded.
    func run() -> Set<Int> {
        var loads: [Rational] = [.zero]
        var loadOf = [Int](repeating: 0, count: groups.weights.count)
        var votersAt = [Int64](repeating: 0, count: 1)
        var funded = Set<Int>()
        var left = budget
        var open = projects.indices.filter { projects[$0].cost <= budget }
        while !open.isEmpty {
            if let caps {
                open = open.filter { caps.fits($0, with: funded) }
                if open.isEmpty { break }
            }
            // nil is +infinity.
            var scores: [Rational?] = []
            for p in open {
                guard groups.approvals[p] > 0 else {
                    scores.append(nil)
                    continue
                }
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
                scores.append(total / Rational(groups.approvals[p]))
            }
            let lowest = scores.compactMap { $0 }.min()
            let tied = open.indices.filter { scores[$0] == lowest }.map { open[$0] }
            if tied.contains(where: { projects[$0].cost > left }) { break }
            guard let winner = tied.min(by: { rank[$0] < rank[$1] }) else { break }
            funded.insert(winner)
            left -= projects[winner].cost
            open.removeAll { $0 == winner }
            if let lowest {
                loads.append(lowest)
                votersAt.append(0)
                for support in groups.supporters[winner] { loadOf[support.group] = loads.count - 1 }
            }
        }
        return funded
    }
}
