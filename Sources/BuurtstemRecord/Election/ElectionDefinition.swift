import BuurtstemCrypto

/// A project residents can vote for.
public struct Project: Sendable, Equatable, Codable {
    /// Short id, unique in the election (e.g. `KW-03`).
    public let id: String
    /// Title shown on the ballot.
    public let title: String
    /// A sentence or two shown on the ballot.
    public let description: String
    /// What it costs, in euro cents.
    public let costCents: Int64
    /// The buurt or wijk it is in (within the contest's area), if narrower than the contest.
    public let area: String?
    /// A category (e.g. `groen`), for per-category budgets.
    public let category: String?
    /// The project's value for each weighting criterion, by criterion id (whole numbers, 0 or more); nil when the
    /// election has no weighting.
    public let criteria: [String: Int64]?

    private enum CodingKeys: String, CodingKey {
        case id, title, description, costCents = "cost_cents", area, category, criteria
    }

    /// A project.
    public init(id: String, title: String, description: String, costCents: Int64, area: String?, category: String?,
                criteria: [String: Int64]? = nil) {
        self.id = id
        self.title = title
        self.description = description
        self.costCents = costCents
        self.area = area
        self.category = category
        self.criteria = criteria
    }
}

/// The most the funded projects of one wijk may cost together in a contest over several wijken.
public struct AreaCap: Sendable, Equatable, Codable {
    /// The wijk code (`WK` + 6 digits).
    public let area: String
    /// The cap, in euro cents.
    public let capCents: Int64

    private enum CodingKeys: String, CodingKey {
        case area, capCents = "cap_cents"
    }

    /// A cap of `capCents` for `area`.
    public init(area: String, capCents: Int64) {
        self.area = area
        self.capCents = capCents
    }
}

/// One contest: the residents of `area` decide over `budgetCents` among `projects`.
public struct Contest: Sendable, Equatable, Codable {
    /// A wijk code (`WK...`), or the gemeente code (`GM...`) for a gemeente-wide contest.
    public let area: String
    /// The budget, in euro cents.
    public let budgetCents: Int64
    /// The projects on this contest's ballot.
    public let projects: [Project]
    /// Caps per wijk, by wijk code (UTF-8 bytes) ascending, for a gemeente-wide contest whose projects lie in
    /// several wijken; nil without caps. A project counts against the cap of the wijk it lies in.
    public let caps: [AreaCap]?
    /// The minimum support, category budgets and exclusions the city states; nil without any (issue 17).
    public let constraints: ContestConstraints?

    private enum CodingKeys: String, CodingKey {
        case area, budgetCents = "budget_cents", projects, caps, constraints
    }

    /// A contest.
    public init(area: String, budgetCents: Int64, projects: [Project], caps: [AreaCap]? = nil, constraints: ContestConstraints? = nil) {
        self.area = area
        self.budgetCents = budgetCents
        self.projects = projects
        self.caps = caps
        self.constraints = constraints
    }

    /// The wijk a project of this contest counts in for the caps: the contest's own area for a wijk contest, the
    /// project's wijk (or the wijk of its buurt) in a gemeente-wide contest; nil when it names no area.
    public func wijk(of project: Project) -> String? {
        guard area.hasPrefix("GM") else { return area }
        guard let projectArea = project.area else { return nil }
        // A buurt code BU + 8 digits lies in the wijk WK + its first 6 digits.
        return projectArea.hasPrefix("BU") ? "WK" + projectArea.dropFirst(2).prefix(6) : projectArea
    }
}

/// Published criteria with weights that raise a project's votes in the greedy ranking (docs/elections.md):
/// weighted support = support × (1 + Σ weight_i × value_i / max value_i in the contest).
public struct Weighting: Sendable, Equatable, Codable {
    /// One criterion: a project attribute with a weight.
    public struct Criterion: Sendable, Equatable, Codable {
        /// The id, which projects use for their value (e.g. `volunteer_hours`).
        public let id: String
        /// What it measures, as published.
        public let title: String
        /// The weight in ten-thousandths (0.25 is 2500), from 0 to 100 (1,000,000).
        public let weightPer10000: Int64

        private enum CodingKeys: String, CodingKey {
            case id, title, weightPer10000 = "weight_per_10000"
        }

        /// A criterion.
        public init(id: String, title: String, weightPer10000: Int64) {
            self.id = id
            self.title = title
            self.weightPer10000 = weightPer10000
        }
    }

    /// The criteria, in the definition's order.
    public let criteria: [Criterion]

    /// Weighting by `criteria`.
    public init(criteria: [Criterion]) {
        self.criteria = criteria
    }
}

