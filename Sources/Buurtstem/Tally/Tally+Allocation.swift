import BuurtstemRecord

/// One contest's allocation: what is funded, and why each project was or was not.
public struct ContestAllocation: Sendable, Codable {
    /// The contest area.
    public let area: String
    /// Funded project ids, in the order the rule funded them.
    public let funded: [String]
    /// What they cost together, in cents.
    public let fundedCostCents: Int64
    /// Per project, the reason.
    public let explanations: [ProjectExplanation]
}

extension Tally {
    /// Runs the election's published rule on each contest's counted ballots, in exact integer cents, with the same
    /// engine as `buurtstem allocate`. The `cost-votes` tie-break of an election ends in the public lot drawn from
    /// `lotSeed` (fixed by the final checkpoints), not in the project id.
    ///
    /// A contest's caps per wijk are area budgets of the engine (`AllocationConstraints.areaBudgets`), each project
    /// counting in its wijk; the definition's weighting ranks the greedy rules by weighted support, unless
    /// `weighted` is false (the unweighted outcome the report puts beside it).
    public func allocate(_ definition: ElectionDefinition, lotSeed: [UInt8], weighted: Bool = true) throws -> [ContestAllocation] {
        let spec = definition.allocation
        let tieBreak: TieBreak = switch spec.tieBreak {
        case .lexico: .lexico
        case .costVotes: .costVotesLot(seed: lotSeed)
        }
        let options = AllocationOptions(rule: spec.rule, satisfaction: spec.satisfaction, completion: spec.completion ?? .none,
                                        tieBreak: tieBreak, explain: true)
        let kind: BallotKind = if case .cumulative = definition.ballot { .cardinal } else { .approval }
        return try zip(definition.contests, contests).map { contest, count in
            let index = Dictionary(uniqueKeysWithValues: contest.projects.enumerated().map { ($1.id, $0) })
            // A project counts in its wijk where the contest caps wijken or limits the funded projects per wijk.
            let capped = contest.caps != nil || contest.constraints?.maximumFundedPerWijk != nil
            let projects = contest.projects.map {
                AllocationProject(id: $0.id, cost: $0.costCents, name: $0.title, categories: $0.category.map { [$0] } ?? [],
                                  area: capped ? contest.wijk(of: $0) : $0.area)
            }
            var options = options
            if let caps = contest.caps {
                options.constraints.areaBudgets = Dictionary(caps.map { ($0.area, $0.capCents) }) { first, _ in first }
            }
            if let constraints = contest.constraints {
                options.constraints.apply(constraints, ballotsCounted: UInt64(count.ballotsCounted))
                options.constraints.apply(maximumPerWijk: constraints.maximumFundedPerWijk, wijken: Set(contest.projects.compactMap { contest.wijk(of: $0) }))
            }
            if weighted, let weighting = definition.weighting {
                options.weighting = RankingWeighting(
                    weightsPer10000: weighting.criteria.map(\.weightPer10000),
                    values: contest.projects.map { project in weighting.criteria.map { project.criteria?[$0.id] ?? 0 } })
            }
            let ballots = count.ballots.map { choices in
                choices.compactMap { choice in index[choice.project].map { (project: $0, points: kind == .cardinal ? Int64(choice.value) : 1) } }
            }
            let input = try AllocationInput(projects: projects, budget: contest.budgetCents, moneyScale: 2, kind: kind, ballots: ballots)
            let outcome = try Allocator.allocate(input, options: options)
            return ContestAllocation(area: contest.area, funded: outcome.selected.map { contest.projects[$0].id },
                                     fundedCostCents: outcome.totalCost, explanations: outcome.explanations ?? [])
        }
    }
}
