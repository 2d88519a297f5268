/// The rule a city used, as a Pabulib file's META `rule` names it.
///
/// `PabulibInstance.officialAllocation` turns it into the engine's rule and constraints; docs/allocation.md
/// ("Official outcomes") says what each one runs.
public enum PabulibRule: String, Sendable, Codable, CaseIterable {
    /// Fund by decreasing votes (points on points ballots, the positional score on ordinal ones), skipping what
    /// no longer fits.
    case greedy
    /// `greedy` among the projects that reach META `min_project_score_threshold` (votes, or points on points files).
    case greedyThreshold = "greedy-threshold"
    /// `greedy` where some projects exclude one another; the file names them only in words (`comment`).
    case greedyExclusive = "greedy-exclusive"
    /// `greedy` that stops at the first project that does not fit; a project costing more than the whole budget
    /// (a withdrawn project, e.g. cost 999999999) is passed over, as it can never be funded.
    case greedyNoSkip = "greedy-no-skip"
    /// A city's own greedy variant, described only in words.
    case greedyCustom = "greedy-custom"
    /// The Method of Equal Shares without completion (tie-break `cost-votes`): what a Buurtstem election with
    /// `mes` and no completion exports.
    case equalShares = "equalshares"
    /// `equalshares`, then the comparison with the greedy outcome (pabulib-checker's comparison step).
    case equalSharesComparison = "equalshares-comparison"
    /// The Method of Equal Shares with pabulib-checker's Add1 completion (tie-break `cost-votes`).
    case equalSharesAdd1 = "equalshares/add1"
    /// Add1, then the comparison with the greedy outcome (Wieliczka): the outcome more voters prefer.
    case equalSharesAdd1Comparison = "equalshares/add1-comparison"
    /// The file does not say which rule was used.
    case unknown

}