/// Who gets a stempas.
public enum Eligibility: Sendable, Equatable, Codable {
    /// One pass per household.
    case household
    /// One pass per resident aged at least `minimumAge` (the register snapshot's eligible count).
    case resident(minimumAge: Int)

    private enum CodingKeys: String, CodingKey {
        case kind, minimumAge = "minimum_age"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "household": self = .household
        case "resident": self = .resident(minimumAge: try container.decode(Int.self, forKey: .minimumAge))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown eligibility '\(other)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .household:
            try container.encode("household", forKey: .kind)
        case let .resident(minimumAge):
            try container.encode("resident", forKey: .kind)
            try container.encode(minimumAge, forKey: .minimumAge)
        }
    }
}

/// Everything an election is, as the gemeente signs and publishes it before passes are issued.
public struct ElectionDefinition: Sendable, Equatable, Codable {
    /// Short id, e.g. `2026-korrewegwijk`: letters, digits, `-`, `_`, `.`.
    public let id: String
    /// Title for residents.
    public let title: String
    /// The gemeente's CBS code.
    public let gemeente: String
    /// The register snapshot passes are issued from.
    public let registerSnapshot: Int64
    /// Who gets a pass.
    public let eligibility: Eligibility
    /// The ballot's type and limits.
    public let ballot: BallotType
    /// How ballots become funded projects.
    public let allocation: AllocationSpec
    /// When the polls open and close (milliseconds since 1970 UTC).
    public let pollsOpenMillis: Int64
    /// See ``pollsOpenMillis``.
    public let pollsCloseMillis: Int64
    /// The contests, one per area.
    public let contests: [Contest]
    /// The weighting of the greedy ranking, if the election has one.
    public let weighting: Weighting?
    /// The election key and ballot width of a secret election (issue 16); nil for a public one, whose ballots are
    /// published per stempas (see ``isSecret``).
    public let secretBallot: SecretBallot?

    private enum CodingKeys: String, CodingKey {
        case id, title, gemeente, registerSnapshot = "register_snapshot", eligibility, ballot, allocation
        case pollsOpenMillis = "polls_open_ms", pollsCloseMillis = "polls_close_ms", contests, weighting
        case secretBallot = "secret_ballot"
    }

    /// A definition.
    public init(id: String, title: String, gemeente: String, registerSnapshot: Int64, eligibility: Eligibility,
                ballot: BallotType, allocation: AllocationSpec, pollsOpenMillis: Int64, pollsCloseMillis: Int64,
                contests: [Contest], weighting: Weighting? = nil, secretBallot: SecretBallot? = nil) {
        self.id = id
        self.title = title
        self.gemeente = gemeente
        self.registerSnapshot = registerSnapshot
        self.eligibility = eligibility
        self.ballot = ballot
        self.allocation = allocation
        self.pollsOpenMillis = pollsOpenMillis
        self.pollsCloseMillis = pollsCloseMillis
        self.contests = contests
        self.weighting = weighting
        self.secretBallot = secretBallot
    }

    /// Whether the ballots are secret (encrypted at the kiosk, mixed and decrypted by trustees). A definition
    /// without `secret_ballot` is public and says so: its ballots are published per stempas.
    public var isSecret: Bool { secretBallot != nil }

    /// The contest for `area`, if any.
    public func contest(for area: String) -> Contest? {
        contests.first { $0.area == area }
    }

    /// The domain-separation tag of the definition's canonical bytes without caps or weighting.
    public static let tag = "buurtstem/election/v1"
    /// The tag of the layout with caps and weighting (docs/record.md); used only when a definition has either, so
    /// every definition without them keeps its v1 bytes, hash and signature.
    public static let tagV2 = "buurtstem/election/v2"

    /// The tag of the layout with contest constraints (docs/record.md): v2's fields and, per contest, its minimum
    /// support, category budgets and exclusions; used only when a contest has constraints.
    public static let tagV3 = "buurtstem/election/v3"

    /// The tag of the layout of a secret election (docs/record.md): v3's fields followed by the election key, the
    /// threshold, the number of trustees, the key file's hash and the ballot width; used only when secret.
    public static let tagV4 = "buurtstem/election/v4"

    /// Whether the definition needs the v2 layout (or v3): a contest with caps, or a weighting.
    public var usesVersion2: Bool {
        weighting != nil || contests.contains { $0.caps != nil } || usesVersion3
    }

    /// Whether the definition needs the v3 layout: a contest with constraints.
    public var usesVersion3: Bool {
        contests.contains { $0.constraints != nil }
    }

