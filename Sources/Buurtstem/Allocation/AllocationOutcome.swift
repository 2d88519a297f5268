/// The result of an allocation.
public struct AllocationOutcome: Sendable, Codable, Equatable {
    /// The funded projects' indices in `AllocationInput.projects`, in the order the rule funded them.
    public var selected: [Int]
    /// The exact sum of the funded projects' costs (money units); a partial funding is not included.
    public var totalCost: Int64
    /// The project that received the leftover under `LeftoverRule.partialOne`, if any.
    public var partialFunding: PartialFunding?
    /// For MES: the runs made and the per-voter budget of the run whose outcome was kept.
    public var equalShares: EqualSharesReport?
    /// Per project, in `AllocationInput.projects` order, why it was or was not funded (when asked for).
    public var explanations: [ProjectExplanation]?

    enum CodingKeys: String, CodingKey {
        case selected, explanations
        case totalCost = "total_cost", partialFunding = "partial_funding", equalShares = "equal_shares"
    }

    /// An outcome.
    public init(selected: [Int], totalCost: Int64, partialFunding: PartialFunding? = nil,
                equalShares: EqualSharesReport? = nil, explanations: [ProjectExplanation]? = nil) {
        self.selected = selected
        self.totalCost = totalCost
        self.partialFunding = partialFunding
        self.equalShares = equalShares
        self.explanations = explanations
    }
}

/// A project that receives only part of its cost (Amsterdam's "partially fund one additional project").
public struct PartialFunding: Sendable, Codable, Equatable {
    /// The project's index.
    public var project: Int
    /// The money it receives (money units), less than its cost.
    public var amount: Int64
}

/// How the Method of Equal Shares arrived at its outcome.
public struct EqualSharesReport: Sendable, Codable, Equatable {
    /// The number of MES runs (1 without Add1; for Add1 it includes the last run, whose outcome was not kept
    /// when it exceeded the budget).
    public var runs: Int
    /// The per-voter budget of the run whose outcome was kept, as an exact number (`861`, `3571/3`).
    public var perVoterBudget: String
    /// Whether the kept MES outcome was exhaustive (no candidate left that fits in the unspent budget).
    public var exhaustive: Bool

    enum CodingKeys: String, CodingKey {
        case runs, exhaustive
        case perVoterBudget = "per_voter_budget"
    }
}
