/// The verifier's own allocation: each rule computed from its textbook definition with exact rationals
/// (docs/verifier-allocation.md), independent of the engine's implementation.
public enum TextbookAllocation {
    /// The funded project ids under the named rule, in the order of `election.projects`. Names as in the
    /// `buurtstem allocate` flags: rule `greedy | greedy-no-skip | greedy-per-euro | mes | phragmen`; satisfaction
    /// `nil | cost | cardinality | cardinal` (nil: cost for approval, cardinal (points) for cardinal ballots);
    /// completion `nil | none | greedy | add1 | add1-exhaustive` (MES only). Throws for an unknown name, a completion
    /// with a rule other than MES, or an inconsistent election.
    public static func allocate(
        _ election: VerifierElection, rule: String, satisfaction: String?, completion: String?, tieBreak: VerifierTieBreak
    ) throws -> [String] {
        try validate(election)
        if let weighting = election.weighting, weighting.values.count != election.projects.count
            || weighting.values.contains(where: { $0.count != weighting.weightsPer10000.count || $0.contains { $0 < 0 } })
            || weighting.weightsPer10000.contains(where: { $0 < 0 }) {
            throw TextbookAllocationError("the weighting needs one value of 0 or more per criterion for every project, and weights of 0 or more")
        }
        let satisfaction = try parseSatisfaction(satisfaction, kind: election.kind)
        let completion = completion ?? "none"
        let completions = ["none", "greedy", "add1", "add1-exhaustive"]
        guard completions.contains(completion) else {
            throw TextbookAllocationError("completion \(completion) is unknown; use one of \(completions.joined(separator: ", "))")
        }
        let rules = ["greedy", "greedy-no-skip", "greedy-per-euro", "mes", "phragmen"]
        guard rules.contains(rule) else {
            throw TextbookAllocationError("rule \(rule) is unknown; use one of \(rules.joined(separator: ", "))")
        }
        guard completion == "none" || rule == "mes" else {
            throw TextbookAllocationError("completion \(completion) only applies to rule mes; drop it or use rule mes")
        }
        if election.weighting != nil, !["greedy", "greedy-no-skip", "greedy-per-euro"].contains(rule) {
            throw TextbookAllocationError("a weighting applies to the greedy rules only, not to rule \(rule)")
        }
        let projects = election.projects
        let groups = try BallotGroups(election)
        let order = ProjectOrder(tieBreak, projects: projects, approvals: groups.approvals)
        let limits = FundingLimits(election)
        let funded: Set<Int>
        switch rule {
        case "mes":
            let mes = EqualShares(projects: projects, groups: groups, satisfaction: satisfaction, order: order, limits: limits)
            switch completion {
            case "add1": funded = addOne(mes, election, voters: groups.voterCount)
            case "add1-exhaustive": funded = addOneExhaustive(mes, election, voters: groups.voterCount)
            case "greedy":
                let outcome = mes.run(perVoter: perVoterShare(election.budget, voters: groups.voterCount))
                let walk = GreedyWalk(
                    projects: projects, groups: groups, satisfaction: satisfaction,
                    perMoney: satisfaction == .cardinality, order: order, stopsAtFirstMiss: false, limits: limits)
                funded = walk.fund(projects, startingFrom: outcome, left: election.budget - cost(outcome, projects))
            default: funded = mes.run(perVoter: perVoterShare(election.budget, voters: groups.voterCount))
            }
        case "phragmen":
            funded = Phragmen(projects: projects, budget: election.budget, groups: groups, order: order, limits: limits).run()
        default:
            let walk = GreedyWalk(
                projects: projects, groups: groups, satisfaction: satisfaction,
                perMoney: rule == "greedy-per-euro" || satisfaction == .cardinality, order: order,
                stopsAtFirstMiss: rule == "greedy-no-skip", limits: limits, factors: election.weighting?.factors)
            funded = walk.fund(projects, left: election.budget)
        }
        return projects.indices.filter(funded.contains).map { projects[$0].id }
    }