    /// The canonical bytes (docs/record.md, "Election definition"); the manifest signature covers them. A value no
    /// `u32` can hold (a negative age or limit, which the engine never signs) is written truncated rather than
    /// trapping, so a hostile record cannot crash a reader; the verifier refuses such a definition by its values.
    public var canonicalBytes: [UInt8] {
        let v4 = secretBallot != nil
        let v2 = usesVersion2 || v4, v3 = usesVersion3 || v4
        var w = ByteWriter(tag: v4 ? Self.tagV4 : v3 ? Self.tagV3 : v2 ? Self.tagV2 : Self.tag)
        w.append(string: id)
        w.append(string: title)
        w.append(string: gemeente)
        w.append(i64: registerSnapshot)
        switch eligibility {
        case .household:
            w.append(u8: 1)
            w.append(u32: 0)
        case let .resident(minimumAge):
            w.append(u8: 2)
            w.append(u32: UInt32(truncatingIfNeeded: minimumAge))
        }
        w.append(u8: ballot.code)
        switch ballot {
        case .chooseOne, .knapsack:
            w.append(u32: 0)
            w.append(u32: 0)
        case let .approval(min, max):
            w.append(u32: UInt32(truncatingIfNeeded: min))
            w.append(u32: UInt32(truncatingIfNeeded: max))
        case let .cumulative(points, maxPerProject):
            w.append(u32: UInt32(truncatingIfNeeded: points))
            w.append(u32: UInt32(truncatingIfNeeded: maxPerProject ?? 0))
        case let .ranking(max):
            w.append(u32: 0)
            w.append(u32: UInt32(truncatingIfNeeded: max))
        }
        w.append(string: allocation.rule.rawValue)
        w.append(string: allocation.satisfaction?.rawValue ?? "")
        w.append(string: allocation.completion?.rawValue ?? "")
        w.append(string: allocation.tieBreak.rawValue)
        w.append(i64: pollsOpenMillis)
        w.append(i64: pollsCloseMillis)
        w.append(u32: UInt32(contests.count))
        for contest in contests {
            w.append(string: contest.area)
            w.append(i64: contest.budgetCents)
            if v2 {
                let caps = (contest.caps ?? []).sorted { Array($0.area.utf8).lexicographicallyPrecedes(Array($1.area.utf8)) }
                w.append(u32: UInt32(caps.count))
                for cap in caps {
                    w.append(string: cap.area)
                    w.append(i64: cap.capCents)
                }
            }
            if v3 {
                let constraints = contest.constraints ?? ContestConstraints(minimum: nil)
                w.append(u8: constraints.minimum?.code ?? 0)
                w.append(u32: constraints.minimum?.value ?? 0)
                w.append(u32: UInt32(constraints.categoryBudgets.count))
                for budget in constraints.categoryBudgets {
                    w.append(string: budget.category)
                    w.append(i64: budget.capCents)
                }
                w.append(u32: UInt32(constraints.exclusions.count))
                for group in constraints.exclusions {
                    w.append(u32: UInt32(group.count))
                    for id in group { w.append(string: id) }
                }
                w.append(u32: constraints.maximumFunded ?? 0)
                w.append(u32: constraints.maximumFundedPerWijk ?? 0)
                w.append(u32: UInt32(constraints.categoryMaxima.count))
                for maximum in constraints.categoryMaxima {
                    w.append(string: maximum.category)
                    w.append(u32: maximum.maximum)
                }
            }
            w.append(u32: UInt32(contest.projects.count))
            for project in contest.projects {
                w.append(string: project.id)
                w.append(string: project.title)
                w.append(string: project.description)
                w.append(i64: project.costCents)
                w.append(string: project.area ?? "")
                w.append(string: project.category ?? "")
                if v2 {
                    let criteria = weighting?.criteria ?? []
                    w.append(u32: UInt32(criteria.count))
                    for criterion in criteria { w.append(i64: project.criteria?[criterion.id] ?? 0) }
                }
            }
        }
        if v2 {
            let criteria = weighting?.criteria ?? []
            w.append(u8: weighting == nil ? 0 : 1)
            w.append(u32: UInt32(criteria.count))
            for criterion in criteria {
                w.append(string: criterion.id)
                w.append(string: criterion.title)
                w.append(i64: criterion.weightPer10000)
            }
        }
        if let secretBallot {
            w.append(raw: secretBallot.publicKey.bytes)
            w.append(u32: UInt32(truncatingIfNeeded: secretBallot.threshold))
            w.append(u32: UInt32(truncatingIfNeeded: secretBallot.trustees))
            w.append(raw: secretBallot.electionKeySHA256)
            w.append(u32: UInt32(truncatingIfNeeded: secretBallot.width))
        }
        return w.bytes
    }

    /// SHA-256 of the canonical bytes: the id by which passes, kiosks and ballots refer to this exact definition.
    public var hash: [UInt8] { SHA.sha256(canonicalBytes) }
}
