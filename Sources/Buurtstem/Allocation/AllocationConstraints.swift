/// What happens to money a constrained rule leaves unspent (Amsterdam's META `leftover_budget`).
public enum LeftoverRule: String, Sendable, Codable, CaseIterable {
    /// It stays unspent.
    case none
    /// "Fund additional projects that fit within leftover budget ordered by score": walk the unfunded eligible
    /// projects by decreasing votes and fund each that fits in what is left, ignoring category and area budgets.
    case fundFitting = "fund-fitting"
    /// "Partially fund one additional project with highest score": the unfunded eligible project with the most
    /// votes receives whatever is left (if anything is).
    case partialOne = "partial-one"
}

/// Limits a gemeente puts on top of a rule. None of them is part of the Pabulib parity keys.
///
/// A project is *eligible* when it has at least `minimumSupport` votes, at least `minimumPoints` points and costs at
/// most `maximumProjectCost`. A rule funds a project only if, with it, the funded projects of each of its categories
/// cost at most that category's budget, and likewise for its area, and no project of one of its `exclusions` groups
/// is funded yet. Rules treat a project that breaks a limit as one that does not
/// fit: greedy skips it, MES and Phragmén drop it from the candidates.
public struct AllocationConstraints: Sendable, Codable, Equatable {
    /// The most the funded projects of a category may cost together (money units), by category name.
    public var categoryBudgets: [String: Int64]
    /// The most the funded projects of an area may cost together (money units), by area name.
    public var areaBudgets: [String: Int64]
    /// The least number of votes (voters listing the project) a project needs to be eligible.
    public var minimumSupport: Int64?
    /// The least total points (cumulative and scoring ballots, or positional points) a project needs to be eligible:
    /// Pabulib's `min_project_score_threshold` on files whose ballots carry points.
    public var minimumPoints: Int64?
    /// The highest cost an eligible project may have.
    public var maximumProjectCost: Int64?
    /// Groups of project ids that exclude one another: at most one project of each group is funded, the first
    /// the rule reaches (Pabulib's `greedy-exclusive`).
    public var exclusions: [[String]]
    /// What to do with the money left once the rule (and completion) is done.
    public var leftover: LeftoverRule
    /// The most projects funded in all (nil: no limit).
    public var maximumFunded: Int?
    /// The most projects funded per category, by category name.
    public var categoryMaxima: [String: Int] = [:]
    /// The most projects funded per area, by area name.
    public var areaMaxima: [String: Int] = [:]

    /// Constraints; all empty by default.
    public init(
        categoryBudgets: [String: Int64] = [:], areaBudgets: [String: Int64] = [:],
        minimumSupport: Int64? = nil, minimumPoints: Int64? = nil, maximumProjectCost: Int64? = nil,
        exclusions: [[String]] = [], leftover: LeftoverRule = .none
    ) {
        self.categoryBudgets = categoryBudgets
        self.areaBudgets = areaBudgets
        self.minimumSupport = minimumSupport
        self.minimumPoints = minimumPoints
        self.maximumProjectCost = maximumProjectCost
        self.exclusions = exclusions
        self.leftover = leftover
    }

    /// Whether nothing is constrained.
    public var isEmpty: Bool {
        !hasLimits && minimumSupport == nil && minimumPoints == nil && maximumProjectCost == nil && leftover == .none
    }

    /// Whether funding one project can make another unfundable: category or area budgets, exclusions, or a maximum
    /// number of funded projects.
    public var hasLimits: Bool {
        !categoryBudgets.isEmpty || !areaBudgets.isEmpty || !exclusions.isEmpty
            || maximumFunded != nil || !categoryMaxima.isEmpty || !areaMaxima.isEmpty
    }
}

/// Why a project can never be funded under the constraints, if it cannot.
enum Ineligibility: Sendable {
    case belowMinimumSupport(votes: Int64, minimum: Int64)
    case belowMinimumPoints(points: Int64, minimum: Int64)
    case overProjectCap(cost: Int64, cap: Int64)
}

