/// The input of an allocation: projects, budget and ballots, as read from the record.
public struct VerifierElection: Sendable {
    /// The projects; ballots refer to them by index.
    public let projects: [VerifierProject]
    /// The budget in money units.
    public let budget: Int64
    /// How ballot entries count.
    public let kind: VerifierBallotKind
    /// One list of (project index, points) per voter; points are 1 for approval. Empty ballots count as voters.
    public let ballots: [[(project: Int, points: Int64)]]
    /// Money units in one whole currency unit (100 when money is in cents): the step of the Add1 completions.
    public let currencyUnit: Int64
    /// The most the funded projects of an area may cost together, by area (a wijk's cap); empty without caps.
    public let areaCaps: [String: Int64]
    /// The weighting of the greedy rules; nil unweighted.
    public let weighting: VerifierWeighting?
    /// The most the funded projects of a category may cost together, by category; empty without.
    public let categoryBudgets: [String: Int64]
    /// Groups of project ids of which at most one is funded; empty without.
    public let exclusions: [[String]]
    /// The least number of ballots naming a project for it to be eligible; nil without.
    public let minimumVotes: Int64?
    /// The least total points a project needs to be eligible; nil without.
    public let minimumPoints: Int64?
    /// At most this many projects funded; nil without.
    public let maximumFunded: Int?
    /// At most so many projects funded per category; empty without.
    public let categoryMaxima: [String: Int]
    /// At most so many projects funded per area (a wijk); empty without.
    public let areaMaxima: [String: Int]

    /// An election over `projects` with `budget` money units. `currencyUnit` is the number of money units in one
    /// whole currency unit; Add1 raises the per-voter budget by one whole unit per step, as the research tools do.
    public init(
        projects: [VerifierProject], budget: Int64, kind: VerifierBallotKind,
        ballots: [[(project: Int, points: Int64)]], currencyUnit: Int64 = 1, areaCaps: [String: Int64] = [:],
        weighting: VerifierWeighting? = nil, categoryBudgets: [String: Int64] = [:], exclusions: [[String]] = [],
        minimumVotes: Int64? = nil, minimumPoints: Int64? = nil, maximumFunded: Int? = nil,
        categoryMaxima: [String: Int] = [:], areaMaxima: [String: Int] = [:]
    ) {
        self.maximumFunded = maximumFunded
        self.categoryMaxima = categoryMaxima
        self.areaMaxima = areaMaxima
        self.categoryBudgets = categoryBudgets
        self.exclusions = exclusions
        self.minimumVotes = minimumVotes
        self.minimumPoints = minimumPoints
        self.areaCaps = areaCaps
        self.weighting = weighting
        self.projects = projects
        self.budget = budget
        self.kind = kind
        self.ballots = ballots
        self.currencyUnit = currencyUnit
    }
}
