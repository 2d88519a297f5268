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
/// A project is *eligible* when it has at least `minimumSupport` votes and costs at most `maximumProjectCost`.
/// A rule funds a project only if, with it, the funded projects of each of its categories cost at most that
/// category's budget, and likewise for its area. Rules treat a project that breaks a limit as one that does not
/// fit: greedy skips it, MES and Phragmén drop it from the candidates.
public struct AllocationConstraints: Sendable, Codable, Equatable {
    /// The most the funded projects of a category may cost together (money units), by category name.
    public var categoryBudgets: [String: Int64]
    /// The most the funded projects of an area may cost together (money units), by area name.
    public var areaBudgets: [String: Int64]
    /// The least number of votes (voters listing the project) a project needs to be eligible.
    public var minimumSupport: Int64?
    /// The highest cost an eligible project may have.
    public var maximumProjectCost: Int64?
    /// What to do with the money left once the rule (and completion) is done.
    public var leftover: LeftoverRule

    /// Constraints; all empty by default.
    public init(
        categoryBudgets: [String: Int64] = [:], areaBudgets: [String: Int64] = [:],
        minimumSupport: Int64? = nil, maximumProjectCost: Int64? = nil, leftover: LeftoverRule = .none
    ) {
        self.categoryBudgets = categoryBudgets
        self.areaBudgets = areaBudgets
        self.minimumSupport = minimumSupport
        self.maximumProjectCost = maximumProjectCost
        self.leftover = leftover
    }

    /// Whether nothing is constrained.
    public var isEmpty: Bool {
        categoryBudgets.isEmpty && areaBudgets.isEmpty && minimumSupport == nil && maximumProjectCost == nil && leftover == .none
    }
}

/// Why a project can never be funded under the constraints, if it cannot.
enum Ineligibility: Sendable {
    case belowMinimumSupport(votes: Int64, minimum: Int64)
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

    init(election: AllocationInput, constraints: AllocationConstraints) {
        self.election = election
        self.constraints = constraints
    }

    func ineligibility(_ project: Int) -> Ineligibility? {
        let votes = election.approvalCounts[project], cost = election.projects[project].cost
        if let minimum = constraints.minimumSupport, votes < minimum {
            return .belowMinimumSupport(votes: votes, minimum: minimum)
        }
        if let cap = constraints.maximumProjectCost, cost > cap { return .overProjectCap(cost: cost, cap: cap) }
        return nil
    }

    /// A category or area budget and what is already spent of it.
    struct Limit {
        let kind: String, name: String, budget: Int64, spent: Int64
    }

    /// The first category or area budget that `project` would break.
    func brokenLimit(_ project: Int) -> Limit? {
        let p = election.projects[project]
        for category in p.categories {
            if let limit = constraints.categoryBudgets[category] {
                let used = spentPerCategory[category, default: 0]
                if used + p.cost > limit { return Limit(kind: "category", name: category, budget: limit, spent: used) }
            }
        }
        if let area = p.area, let limit = constraints.areaBudgets[area] {
            let used = spentPerArea[area, default: 0]
            if used + p.cost > limit { return Limit(kind: "area", name: area, budget: limit, spent: used) }
        }
        return nil
    }

    mutating func record(_ project: Int) {
        let p = election.projects[project]
        for category in p.categories where constraints.categoryBudgets[category] != nil {
            spentPerCategory[category, default: 0] += p.cost
        }
        if let area = p.area, constraints.areaBudgets[area] != nil { spentPerArea[area, default: 0] += p.cost }
        spent += p.cost
        funded.insert(project)
    }
}