    /// pabulib-checker's Add1: B/n first, then floor(B/n) + 1, + 2, ... whole currency units; each outcome within
    /// the budget replaces the current one, the first one over the budget ends the loop. It also ends once every
    /// candidate is funded (the checker itself would never stop there).
    private static func addOne(_ mes: EqualShares, _ election: VerifierElection, voters: Int64) -> Set<Int> {
        var current = mes.run(perVoter: perVoterShare(election.budget, voters: voters))
        guard voters > 0 else { return current }
        let unit = election.currencyUnit
        let base = election.budget / voters / unit * unit
        // Past the total cost of all projects nobody can run out of money, so the outcome no longer changes.
        let ceiling = election.projects.reduce(Int64(0)) { $0 + $1.cost }
        var step: Int64 = 1
        while !mes.candidates.allSatisfy(current.contains), base + (step - 1) * unit < ceiling {
            let outcome = mes.run(perVoter: Rational(base + step * unit))
            if cost(outcome, election.projects) > election.budget { return current }
            current = outcome
            step += 1
        }
        return current
    }

    /// pabutools' Add1: B/n, B/n + 1, B/n + 2, ... whole currency units, until the outcome is exhaustive (returned)
    /// or goes over the budget (the previous outcome is returned).
    private static func addOneExhaustive(_ mes: EqualShares, _ election: VerifierElection, voters: Int64) -> Set<Int> {
        var perVoter = perVoterShare(election.budget, voters: voters)
        var previous: Set<Int>?
        while true {
            let outcome = mes.run(perVoter: perVoter)
            let spent = cost(outcome, election.projects)
            if spent > election.budget, let previous { return previous }
            let left = election.budget - spent
            // Exhaustive: no candidate outside it fits in what is left (and within its area's cap).
            let exhaustive = !mes.candidates.contains {
                !outcome.contains($0) && election.projects[$0].cost <= left && (mes.limits?.fits($0, with: outcome) ?? true)
            }
            // Without voters nothing can ever be funded, so more money per voter changes nothing.
            if exhaustive || spent > election.budget || voters == 0 { return outcome }
            previous = outcome
            perVoter = perVoter + Rational(election.currencyUnit)
        }
    }

    /// B / n, or 0 without voters.
    private static func perVoterShare(_ budget: Int64, voters: Int64) -> Rational {
        voters == 0 ? .zero : Rational(budget) / Rational(voters)
    }

    private static func cost(_ funded: Set<Int>, _ projects: [VerifierProject]) -> Int64 {
        funded.reduce(0) { $0 + projects[$1].cost }
    }

    private static func parseSatisfaction(_ name: String?, kind: VerifierBallotKind) throws(TextbookAllocationError) -> Satisfaction {
        guard let name else { return kind == .cardinal ? .cardinal : .cost }
        guard let satisfaction = Satisfaction(rawValue: name) else {
            throw TextbookAllocationError(
                "satisfaction \(name) is unknown; use one of \(Satisfaction.allCases.map(\.rawValue).joined(separator: ", ")), or leave it out for the ballot kind's default")
        }
        return satisfaction
    }

    private static func validate(_ election: VerifierElection) throws(TextbookAllocationError) {
        guard election.budget >= 0 else {
            throw TextbookAllocationError("the budget is \(election.budget); it must not be negative")
        }
        guard election.currencyUnit > 0 else {
            throw TextbookAllocationError("the currency unit is \(election.currencyUnit) money units; it must be positive (1, or 100 for cents)")
        }
        var seen = Set<[UInt8]>()
        for project in election.projects {
            guard project.cost >= 0 else {
                throw TextbookAllocationError("project \(project.id) costs \(project.cost); costs must not be negative")
            }
            guard seen.insert(Array(project.id.utf8)).inserted else {
                throw TextbookAllocationError("project id \(project.id) appears twice; every project needs its own id")
            }
        }
    }
}
