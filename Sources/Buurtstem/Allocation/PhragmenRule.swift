/// Sequential Phragmén (pabutools `sequential_phragmen`), exact.
///
/// Every voter carries a load, 0 at the start. A candidate's score is (sum of its supporters' loads + cost) /
/// number of supporters: the load every supporter would carry if they shared all their loads and the cost
/// equally. Each round takes the lowest score; if any project reaching it no longer fits in what is left of
/// the budget the rule stops, otherwise the tie-break-first of them is funded and its supporters' loads are set
/// to the score. Candidates are the projects costing at most the budget; one without supporters scores
/// +infinity. Ballots are read as approvals (any positive points count as support).
///
/// Exactness: all supporters of a funded project end with the same load, so the loads take few distinct
/// values ("levels"). Levels are natural numbers over one common denominator, and every project keeps the
/// number of its supporters on each level, so scores are exact fractions compared by cross-multiplication.
struct PhragmenRule {
    let election: AllocationInput
    let ranks: [Int]
    let constraints: AllocationConstraints

    func run(explain: Bool) -> (selected: [Int], reasons: [Int: ExplanationReason]) {
        let projectCount = election.projects.count
        var ledger = ConstraintLedger(election: election, constraints: constraints)
        var active = election.projects.indices.filter {
            election.projects[$0].cost <= election.budget && ledger.ineligibility($0) == nil
        }
        // Per class: its level; per project: weight per level.
        var classLevel = [Int](repeating: 0, count: election.ballots.count)
        var supporters = [[Int]](repeating: [], count: projectCount)
        for (c, ballot) in election.ballots.enumerated() {
            for project in ballot.projects { supporters[Int(project)].append(c) }
        }
        // Weight per (project, level), dense: there are at most one level per round plus the initial 0.
        let levelLimit = projectCount + 1
        var levelWeights = [Int64](repeating: 0, count: projectCount * levelLimit)
        for p in 0..<projectCount {
            levelWeights[p * levelLimit] = supporters[p].reduce(Int64(0)) { $0 + election.ballots[$1].weight }
        }
        var levelValue: [BigNatural] = [.zero]
        var denominator = BigNatural(UInt64(1))
        var left = election.budget
        var selected: [Int] = []
        var reasons: [Int: ExplanationReason] = [:]
        var stoppedAt: String?

        while !active.isEmpty {
            if constraints.hasLimits {
                active.removeAll { ledger.brokenLimit($0) != nil }
                if active.isEmpty { break }
            }
            // The lowest score (numerator over D * supporters; nil = +infinity) and the projects reaching it.
            var best: (numerator: BigNatural, count: UInt64)?
            var tied: [Int] = []
            for p in active {
                let count = UInt64(election.approvalCounts[p])
                if count == 0 {
                    if best == nil { tied.append(p) }
                    continue
                }
                var numerator = denominator * UInt64(election.projects[p].cost)
                for level in 1..<levelValue.count where levelWeights[p * levelLimit + level] != 0 {
                    numerator.add(levelValue[level], times: UInt64(levelWeights[p * levelLimit + level]))
                }
                if let current = best {
                    let lhs = numerator * current.count, rhs = current.numerator * count
                    if lhs < rhs {
                        best = (numerator, count)
                        tied = [p]
                    } else if lhs == rhs {
                        tied.append(p)
                    }
                } else {
                    best = (numerator, count)
                    tied = [p]
                }
            }
            if let tooBig = tied.first(where: { election.projects[$0].cost > left }) {
                stoppedAt = election.projects[tooBig].id
                break
            }
            let winner = tied.min { ranks[$0] < ranks[$1] }!
            let cost = election.projects[winner].cost
            var load = ReasonAmount(units: 0, scale: 0)
            if let best {
                // New level = numerator / (D * count); rescale so it shares the denominator.
                let g = best.numerator.gcd(best.count)
                let factor = best.count / g
                let reduced = best.numerator.quotientAndRemainder(dividingBy: g).quotient
                denominator.multiply(by: factor)
                for level in levelValue.indices { levelValue[level].multiply(by: factor) }
                let newLevel = levelValue.count
                levelValue.append(reduced)
                for c in supporters[winner] {
                    let old = classLevel[c], w = election.ballots[c].weight
                    for project in election.ballots[c].projects {
                        let q = Int(project)
                        levelWeights[q * levelLimit + old] -= w
                        levelWeights[q * levelLimit + newLevel] += w
                    }
                    classLevel[c] = newLevel
                }
                load = election.approximate(BigNatural.ratio(reduced, denominator))
            }
            if explain {
                reasons[winner] = .phragmenFunded(round: selected.count + 1, supporters: election.approvalCounts[winner],
                                                  load: load)
            }
            selected.append(winner)
            ledger.record(winner)
            left -= cost
            active.removeAll { $0 == winner }
        }
        if explain {
            for p in election.projects.indices where reasons[p] == nil {
                if let why = ledger.ineligibility(p) {
                    reasons[p] = why.reason(election)
                } else if let limit = ledger.brokenLimit(p), election.projects[p].cost <= left {
                    reasons[p] = limit.reason(election, cost: election.projects[p].cost)
                } else {
                    reasons[p] = .phragmenNotFunded(
                        supporters: election.approvalCounts[p], cost: election.readable(election.projects[p].cost),
                        stoppedAt: election.projects[p].cost <= election.budget ? stoppedAt ?? "the end" : nil,
                        left: election.readable(left))
                }
            }
        }
        return (selected, reasons)
    }
}
