import BuurtstemRecord

/// The one mapping between Pabulib's rule names and the engine: `engineOptions` is what `allocate --official`
/// runs for a META rule, and `exported(for:constraints:)` picks, for a Buurtstem election, the rule whose
/// `engineOptions` run the election's own allocation, so that the two directions cannot drift apart.
extension PabulibRule {
    /// What `--official` runs for this rule before the file's declared constraints: the engine's rule, completion
    /// and tie-break (satisfaction: the ballot type's default); nil for a rule the file does not state precisely
    /// enough to run (`greedy-custom`, `unknown`).
    public var engineOptions: AllocationOptions? {
        switch self {
        case .greedy, .greedyThreshold, .greedyExclusive: AllocationOptions(rule: .greedy, tieBreak: .lexico)
        case .greedyNoSkip: AllocationOptions(rule: .greedyNoSkip, tieBreak: .lexico)
        case .equalShares, .equalSharesComparison: AllocationOptions(rule: .mes, completion: .none, tieBreak: .costVotes)
        case .equalSharesAdd1, .equalSharesAdd1Comparison: AllocationOptions(rule: .mes, completion: .add1, tieBreak: .costVotes)
        case .greedyCustom, .unknown: nil
        }
    }

    /// Whether `--official` can run this rule from the file alone (plus `--exclusive` for `greedy-exclusive`).
    public var isRunnable: Bool { engineOptions != nil }

    /// Whether the rule ends with pabulib-checker's comparison against the greedy outcome (never exported).
    public var comparesWithGreedy: Bool { self == .equalSharesComparison || self == .equalSharesAdd1Comparison }

    /// The rule a contest of `definition` is exported under, and what the Pabulib format cannot state (for META
    /// `comment`). A runnable rule is chosen only when its `engineOptions` run the election's rule, completion and
    /// satisfaction and the file can declare the contest's constraints (a threshold in META, exclusions given to
    /// `--exclusive`); otherwise `greedy-custom` (a greedy variant) or `unknown`, which `--official` refuses.
    public static func exported(for definition: ElectionDefinition, constraints: ContestConstraints?) -> (rule: PabulibRule, notes: [String]) {
        let spec = definition.allocation
        var notes: [String] = []
        let custom: PabulibRule = spec.rule == .mes || spec.rule == .phragmen ? .unknown : .greedyCustom
        if case .ranking = definition.ballot {
            notes.append("Buurtstem counts a ranked ballot as approving every project it ranks (not by positional points).")
            return (custom, notes)
        }
        if definition.weighting != nil {
            notes.append("Support was weighted by published criteria (Buurtstem's weighting), which Pabulib cannot state.")
            return (custom, notes)
        }
        switch spec.rule {
        case .greedyPerEuro: notes.append("Projects were funded by decreasing support per euro (Buurtstem's greedy-per-euro).")
        case .phragmen: notes.append("Sequential Phragmén.")
        case .mes:
            notes.append("Method of Equal Shares with \((spec.satisfaction ?? .cost).rawValue) satisfaction and completion \((spec.completion ?? .none).rawValue).")
        case .greedy, .greedyNoSkip: break
        }
        let kind: BallotKind = if case .cumulative = definition.ballot { .cardinal } else { .approval }
        let own = AllocationOptions(rule: spec.rule, satisfaction: spec.satisfaction, completion: spec.completion ?? .none)
        let minimum = constraints?.minimum != nil
        let exclusive = constraints?.exclusions.isEmpty == false
        let limited = constraints.map { $0.maximumFunded != nil || $0.maximumFundedPerWijk != nil || !$0.categoryMaxima.isEmpty } ?? false
        // The rules that run the same allocation, then the one whose name states the constraints.
        let same = allCases.filter { rule in
            guard let options = rule.engineOptions, !rule.comparesWithGreedy else { return false }
            return options.rule == own.rule && options.completion == own.completion
                && options.effectiveSatisfaction(for: kind) == own.effectiveSatisfaction(for: kind)
        }
        let named: PabulibRule? = switch (minimum, exclusive) {
        case (false, false): same.first { $0 != .greedyThreshold && $0 != .greedyExclusive }
        case (true, false): same.contains(.greedy) ? .greedyThreshold : same.first
        case (false, true): same.contains(.greedy) ? .greedyExclusive : nil
        case (true, true): nil
        }
        let rule = limited ? custom : named ?? custom
        // The rule's name says it all: the engine's own description is not needed.
        if spec.rule == .mes, rule.isRunnable { notes.removeLast() }
        // The lot is Buurtstem's; a rule whose ties go by cost and votes cannot state ties by project id either.
        if spec.tieBreak == .costVotes {
            notes.append("Ties were broken by cost, then votes, then Buurtstem's public lot drawn from the final checkpoints.")
        } else if let tieBreak = rule.engineOptions?.tieBreak, tieBreak != .lexico {
            notes.append("Ties were broken by project id, not by cost and votes.")
        }
        return (rule, notes)
    }
}
