/// What a funded set may not break besides the budget: the minimum support a project needs (votes: ballots naming
/// it; or points), caps per area (a wijk's cap in a contest over several wijken), budgets per category, and groups of
/// projects that exclude one another, and at most how many projects are funded (in all, per area, per category). A
/// project without an area or category, or in one without a limit, is never limited by it.
struct FundingLimits: Sendable {
    private let area: [String?]
    private let category: [String?]
    private let costs: [Int64]
    private let caps: [String: Int64]
    private let categoryBudgets: [String: Int64]
    /// Per project, the index of its exclusion group, if it is in one.
    private let group: [Int?]
    /// Per project, whether it has the minimum support.
    private let eligible: [Bool]
    private let maximumFunded: Int?
    private let categoryMaxima: [String: Int]
    private let areaMaxima: [String: Int]

    /// The limits of `election`, or nil when it has none.
    init?(_ election: VerifierElection) {
        guard !election.areaCaps.isEmpty || !election.categoryBudgets.isEmpty || !election.exclusions.isEmpty
            || election.minimumVotes != nil || election.minimumPoints != nil || election.maximumFunded != nil
            || !election.categoryMaxima.isEmpty || !election.areaMaxima.isEmpty else { return nil }
        maximumFunded = election.maximumFunded
        categoryMaxima = election.categoryMaxima
        areaMaxima = election.areaMaxima
        area = election.projects.map(\.area)
        category = election.projects.map(\.category)
        costs = election.projects.map(\.cost)
        caps = election.areaCaps
        categoryBudgets = election.categoryBudgets
        var group = [Int?](repeating: nil, count: election.projects.count)
        for (number, members) in election.exclusions.enumerated() {
            for (p, project) in election.projects.enumerated() where members.contains(project.id) { group[p] = number }
        }
        self.group = group
        var votes = [Int64](repeating: 0, count: election.projects.count), points = votes
        for ballot in election.ballots {
            for entry in ballot {
                votes[entry.project] += 1
                points[entry.project] += entry.points
            }
        }
        eligible = election.projects.indices.map { p in
            votes[p] >= (election.minimumVotes ?? 0) && points[p] >= (election.minimumPoints ?? 0)
        }
    }

    /// Whether funding `p` on top of `funded` keeps every limit (textbook: sum what is funded per area and category,
    /// look for a funded project of the same group).
    func fits(_ p: Int, with funded: Set<Int>) -> Bool {
        guard eligible[p] else { return false }
        if let a = area[p], let cap = caps[a] {
            let spent = funded.filter { area[$0] == a }.reduce(Int64(0)) { $0 + costs[$1] }
            if spent + costs[p] > cap { return false }
        }
        if let c = category[p], let budget = categoryBudgets[c] {
            let spent = funded.filter { category[$0] == c }.reduce(Int64(0)) { $0 + costs[$1] }
            if spent + costs[p] > budget { return false }
        }
        if let g = group[p], funded.contains(where: { group[$0] == g }) { return false }
        if let maximum = maximumFunded, funded.count >= maximum { return false }
        if let c = category[p], let maximum = categoryMaxima[c], funded.filter({ category[$0] == c }).count >= maximum { return false }
        if let a = area[p], let maximum = areaMaxima[a], funded.filter({ area[$0] == a }).count >= maximum { return false }
        return true
    }
}
