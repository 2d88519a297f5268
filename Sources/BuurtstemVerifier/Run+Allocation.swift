import BuurtstemRecord

extension Run {
    static let allocationDetail = "the funded projects follow from the counted ballots by the published rule, recomputed by the verifier's own implementation"

    /// Recomputes each contest's funded projects from the counted ballots with the verifier's own textbook
    /// implementation (exact rationals), and checks what the result says they cost.
    mutating func checkAllocation(_ result: ElectionResult) {
        guard let definition else { return }
        if let allocationRefused {
            report.notRun(Self.allocationName, "the definition cannot be allocated as published: \(allocationRefused)")
            return
        }
        let seed = ElectionResult.lotSeed(logs: finalHeads)
        // The names are enums in the record: an unknown rule or tie-break is refused when the definition is read
        // (the definition check fails and this one does not run), never taken as another.
        let spec = definition.allocation
        let tieBreak: VerifierTieBreak = switch spec.tieBreak {
        case .lexico: .lexico
        case .costVotes: .costVotesLot(seed: seed)
        }
        let ballotKind: VerifierBallotKind = if case .cumulative = definition.ballot { .cardinal } else { .approval }
        let publishedByArea = Dictionary(result.contests.map { ($0.area, $0) }) { first, _ in first }
        for contest in definition.contests {
            report.counted(Self.allocationName)
            let file = ElectionRecordFile.result
            guard let published = publishedByArea[contest.area] else {
                report.fail(Self.allocationName, file: file, "\(contest.area): the result has no outcome for this contest of the definition")
                continue
            }
            let claimed = Set(published.projects.filter(\.funded).map(\.id))
            // Costs are 0 or more and their sum fits (the definition check), so this sum cannot overflow.
            let cost = contest.projects.filter { claimed.contains($0.id) }.reduce(Int64(0)) { $0 &+ $1.costCents }
            if cost != published.fundedCostCents {
                report.fail(Self.allocationName, file: file, "\(contest.area): the funded projects cost \(cost) cents, the result says \(published.fundedCostCents)")
            }
            let index = Dictionary(contest.projects.enumerated().map { ($1.id, $0) }) { first, _ in first }
            let ballots = (expectedContests[contest.area]?.counted ?? []).flatMap { kind in
                let ballot = kind.choices.compactMap { choice in index[choice.project].map { (project: $0, points: Self.points(choice, kind: ballotKind)) } }
                return Array(repeating: ballot, count: kind.count)
            }
            // Caps: each project counts against its wijk's cap (docs/verifier-allocation.md, "Caps per wijk").
            let caps = Dictionary((contest.caps ?? []).map { ($0.area, $0.capCents) }) { first, _ in first }
            let weighting = definition.weighting.map { weighting in
                VerifierWeighting(weightsPer10000: weighting.criteria.map(\.weightPer10000),
                                  values: contest.projects.map { project in weighting.criteria.map { project.criteria?[$0.id] ?? 0 } })
            }
            // Constraints (docs/verifier-allocation.md, "Constraints"): a share becomes votes of the counted ballots.
            let constraints = contest.constraints
            let counted = UInt64(ballots.count)
            let minimumVotes: Int64? = switch constraints?.minimum {
            case .votes(let votes): Int64(votes)
            case .shareBasisPoints(let share): Int64((UInt64(share) * counted + 9_999) / 10_000)
            case .points, nil: nil
            }
            let minimumPoints: Int64? = if case .points(let points) = constraints?.minimum { Int64(points) } else { nil }
            let perWijk = constraints?.maximumFundedPerWijk.map { Int($0) }
            let wijken = Set(contest.projects.compactMap { contest.wijk(of: $0) })
            let election = VerifierElection(
                projects: contest.projects.map {
                    VerifierProject(id: $0.id, cost: $0.costCents, area: caps.isEmpty && perWijk == nil ? nil : contest.wijk(of: $0),
                                    category: $0.category)
                },
                budget: contest.budgetCents, kind: ballotKind, ballots: ballots, currencyUnit: 100, areaCaps: caps, weighting: weighting,
                categoryBudgets: Dictionary((constraints?.categoryBudgets ?? []).map { ($0.category, $0.capCents) }) { first, _ in first },
                exclusions: constraints?.exclusions ?? [], minimumVotes: minimumVotes, minimumPoints: minimumPoints,
                maximumFunded: constraints?.maximumFunded.map { Int($0) },
                categoryMaxima: Dictionary((constraints?.categoryMaxima ?? []).map { ($0.category, Int($0.maximum)) }) { first, _ in first },
                areaMaxima: perWijk.map { maximum in Dictionary(uniqueKeysWithValues: wijken.map { ($0, maximum) }) } ?? [:])
            if let tooLarge = Self.beyondExactRange(contest, ballots: ballots) {
                report.notRun(Self.allocationName, "\(contest.area): \(tooLarge)")
                continue
            }
            do {
                // The textbook implementation reads the published names itself (its own parsing, not the engine's).
                let funded = Set(try TextbookAllocation.allocate(election, rule: spec.rule.rawValue, satisfaction: spec.satisfaction?.rawValue,
                                                                 completion: spec.completion?.rawValue, tieBreak: tieBreak))
                if funded != claimed {
                    let missing = funded.subtracting(claimed).sorted(), extra = claimed.subtracting(funded).sorted()
                    report.fail(Self.allocationName, file: file, "\(contest.area): by rule \(spec.rule.rawValue) the funded projects are "
                        + "\(funded.sorted().joined(separator: ", ")); the result "
                        + (missing.isEmpty ? "" : "leaves out \(missing.joined(separator: ", "))") + (missing.isEmpty || extra.isEmpty ? "" : " and ")
                        + (extra.isEmpty ? "" : "adds \(extra.joined(separator: ", "))"))
                }
            } catch {
                report.fail(Self.allocationName, file: ElectionRecordFile.definition, "\(contest.area): the allocation cannot be recomputed: \(error)")
            }
        }
    }

    /// Why a contest's amounts are beyond what the textbook rules compute exactly in 64-bit steps (a cost or the
    /// budget times the points times the number of voters past 2^63), or nil. No definition the engine signs comes
    /// near; a hostile one must not crash the verifier, so its allocation is reported as not run.
    static func beyondExactRange(_ contest: Contest, ballots: [[(project: Int, points: Int64)]]) -> String? {
        let voters = max(1, Int64(clamping: ballots.count))
        let points = max(1, ballots.lazy.flatMap { $0.map(\.points) }.max() ?? 1)
        let total = contest.projects.reduce(Int64(0)) { $0 &+ max(0, $1.costCents) }
        let (costs, overCosts) = max(total, contest.budgetCents).multipliedReportingOverflow(by: voters)
        let (_, overPoints) = costs.multipliedReportingOverflow(by: points)
        guard overCosts || overPoints else { return nil }
        return "its amounts times \(voters) voters and up to \(points) points exceed what 64-bit integers hold; the allocation cannot be recomputed"
    }

    /// A choice's utility: its points on a cumulative ballot, 1 otherwise.
    static func points(_ choice: Choice, kind: VerifierBallotKind) -> Int64 {
        kind == .cardinal ? Int64(choice.value) : 1
    }
}
