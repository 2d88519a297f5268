/// The allocation rules an election or `buurtstem allocate` can name. The raw values are the published names,
/// the bytes of the definition (docs/record.md): an unknown name is refused when read, never taken as another.
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

    /// Whether the rule walks projects in order of (weighted) support: the rules a weighting can rank.
    public var isGreedy: Bool { self == .greedy || self == .greedyNoSkip || self == .greedyPerEuro }
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

/// The published allocation rule of an election (names as in `buurtstem allocate`).
public struct AllocationSpec: Sendable, Equatable, Codable {
    /// How an election breaks ties. The seed of the lot is not part of the definition: it is fixed after the
    /// polls close, from the final checkpoints (docs/record.md).
    public enum TieBreak: String, Sendable, Codable, CaseIterable {
        /// By project id (UTF-8 bytes).
        case lexico
        /// Lowest cost, then most votes, then the public lot.
        case costVotes = "cost-votes"
    }

    /// The rule.
    public let rule: AllocationRule
    /// `cost` or `cardinality` for MES; nil otherwise or for the ballot type's default.
    public let satisfaction: Satisfaction?
    /// The completion for MES; nil otherwise.
    public let completion: Completion?
    /// The tie-break.
    public let tieBreak: TieBreak

    private enum CodingKeys: String, CodingKey {
        case rule, satisfaction, completion, tieBreak = "tie_break"
    }

    /// An allocation rule.
    public init(rule: AllocationRule, satisfaction: Satisfaction?, completion: Completion?, tieBreak: TieBreak) {
        self.rule = rule
        self.satisfaction = satisfaction
        self.completion = completion
        self.tieBreak = tieBreak
    }
}

// Printed as their published names, wherever they are interpolated into text.
extension AllocationRule: CustomStringConvertible {
    /// The published name, e.g. `greedy-no-skip`.
    public var description: String { rawValue }
}

extension Satisfaction: CustomStringConvertible {
    /// The published name.
    public var description: String { rawValue }
}

extension Completion: CustomStringConvertible {
    /// The published name, e.g. `add1-exhaustive`.
    public var description: String { rawValue }
}

extension AllocationSpec.TieBreak: CustomStringConvertible {
    /// The published name, e.g. `cost-votes`.
    public var description: String { rawValue }
}
