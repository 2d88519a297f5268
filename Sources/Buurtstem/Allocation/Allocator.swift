/// Runs an allocation rule on an election: the one entry point for the CLI, the stemdag tally and tests.
public enum Allocator {
    /// The outcome of `options` on `election`.
    ///
    /// Throws when the options do not go together (a completion for a rule other than MES).
    public static func allocate(_ election: AllocationInput, options: AllocationOptions) throws(AllocationError) -> AllocationOutcome {
        if options.completion != .none, options.rule != .mes {
            throw AllocationError("the completion \(options.completion.rawValue) only applies to the rule mes; drop the completion or use the rule mes",
                                  setting: .completion)
        }
        if let weighting = options.weighting {
            guard [.greedy, .greedyNoSkip, .greedyPerEuro].contains(options.rule) else {
                throw AllocationError("a weighting applies to the greedy rules only (greedy, greedy-no-skip, greedy-per-euro), not to \(options.rule.rawValue)",
                                      setting: .weighting)
            }
            guard weighting.values.count == election.projects.count,
                  weighting.values.allSatisfy({ $0.count == weighting.weightsPer10000.count }) else {
                throw AllocationError("the weighting has values for \(weighting.values.count) projects, but there are \(election.projects.count); give every project a value for every criterion",
                                      setting: .weighting)
            }
            guard weighting.weightsPer10000.allSatisfy({ (0...RankingWeighting.maximumWeight).contains($0) }),
                  weighting.values.allSatisfy({ $0.allSatisfy { (0...RankingWeighting.maximumValue).contains($0) } }) else {
                throw AllocationError("weights must be from 0 to 100 and values from 0 to \(RankingWeighting.maximumValue)", setting: .weighting)
            }
        }
        if !options.constraints.exclusions.isEmpty {
            let ids = Set(election.projects.map(\.id))
            for group in options.constraints.exclusions {
                guard group.count >= 2 else {
                    throw AllocationError("an exclusion group needs two or more project ids, e.g. 773,153; got \(group.joined(separator: ","))",
                                          setting: .exclusions)
                }
                for id in group where !ids.contains(id) {
                    throw AllocationError("the exclusion group \(group.joined(separator: ",")) names \(id), which is not a project of this election; use the ids of the PROJECTS section",
                                          setting: .exclusions)
                }
            }
        }
        let satisfaction = options.effectiveSatisfaction(for: election.kind)
        let ranks = options.tieBreak.ranks(for: election)
        let constraints = options.constraints
        var ledger = ConstraintLedger(election: election, constraints: constraints)
        var selected: [Int] = []
        var reasons: [Int: ExplanationReason] = [:]
        var report: EqualSharesReport?

        switch options.rule {
        case .greedy, .greedyNoSkip, .greedyPerEuro:
            let rule = GreedyRule(election: election, rule: options.rule, satisfaction: satisfaction, ranks: ranks,
                                  weighting: options.weighting)
            (selected, reasons) = rule.run(budget: election.budget, ledger: &ledger, explain: options.explain)
        case .phragmen:
            let rule = PhragmenRule(election: election, ranks: ranks, constraints: constraints)
            (selected, reasons) = rule.run(explain: options.explain)
            for p in selected { ledger.record(p) }
        case .mes:
            let probe = ledger
            let model = EqualSharesModel(election: election, satisfaction: satisfaction, ranks: ranks) {
                probe.ineligibility($0) == nil
            }
            let rule = EqualSharesRule(model: model, constraints: constraints)
            let result = try rule.allocate(completion: options.completion, record: options.explain)
            selected = result.run.selected
            report = result.report
            for p in selected { ledger.record(p) }
            if options.explain {
                reasons = rule.explain(result.run, perVoter: result.perVoter)
                // A constraint, not the voters' money, is what kept these out.
                let chosen = Set(selected)
                for p in election.projects.indices where !chosen.contains(p) {
                    if let why = ledger.ineligibility(p) {
                        reasons[p] = why.reason(election)
                    } else if let limit = ledger.brokenLimit(p) {
                        reasons[p] = limit.reason(election, cost: election.projects[p].cost)
                    }
                }
            }
            if options.completion == .greedy {
                let topUp = GreedyRule(election: election, rule: .greedy, satisfaction: satisfaction, ranks: ranks)
                let added = topUp.run(budget: election.budget, ledger: &ledger, explain: options.explain)
                selected += added.selected
                for p in added.selected {
                    if case let .greedyFunded(_, support, cost, leftBefore)? = added.explanations[p] {
                        reasons[p] = .completionFunded(support: support, cost: cost, leftBefore: leftBefore)
                    }
                }
            }
        }

        var partial: PartialFunding?
        switch constraints.leftover {
        case .none:
            break
        case .fundFitting:
            // Walk the unfunded eligible projects by votes and fund what fits, ignoring category and area limits.
            var free = AllocationConstraints(minimumSupport: constraints.minimumSupport,
                                             maximumProjectCost: constraints.maximumProjectCost)
            free.leftover = .none
            var open = ConstraintLedger(election: election, constraints: free)
            for p in selected { open.record(p) }
            let walk = GreedyRule(election: election, rule: .greedy, satisfaction: satisfaction, ranks: ranks)
            let added = walk.run(budget: election.budget, ledger: &open, explain: options.explain)
            selected += added.selected
            for p in added.selected {
                ledger.record(p)
                if case let .greedyFunded(_, support, cost, leftBefore)? = added.explanations[p] {
                    reasons[p] = .leftoverFunded(support: support, cost: cost, leftBefore: leftBefore)
                }
            }
        case .partialOne:
            let left = election.budget - ledger.spent
            let chosen = Set(selected)
            let walk = GreedyRule(election: election, rule: .greedy, satisfaction: satisfaction, ranks: ranks)
            if left > 0, let p = walk.ranking().first(where: { !chosen.contains($0) && ledger.ineligibility($0) == nil }) {
                partial = PartialFunding(project: p, amount: min(left, election.projects[p].cost))
                reasons[p] = .leftoverPartial(amount: election.readable(min(left, election.projects[p].cost)),
                                              cost: election.readable(election.projects[p].cost))
            }
        }

        let total = selected.reduce(Int64(0)) { $0 + election.projects[$1].cost }
        var outcome = AllocationOutcome(selected: selected, totalCost: total, partialFunding: partial, equalShares: report)
        if options.explain {
            outcome.explanations = election.projects.indices.map { p in
                ProjectExplanation(project: p, in: election, reason: reasons[p] ?? .equalSharesNoCandidate(
                    supporters: election.approvalCounts[p], cost: election.readable(election.projects[p].cost)))
            }
        }
        return outcome
    }
}
