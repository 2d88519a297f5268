import BuurtstemRecord

/// The allocation rules: the record's vocabulary, so a published rule is always one the engine knows by type.
public typealias AllocationRule = BuurtstemRecord.AllocationRule
/// How much a voter is taken to gain from a funded project (the record's vocabulary).
public typealias Satisfaction = BuurtstemRecord.Satisfaction
/// What MES does after its own run (the record's vocabulary).
public typealias Completion = BuurtstemRecord.Completion

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

    /// A group of projects that exclude one another, from its ids written as a comma-separated list (`773,153`):
    /// each id without blanks at either end, empty items dropped.
    public static func exclusionGroup(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingBlanks }.filter { !$0.isEmpty }
    }
}
