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
        var list = BallotList()
        for (number, ballot) in ballots.enumerated() {
            for entry in ballot {
                guard projects.indices.contains(entry.project) else {
                    throw AllocationError("ballot \(number + 1) names project index \(entry.project), but there are \(projects.count) projects")
                }
                list.add(project: Int32(entry.project), points: entry.points)
            }
            list.endBallot()
        }
        try self.init(projects: projects, budget: budget, moneyScale: moneyScale, kind: kind, ballotList: list)
    }

    /// An election from `list`, one ballot per voter (every entry counts 1 when the list has no points). Entries
    /// with 0 points are ignored (no support); identical ballots are merged, in the order they first occur.
    public init(
        projects: [AllocationProject], budget: Int64, moneyScale: Int = 0, kind: BallotKind, ballotList list: BallotList
    ) throws(AllocationError) {
        // Each ballot as sorted (project, points) pairs in one flat buffer; then merged by the buffer's slices.
        var flat: [Int64] = []
        flat.reserveCapacity(list.projects.count * 2)
        var bounds: [Range<Int>] = []
        bounds.reserveCapacity(list.count)
        var entries: [(project: Int32, points: Int64)] = []
        for voter in 0..<list.count {
            entries.removeAll(keepingCapacity: true)
            for k in list.range(voter) {
                let project = list.projects[k], points = list.points.isEmpty ? 1 : list.points[k]
                guard project >= 0, Int(project) < projects.count else {
                    throw AllocationError("ballot \(voter + 1) names project index \(project), but there are \(projects.count) projects")
                }
                guard points >= 0 else {
                    throw AllocationError("ballot \(voter + 1) gives \(projects[Int(project)].id) \(points) points; the rules need non-negative utilities")
                }
                if points > 0 { entries.append((project, kind == .approval ? 1 : points)) }
            }
            guard !entries.isEmpty else { continue }
            // Insertion sort: ballots are short.
            for i in entries.indices.dropFirst() {
                let entry = entries[i]
                var j = i
                while j > 0, entries[j - 1].project > entry.project {
                    entries[j] = entries[j - 1]
                    j -= 1
                }
                entries[j] = entry
            }
            for k in entries.indices.dropFirst() where entries[k].project == entries[k - 1].project {
                throw AllocationError("ballot \(voter + 1) names \(projects[Int(entries[k].project)].id) twice; list each project once")
            }
            let start = flat.count
            for entry in entries {
                flat.append(Int64(entry.project))
                flat.append(entry.points)
            }
            bounds.append(start..<flat.count)
        }
        // Identical ballots found by hashing their slices of `flat` (open addressing: no hashed copy per ballot).
        var merged: [WeightedBallot] = []
        var firstRange: [Range<Int>] = []
        var size = 16
        while size < bounds.count * 2 { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        flat.withUnsafeBufferPointer { flat in
            for range in bounds {
                var h: UInt64 = 0x9E37_79B9_7F4A_7C15
                for k in range { h = (h ^ UInt64(bitPattern: flat[k])) &* 0xFF51_AFD7_ED55_8CCD }
                var slot = Int(truncatingIfNeeded: h ^ (h >> 32)) & (size - 1)
                while true {
                    let at = Int(slots[slot])
                    if at < 0 {
                        slots[slot] = Int32(merged.count)
                        firstRange.append(range)
                        let pairs = range.count / 2
                        merged.append(WeightedBallot(projects: (0..<pairs).map { Int32(truncatingIfNeeded: flat[range.lowerBound + 2 * $0]) },
                                                     points: (0..<pairs).map { flat[range.lowerBound + 2 * $0 + 1] }, weight: 1))
                        break
                    }
                    let other = firstRange[at]
                    if other.count == range.count, flat[other].elementsEqual(flat[range]) {
                        merged[at].weight += 1
                        break
                    }
                    slot = (slot + 1) & (size - 1)
                }
            }
        }
        try self.init(projects: projects, budget: budget, moneyScale: moneyScale, kind: kind,
                      weightedBallots: merged, voterCount: Int64(list.count))
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
