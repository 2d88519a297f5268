/// The allocation rules.
public enum AllocationRule: String, Sendable, Codable, CaseIterable {
    /// Fund projects by decreasing support (votes, or points), skipping any that no longer fit.
    case greedy
    /// As `greedy`, but stop at the first project that does not fit.
    case greedyNoSkip = "greedy-no-skip"
    /// Fund projects by decreasing support per unit of money, skipping any that no longer fit.
    case greedyPerEuro = "greedy-per-euro"
    /// The Method of Equal Shares.
    case mes
    /// Sequential Phragmén.
    case phragmen
}

/// How much a voter is taken to gain from a funded project (used by MES and to score greedy).
public enum Satisfaction: String, Sendable, Codable, CaseIterable {
    /// The project's cost, for every supporter (approval reading of the ballot).
    case cost
    /// 1 for every supporter (approval reading of the ballot).
    case cardinality
    /// The points the voter gave the project (cumulative and scoring ballots).
    case cardinal
}

/// What MES does after its own run.
public enum Completion: String, Sendable, Codable, CaseIterable {
    /// Nothing: the MES outcome as is.
    case none
    /// Fund the remaining projects greedily by votes while they fit (utilitarian top-up).
    case greedy
    /// pabulib-checker's Add1 (what cities use): raise the per-voter budget to floor(B/n)+1, +2, ... and keep
    /// the last outcome that stays within the budget.
    case add1
    /// pabutools' Add1: raise the per-voter budget to B/n+1, B/n+2, ... until the outcome is exhaustive,
    /// or return the previous one as soon as an outcome exceeds the budget.
    case add1Exhaustive = "add1-exhaustive"
}

/// Everything that defines an allocation, besides the election itself.
public struct AllocationOptions: Sendable, Codable, Equatable {
    /// The rule.
    public var rule: AllocationRule
    /// The satisfaction; `nil` picks `cost` for approval ballots and `cardinal` for points ballots.
    public var satisfaction: Satisfaction?
    /// The completion (MES only; other rules need `.none`).
    public var completion: Completion
    /// The tie-break.
    public var tieBreak: TieBreak
    /// Budgets per category or area, thresholds, caps and leftover rules; none by default.
    public var constraints: AllocationConstraints
    /// Whether to explain every decision (costs a little extra work for MES).
    public var explain: Bool
    /// A published weighting of the ranking (greedy rules only); nil ranks by support alone.
    public var weighting: RankingWeighting?

    /// Options for `rule`; the rest defaults to no completion, `lexico`, no constraints, no explanation.
    public init(
        rule: AllocationRule, satisfaction: Satisfaction? = nil, completion: Completion = .none,
        tieBreak: TieBreak = .lexico, constraints: AllocationConstraints = AllocationConstraints(), explain: Bool = false
    ) {
        self.rule = rule
        self.satisfaction = satisfaction
        self.completion = completion
        self.tieBreak = tieBreak
        self.constraints = constraints
        self.explain = explain
        self.weighting = nil
    }

    /// The satisfaction actually used for `kind` ballots.
    public func effectiveSatisfaction(for kind: BallotKind) -> Satisfaction {
        if let satisfaction { return satisfaction }
        return kind == .cardinal ? .cardinal : .cost
    }
}