/// Running totals per category and area while a rule funds projects.
struct ConstraintLedger: Sendable {
    let election: AllocationInput
    let constraints: AllocationConstraints
    private(set) var spentPerCategory: [String: Int64] = [:]
    private(set) var spentPerArea: [String: Int64] = [:]
    private(set) var spent: Int64 = 0
    private(set) var funded: Set<Int> = []
    private(set) var countPerCategory: [String: Int] = [:]
    private(set) var countPerArea: [String: Int] = [:]

    /// Per project, the projects it excludes (from `constraints.exclusions`; ids the election lacks are ignored,
    /// `Allocator` rejects them first).
    private let excludes: [Int: [Int]]

    init(election: AllocationInput, constraints: AllocationConstraints) {
        self.election = election
        self.constraints = constraints
        var excludes: [Int: [Int]] = [:]
        if !constraints.exclusions.isEmpty {
            var index: [String: Int] = [:]
            for (p, project) in election.projects.enumerated() { index[project.id] = p }
            for group in constraints.exclusions {
                let members = group.compactMap { index[$0] }
                for p in members { excludes[p, default: []] += members.filter { $0 != p } }
            }
        }
        self.excludes = excludes
    }

    func ineligibility(_ project: Int) -> Ineligibility? {
        let votes = election.approvalCounts[project], cost = election.projects[project].cost
        if let minimum = constraints.minimumSupport, votes < minimum {
            return .belowMinimumSupport(votes: votes, minimum: minimum)
        }
        if let minimum = constraints.minimumPoints, election.pointTotals[project] < minimum {
            return .belowMinimumPoints(points: election.pointTotals[project], minimum: minimum)
        }
        if let cap = constraints.maximumProjectCost, cost > cap { return .overProjectCap(cost: cost, cap: cap) }
        return nil
    }

    /// A category or area budget and what is already spent of it, or a funded project that excludes this one.
    enum Limit {
        case budget(kind: ExplanationReason.LimitKind, name: String, budget: Int64, spent: Int64)
        case excludedBy(project: Int)
        /// The most projects of a category or area (kind nil: of the contest) are already funded.
        case count(kind: ExplanationReason.LimitKind?, name: String, maximum: Int)
    }

    /// The first category or area budget that `project` would break, or a funded project excluding it.
    func brokenLimit(_ project: Int) -> Limit? {
        if let other = excludes[project]?.first(where: { funded.contains($0) }) { return .excludedBy(project: other) }
        let p = election.projects[project]
        for category in p.categories {
            if let limit = constraints.categoryBudgets[category] {
                let used = spentPerCategory[category, default: 0]
                if used + p.cost > limit { return .budget(kind: .category, name: category, budget: limit, spent: used) }
            }
        }
        if let area = p.area, let limit = constraints.areaBudgets[area] {
            let used = spentPerArea[area, default: 0]
            if used + p.cost > limit { return .budget(kind: .area, name: area, budget: limit, spent: used) }
        }
        if let maximum = constraints.maximumFunded, funded.count >= maximum { return .count(kind: nil, name: "", maximum: maximum) }
        for category in p.categories {
            if let maximum = constraints.categoryMaxima[category], countPerCategory[category, default: 0] >= maximum {
                return .count(kind: .category, name: category, maximum: maximum)
            }
        }
        if let area = p.area, let maximum = constraints.areaMaxima[area], countPerArea[area, default: 0] >= maximum {
            return .count(kind: .area, name: area, maximum: maximum)
        }
        return nil
    }

    mutating func record(_ project: Int) {
        let p = election.projects[project]
        for category in p.categories where constraints.categoryBudgets[category] != nil {
            spentPerCategory[category, default: 0] += p.cost
        }
        if let area = p.area, constraints.areaBudgets[area] != nil { spentPerArea[area, default: 0] += p.cost }
        for category in p.categories where constraints.categoryMaxima[category] != nil { countPerCategory[category, default: 0] += 1 }
        if let area = p.area, constraints.areaMaxima[area] != nil { countPerArea[area, default: 0] += 1 }
        spent += p.cost
        funded.insert(project)
    }
}
