/// What runs when a Pabulib file is allocated by its own rule, as the city did: that rule with its constraints.
public struct OfficialAllocation: Sendable {
    /// The META rule.
    public let rule: PabulibRule
    /// The election as the rule reads it (ordinal files under `greedy`: positional points).
    public let election: AllocationInput
    /// The engine's rule, tie-break and the file's constraints.
    public var options: AllocationOptions
    /// One sentence saying what was run, e.g. "greedy by points; projects below 300 points are not eligible".
    public let description: String
    /// Things the run could not reproduce exactly or that the reader had to repair, each naming the file.
    public let warnings: [String]
}

extension PabulibInstance {
    /// The META `rule` of the file, if it has one.
    public func metaRule(file: String = "<memory>") throws(PabulibError) -> PabulibRule {
        guard let text = meta("rule")?.trimmingBlanks, !text.isEmpty else {
            throw PabulibError(file: file, line: nil, field: "META rule",
                               message: "the file names no rule, so there is no city's rule to run; choose a rule", setting: .rule)
        }
        guard let rule = PabulibRule(rawValue: text) else {
            let known = PabulibRule.allCases.filter(\.isRunnable).map(\.rawValue).joined(separator: ", ")
            throw PabulibError(file: file, line: nil, field: "META rule",
                               message: "the city's rule \"\(text)\" is not one that can be run (those are \(known)); choose a rule", setting: .rule)
        }
        return rule
    }

    /// The city's own rule, as META `rule` names it, with the constraints META declares.
    ///
    /// `exclusions` are the groups of projects that exclude one another under `greedy-exclusive` (`[]`: none);
    /// `nil` means they were not given, which is an error for that rule, since the file states them only in words.
    /// A rule that cannot be run from what the file states (`greedy-custom`, `unknown`) is an error naming it.
    public func officialAllocation(file: String = "<memory>", exclusions: [[String]]? = nil) throws(PabulibError) -> OfficialAllocation {
        let rule = try metaRule(file: file)
        func fail(_ message: String, setting: AllocationError.Setting) -> PabulibError {
            PabulibError(file: file, line: nil, field: "META rule", message: message, setting: setting)
        }
        var warnings: [String] = []
        let comment = meta("comment") == nil ? "" : " (the file's comment may describe it in words)"
        let notStated = fail("the city's rule is \"\(rule.rawValue)\", which the file does not state precisely enough to run\(comment); "
                             + "the city's rule is never guessed: choose a rule", setting: .rule)
        switch rule {
        case .greedyCustom, .unknown:
            throw notStated
        case .greedyExclusive where exclusions == nil:
            throw fail("the rule is greedy-exclusive, but which projects exclude one another is written only in words in the file's "
                       + "comment; read it and give each group of projects that exclude one another, or say that none do", setting: .exclusions)
        default:
            break
        }
        if rule != .greedyExclusive, let exclusions, !exclusions.isEmpty {
            throw fail("exclusion groups apply to the rule greedy-exclusive, and this file's rule is \(rule.rawValue); give none",
                       setting: .exclusions)
        }

        // Ordinal files under greedy: the positional score the file gives in its score column.
        let positional = voteType == .ordinal && rule.engineOptions?.rule != .mes
        var positionalTop: Int64?
        if positional {
            guard projectColumns.contains(where: { $0.trimmingBlanks == "score" }) else {
                throw fail("the rule is \(rule.rawValue) on ranked ballots, which cities count by the positional score the file gives "
                           + "in the PROJECTS column score; this file has none, so how the city scored positions is unknown; choose a rule",
                           setting: .rule)
            }
            if let text = meta("max_length"), let length = Int64(text.trimmingBlanks), length > 0 {
                positionalTop = length
            } else {
                positionalTop = Int64(max(1, (0..<ballots.count).map { ballots.range($0).count }.max() ?? 1))
            }
        }
        let election = try allocationInput(file: file, positionalPoints: positionalTop)
        try checkScores(election, file: file, positionalTop: positionalTop, warnings: &warnings)

        var constraints = try declaredConstraints(file: file, thresholdInPoints: election.kind == .cardinal)
        let unit = election.kind == .approval ? "votes" : (positionalTop.map { "positional points (\($0) for first place, 1 less per place)" } ?? "points")
        guard var options = rule.engineOptions else { throw notStated }
        var text: String
        switch options.rule {
        case .greedy, .greedyNoSkip:
            text = "greedy by \(unit)" + (options.rule == .greedyNoSkip ? ", stopping at the first project that does not fit" : ", skipping what no longer fits")
        default:
            text = options.completion == .add1
                ? "Method of Equal Shares with Add1 completion (per-voter budget floor(B/n)+1, +2, ...), tie-break cost-votes"
                : "Method of Equal Shares without completion, tie-break cost-votes"
        }
        if rule.comparesWithGreedy { text += "; then compared with the greedy outcome, keeping the one more voters prefer" }
        if rule == .greedyThreshold, constraints.minimumSupport == nil, constraints.minimumPoints == nil {
            throw PabulibError(file: file, line: nil, field: "META min_project_score_threshold",
                               message: "the rule is greedy-threshold but META has no min_project_score_threshold; add it (in \(election.kind == .approval ? "votes" : "points"))")
        }
        if rule == .greedyNoSkip {
            // A project that costs more than the whole budget can never be funded: pass it over, never stop at it.
            constraints.maximumProjectCost = min(constraints.maximumProjectCost ?? election.budget, election.budget)
            text += "; a project costing more than the whole budget is passed over"
        }
        if rule == .greedyExclusive, let exclusions {
            constraints.exclusions = exclusions
            text += exclusions.isEmpty ? "; no projects exclude one another (as given)"
                : "; at most one of each group is funded: " + exclusions.map { $0.joined(separator: "/") }.joined(separator: ", ")
        }
        if let minimum = constraints.minimumPoints { text += "; projects below \(minimum) points are not eligible" }
        if let minimum = constraints.minimumSupport { text += "; projects below \(minimum) votes are not eligible" }
        if !constraints.categoryBudgets.isEmpty { text += "; per-category budgets" }
        if !constraints.areaBudgets.isEmpty { text += "; per-neighbourhood budgets" }
        if constraints.leftover != .none { text += "; leftover rule \(constraints.leftover.rawValue)" }
        options.constraints = constraints
        return OfficialAllocation(rule: rule, election: election, options: options, description: text, warnings: warnings)
    }

    /// Compares the PROJECTS `score` column (if any) with the points the rule counts: a mismatch on positional
    /// points is an error (the scoring is not the one the city used), on points ballots a warning.
    private func checkScores(_ election: AllocationInput, file: String, positionalTop: Int64?, warnings: inout [String]) throws(PabulibError) {
        guard election.kind == .cardinal,
              let column = projectColumns.firstIndex(where: { $0.trimmingBlanks == "score" }) else { return }
        for (p, project) in projects.enumerated() where column < project.fields.count {
            let text = project.fields[column].trimmingBlanks
            guard !text.isEmpty, let score = Int64(text) else { continue }
            let counted = election.pointTotals[p]
            guard score != counted else { continue }
            if let positionalTop {
                throw PabulibError(file: file, line: nil, field: "PROJECTS score",
                                   message: "project \(project.id) has score \(score), but the ballots give \(counted) with \(positionalTop) points for first place and 1 less per place; "
                                   + "so how the city scored positions is unknown; choose a rule", setting: .rule)
            }
            warnings.append("\(file): PROJECTS score: project \(project.id) has score \(score), but its ballots give \(counted) points; the rule counts the ballots")
        }
    }
}
