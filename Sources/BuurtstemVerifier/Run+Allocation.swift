import BuurtstemRecord

extension Run {
    static let allocationDetail = "the funded projects follow from the counted ballots by the published rule, recomputed by the verifier's own implementation"

    /// Recomputes each contest's funded projects from the counted ballots with the verifier's own textbook
    /// implementation (exact rationals), and checks what the result says they cost.
    mutating func checkAllocation(_ result: ElectionResult) {
        guard let definition else { return }
        let seed = ElectionResult.lotSeed(logs: finalHeads)
        let spec = definition.allocation
        let tieBreak: VerifierTieBreak = switch spec.tieBreak {
        case .lexico: .lexico
        case .costVotes: .costVotesLot(seed: seed)
        }
        let ballotKind: VerifierBallotKind = if case .cumulative = definition.ballot { .cardinal } else { .approval }
        for (contest, published) in zip(definition.contests, result.contests) where contest.area == published.area {
            report.counted(Self.allocationName)
            let file = ElectionRecordFile.result
            let claimed = Set(published.projects.filter(\.funded).map(\.id))
            let cost = contest.projects.filter { claimed.contains($0.id) }.reduce(Int64(0)) { $0 + $1.costCents }
            if cost != published.fundedCostCents {
                report.fail(Self.allocationName, file: file, "\(contest.area): the funded projects cost \(cost) cents, the result says \(published.fundedCostCents)")
            }
            let index = Dictionary(uniqueKeysWithValues: contest.projects.enumerated().map { ($1.id, $0) })
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
            let election = VerifierElection(
                projects: contest.projects.map { VerifierProject(id: $0.id, cost: $0.costCents, area: caps.isEmpty ? nil : contest.wijk(of: $0)) },
                budget: contest.budgetCents, kind: ballotKind, ballots: ballots, currencyUnit: 100, areaCaps: caps, weighting: weighting)
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

    /// A choice's utility: its points on a cumulative ballot, 1 otherwise.
    static func points(_ choice: Choice, kind: VerifierBallotKind) -> Int64 {
        kind == .cardinal ? Int64(choice.value) : 1
    }
}
