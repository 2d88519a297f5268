/// A project as the allocation rules see it.
public struct AllocationProject: Sendable, Hashable, Codable {
    /// The id, compared as a string (UTF-8 bytes) by the `lexico` tie-break.
    public var id: String
    /// The cost in money units (see `AllocationInput.moneyScale`).
    public var cost: Int64
    /// A display name, if known.
    public var name: String?
    /// The categories the project belongs to (for per-category budgets).
    public var categories: [String]
    /// The area (neighbourhood, wijk) the project belongs to, for per-area budgets.
    public var area: String?

    /// A project; `cost` is in money units.
    public init(id: String, cost: Int64, name: String? = nil, categories: [String] = [], area: String? = nil) {
        self.id = id
        self.cost = cost
        self.name = name
        self.categories = categories
        self.area = area
    }
}

/// How ballots express support.
public enum BallotKind: String, Sendable, Codable {
    /// Each listed project is supported with utility 1 (approval, choose-1, and ordinal read as approval).
    case approval
    /// Each listed project carries points (cumulative, scoring); the points are the voter's utility.
    case cardinal
}

/// Identical ballots merged into one with a multiplicity: the rules work on these, never on single voters.
public struct WeightedBallot: Sendable, Hashable, Codable {
    /// The supported projects' indices, ascending.
    public var projects: [Int32]
    /// The points per entry of `projects` (all 1 for approval ballots).
    public var points: [Int64]
    /// How many voters cast this ballot.
    public var weight: Int64
}

/// The input of every allocation rule: projects, budget and the ballots, grouped.
///
/// Money is an integer number of units of `10^-moneyScale` (cents when `moneyScale` is 2), so every sum is exact.
public struct AllocationInput: Sendable {
    /// The projects, in the order of the source (file order).
    public let projects: [AllocationProject]
    /// The budget in money units.
    public let budget: Int64
    /// The number of decimals of one money unit (0: whole currency units).
    public let moneyScale: Int
    /// The ballot kind.
    public let kind: BallotKind
    /// The number of voters, empty ballots included.
    public let voterCount: Int64
    /// The distinct non-empty ballots with their multiplicities.
    public let ballots: [WeightedBallot]
    /// Per project, the number of voters whose ballot lists it with positive utility.
    public let approvalCounts: [Int64]
    /// Per project, the total points it received (equal to `approvalCounts` for approval ballots).
    public let pointTotals: [Int64]

    /// An election from one ballot per voter: each ballot lists (project index, points) pairs; use points 1
    /// for approval. Entries with 0 points are ignored (no support); identical ballots are merged.
    public init(
        projects: [AllocationProject], budget: Int64, moneyScale: Int = 0, kind: BallotKind,
        ballots: [[(project: Int, points: Int64)]]
    ) throws(AllocationError) {
        var merged: [WeightedBallot] = []
        var index: [WeightedBallot: Int] = [:]
        for (number, ballot) in ballots.enumerated() {
            var entries: [(Int32, Int64)] = []
            entries.reserveCapacity(ballot.count)
            for entry in ballot {
                guard projects.indices.contains(entry.project) else {
                    throw AllocationError("ballot \(number + 1) names project index \(entry.project), but there are \(projects.count) projects")
                }
                guard entry.points >= 0 else {
                    throw AllocationError("ballot \(number + 1) gives \(projects[entry.project].id) \(entry.points) points; the rules need non-negative utilities")
                }
                if entry.points > 0 { entries.append((Int32(entry.project), kind == .approval ? 1 : entry.points)) }
            }
            guard !entries.isEmpty else { continue }
            entries.sort { $0.0 < $1.0 }
            for k in entries.indices.dropFirst() where entries[k].0 == entries[k - 1].0 {
                throw AllocationError("ballot \(number + 1) names \(projects[Int(entries[k].0)].id) twice; list each project once")
            }
            let key = WeightedBallot(projects: entries.map(\.0), points: entries.map(\.1), weight: 0)
            if let at = index[key] {
                merged[at].weight += 1
            } else {
                index[key] = merged.count
                var first = key
                first.weight = 1
                merged.append(first)
            }
        }
        try self.init(projects: projects, budget: budget, moneyScale: moneyScale, kind: kind,
                      weightedBallots: merged, voterCount: Int64(ballots.count))
    }

    /// An election from already grouped ballots; `voterCount` includes voters with empty ballots.
    public init(
        projects: [AllocationProject], budget: Int64, moneyScale: Int = 0, kind: BallotKind,
        weightedBallots: [WeightedBallot], voterCount: Int64
    ) throws(AllocationError) {
        guard budget >= 0 else { throw AllocationError("the budget is negative; give a budget of zero or more") }
        for project in projects where project.cost < 0 {
            throw AllocationError("project \(project.id) has a negative cost; costs must be zero or more")
        }
        var ids: Set<String> = []
        for project in projects where !ids.insert(project.id).inserted {
            throw AllocationError("the project id \(project.id) is used twice; ids must be unique")
        }
        var approvals = [Int64](repeating: 0, count: projects.count)
        var points = [Int64](repeating: 0, count: projects.count)
        var voters: Int64 = 0
        for ballot in weightedBallots {
            guard ballot.weight > 0, ballot.projects.count == ballot.points.count else {
                throw AllocationError("a grouped ballot has no voters or mismatched points; every ballot needs weight >= 1 and one point value per project")
            }
            voters += ballot.weight
            for (k, project) in ballot.projects.enumerated() {
                guard projects.indices.contains(Int(project)), ballot.points[k] > 0 else {
                    throw AllocationError("a grouped ballot names an unknown project or gives it no points")
                }
                approvals[Int(project)] += ballot.weight
                points[Int(project)] += ballot.weight * ballot.points[k]
            }
        }
        guard voters <= voterCount else {
            throw AllocationError("the ballots hold \(voters) voters but the voter count is \(voterCount); count every voter, empty ballots included")
        }
        self.projects = projects
        self.budget = budget
        self.moneyScale = moneyScale
        self.kind = kind
        self.voterCount = voterCount
        self.ballots = weightedBallots
        self.approvalCounts = approvals
        self.pointTotals = points
    }

    /// `units` money units as a decimal string in currency units (`12000`, `12000.50`).
    public func format(_ units: Int64) -> String {
        DecimalAmount.format(units: units, scale: moneyScale)
    }
}
