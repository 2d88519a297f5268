/// Money in one area (a wijk, or the gemeente for gemeente-wide contests): the budget decided over, the cap where
/// a budget plan sets one, and what was funded.
public struct AreaMoney: Sendable, Codable, Equatable {
    /// The area's code.
    public let code: String
    /// Its name.
    public let name: String
    /// The budget of the contests in this area, in cents (0 when projects in it came from a wider contest).
    public let budgetCents: Int64
    /// The area's cap from its budget plan, in cents; nil when none is set. Filled by the caps work
    /// (``ElectionReport/setCaps(_:)``), shown on the site next to the budget.
    public var capCents: Int64?
    /// What the funded projects in this area cost together, in cents.
    public let fundedCents: Int64
    /// Funded projects in this area.
    public let fundedProjects: Int
    /// Projects on the ballot in this area.
    public let projects: Int

    /// Money in an area.
    public init(code: String, name: String, budgetCents: Int64, capCents: Int64? = nil, fundedCents: Int64, fundedProjects: Int,
                projects: Int) {
        self.code = code
        self.name = name
        self.budgetCents = budgetCents
        self.capCents = capCents
        self.fundedCents = fundedCents
        self.fundedProjects = fundedProjects
        self.projects = projects
    }

    /// The budget left, in cents: the cap when set, else the budget, minus what was funded.
    public var leftCents: Int64 { (capCents ?? budgetCents) - fundedCents }
}

/// One funder's part of a funded project, in whole cents (filled by the co-funding work; empty until then).
public struct FunderShare: Sendable, Codable, Equatable {
    /// The funder, e.g. `Gemeente Groningen`.
    public let funder: String
    /// Its part, in cents.
    public let cents: Int64

    /// A funder's part.
    public init(funder: String, cents: Int64) {
        self.funder = funder
        self.cents = cents
    }
}

/// The outcome with and without a weighting, per area (filled by the weighting work; nil until then), so the raad
/// sees whom the weighting favours.
public struct WeightingComparison: Sendable, Codable, Equatable {
    /// One area's money with and without the weighting.
    public struct AreaDelta: Sendable, Codable, Equatable {
        /// The area's code.
        public let code: String
        /// Its name.
        public let name: String
        /// Funded without the weighting, in cents.
        public let unweightedCents: Int64
        /// Funded with the weighting, in cents.
        public let weightedCents: Int64

        /// An area's delta.
        public init(code: String, name: String, unweightedCents: Int64, weightedCents: Int64) {
            self.code = code
            self.name = name
            self.unweightedCents = unweightedCents
            self.weightedCents = weightedCents
        }
    }

    /// The published criteria with their weights, as text (e.g. `eigen bijdrage: 2`).
    public let criteria: [String]
    /// Per area.
    public let areas: [AreaDelta]
    /// Projects funded only with the weighting.
    public let fundedOnlyWeighted: [String]
    /// Projects funded only without it.
    public let fundedOnlyUnweighted: [String]

    /// A comparison.
    public init(criteria: [String], areas: [AreaDelta], fundedOnlyWeighted: [String], fundedOnlyUnweighted: [String]) {
        self.criteria = criteria
        self.areas = areas
        self.fundedOnlyWeighted = fundedOnlyWeighted
        self.fundedOnlyUnweighted = fundedOnlyUnweighted
    }
}
