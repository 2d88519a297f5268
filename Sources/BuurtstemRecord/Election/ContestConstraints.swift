/// What a city states beside its rule, for one contest (issue 17): the support a project needs at least, budgets
/// per category inside the contest (Amsterdam's buurtbudgetten), projects that exclude one another, and at most how
/// many projects are funded (in all, per wijk of a gemeente-wide contest, per category).
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

    /// At most this many projects of one category are funded.
    public struct CategoryMaximum: Sendable, Equatable, Codable {
        /// The category, as the projects name it.
        public let category: String
        /// The most projects of it funded.
        public let maximum: UInt32

        /// A category maximum.
        public init(category: String, maximum: UInt32) {
            self.category = category
            self.maximum = maximum
        }
    }

    /// The minimum support, if any.
    public let minimum: MinimumSupport?
    /// Budgets per category, by category (UTF-8 bytes) ascending.
    public let categoryBudgets: [CategoryBudget]
    /// Groups of project ids of which at most one is funded: the first the rule reaches.
    public let exclusions: [[String]]
    /// At most this many projects funded in the contest; nil without a limit.
    public let maximumFunded: UInt32?
    /// At most this many projects funded per wijk (a gemeente-wide contest; a project counts in its wijk); nil without.
    public let maximumFundedPerWijk: UInt32?
    /// At most so many projects funded per category, by category (UTF-8 bytes) ascending.
    public let categoryMaxima: [CategoryMaximum]

    private enum CodingKeys: String, CodingKey {
        case minimum, categoryBudgets = "category_budgets", exclusions = "exclusive"
        case maximumFunded = "max_funded", maximumFundedPerWijk = "max_funded_per_wijk", categoryMaxima = "max_funded_per_category"
    }

    /// Constraints; category budgets and maxima are kept in canonical order (by category bytes).
    public init(minimum: MinimumSupport?, categoryBudgets: [CategoryBudget] = [], exclusions: [[String]] = [],
                maximumFunded: UInt32? = nil, maximumFundedPerWijk: UInt32? = nil, categoryMaxima: [CategoryMaximum] = []) {
        self.minimum = minimum
        self.categoryBudgets = categoryBudgets.sorted { Array($0.category.utf8).lexicographicallyPrecedes(Array($1.category.utf8)) }
        self.exclusions = exclusions
        self.maximumFunded = maximumFunded
        self.maximumFundedPerWijk = maximumFundedPerWijk
        self.categoryMaxima = categoryMaxima.sorted { Array($0.category.utf8).lexicographicallyPrecedes(Array($1.category.utf8)) }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(minimum: try c.decodeIfPresent(MinimumSupport.self, forKey: .minimum),
                  categoryBudgets: try c.decodeIfPresent([CategoryBudget].self, forKey: .categoryBudgets) ?? [],
                  exclusions: try c.decodeIfPresent([[String]].self, forKey: .exclusions) ?? [],
                  maximumFunded: try c.decodeIfPresent(UInt32.self, forKey: .maximumFunded),
                  maximumFundedPerWijk: try c.decodeIfPresent(UInt32.self, forKey: .maximumFundedPerWijk),
                  categoryMaxima: try c.decodeIfPresent([CategoryMaximum].self, forKey: .categoryMaxima) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(minimum, forKey: .minimum)
        try c.encode(categoryBudgets, forKey: .categoryBudgets)
        try c.encode(exclusions, forKey: .exclusions)
        try c.encodeIfPresent(maximumFunded, forKey: .maximumFunded)
        try c.encodeIfPresent(maximumFundedPerWijk, forKey: .maximumFundedPerWijk)
        try c.encode(categoryMaxima, forKey: .categoryMaxima)
    }

    /// Whether nothing is constrained.
    public var isEmpty: Bool {
        minimum == nil && categoryBudgets.isEmpty && exclusions.isEmpty && maximumFunded == nil && maximumFundedPerWijk == nil
            && categoryMaxima.isEmpty
    }
}
