/// What a city states beside its rule, for one contest (issue 17): the support a project needs at least, budgets
/// per category inside the contest (Amsterdam's buurtbudgetten), and projects that exclude one another.
///
/// Part of the signed definition (layout v3, docs/record.md), applied by the engine and recomputed by the verifier.
public struct ContestConstraints: Sendable, Equatable, Codable {
    /// The least support a project needs to be eligible.
    public enum MinimumSupport: Sendable, Equatable, Codable {
        /// At least this many counted ballots name the project.
        case votes(UInt32)
        /// At least this many points (cumulative ballots).
        case points(UInt32)
        /// At least this share of the contest's counted ballots name the project, in basis points (1/100 of a
        /// percent): 500 is 5 %. The threshold in votes is ⌈share × ballots counted / 10000⌉.
        case shareBasisPoints(UInt32)

        private enum CodingKeys: String, CodingKey { case kind, value }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let value = try c.decode(UInt32.self, forKey: .value)
            switch try c.decode(String.self, forKey: .kind) {
            case "votes": self = .votes(value)
            case "points": self = .points(value)
            case "share-bp": self = .shareBasisPoints(value)
            case let other:
                throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown minimum kind '\(other)' (known: votes, points, share-bp)")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kindName, forKey: .kind)
            try c.encode(value, forKey: .value)
        }

        /// The published name of the kind: `votes`, `points` or `share-bp`.
        public var kindName: String {
            switch self {
            case .votes: "votes"
            case .points: "points"
            case .shareBasisPoints: "share-bp"
            }
        }

        /// The kind's code in canonical bytes (docs/record.md).
        public var code: UInt8 {
            switch self {
            case .votes: 1
            case .points: 2
            case .shareBasisPoints: 3
            }
        }

        /// The number given.
        public var value: UInt32 {
            switch self {
            case let .votes(value), let .points(value), let .shareBasisPoints(value): value
            }
        }

        /// The threshold in votes for a contest with `ballotsCounted` counted ballots (nil for a threshold in points).
        public func votes(ballotsCounted: UInt64) -> UInt64? {
            switch self {
            case let .votes(value): UInt64(value)
            case .points: nil
            // Exact ceiling: a share of 5 % of 101 ballots needs 6 votes, not 5.05 rounded down.
            case let .shareBasisPoints(value): (UInt64(value) * ballotsCounted + 9_999) / 10_000
            }
        }
    }

    /// The most the funded projects of one category may cost together.
    public struct CategoryBudget: Sendable, Equatable, Codable {
        /// The category, as the projects name it.
        public let category: String
        /// The budget, in euro cents.
        public let capCents: Int64

        private enum CodingKeys: String, CodingKey { case category, capCents = "cap_cents" }

        /// A category budget.
        public init(category: String, capCents: Int64) {
            self.category = category
            self.capCents = capCents
        }
    }

    /// The minimum support, if any.
    public let minimum: MinimumSupport?
    /// Budgets per category, by category (UTF-8 bytes) ascending.
    public let categoryBudgets: [CategoryBudget]
    /// Groups of project ids of which at most one is funded: the first the rule reaches.
    public let exclusions: [[String]]

    private enum CodingKeys: String, CodingKey {
        case minimum, categoryBudgets = "category_budgets", exclusions = "exclusive"
    }

    /// Constraints; category budgets are kept in canonical order (by category bytes).
    public init(minimum: MinimumSupport?, categoryBudgets: [CategoryBudget] = [], exclusions: [[String]] = []) {
        self.minimum = minimum
        self.categoryBudgets = categoryBudgets.sorted { Array($0.category.utf8).lexicographicallyPrecedes(Array($1.category.utf8)) }
        self.exclusions = exclusions
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(minimum: try c.decodeIfPresent(MinimumSupport.self, forKey: .minimum),
                  categoryBudgets: try c.decodeIfPresent([CategoryBudget].self, forKey: .categoryBudgets) ?? [],
                  exclusions: try c.decodeIfPresent([[String]].self, forKey: .exclusions) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(minimum, forKey: .minimum)
        try c.encode(categoryBudgets, forKey: .categoryBudgets)
        try c.encode(exclusions, forKey: .exclusions)
    }

    /// Whether nothing is constrained.
    public var isEmpty: Bool { minimum == nil && categoryBudgets.isEmpty && exclusions.isEmpty }
}
