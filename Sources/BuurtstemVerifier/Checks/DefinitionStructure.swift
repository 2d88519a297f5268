import BuurtstemRecord

/// What the engine enforces of a definition before it signs it (docs/elections.md), re-checked by the verifier:
/// a signature proves only who published a definition, not that it is one the engine would ever run. A definition
/// that fails here (duplicate ids, values no canonical bytes can hold, amounts that overflow) is refused, and the checks
/// that would rest on it say so instead of guessing.
enum DefinitionStructure {
    /// The largest whole weight (100), in ten-thousandths.
    static let maximumWeight: Int64 = 1_000_000

    /// Every problem of `definition`, each naming the field and how the engine would have refused it; empty when
    /// the definition is one the engine could have made.
    static func problems(_ definition: ElectionDefinition) -> [String] {
        var problems: [String] = []
        let u32 = 0...Int(UInt32.max)
        if case let .resident(minimumAge) = definition.eligibility, !u32.contains(minimumAge) {
            problems.append("eligibility.minimum_age \(minimumAge) is not a whole number of years from 0")
        }
        switch definition.ballot {
        case .chooseOne, .knapsack: break
        case let .approval(min, max):
            if !u32.contains(min) || !u32.contains(max) || min > max || max < 1 {
                problems.append("ballot: approval min \(min) and max \(max) must be whole numbers with 0 <= min <= max and max >= 1")
            }
        case let .cumulative(points, maxPerProject):
            if !u32.contains(points) || points < 1 { problems.append("ballot: cumulative points \(points) must be a whole number from 1") }
            if let cap = maxPerProject, !u32.contains(cap) || cap < 1 {
                problems.append("ballot: max_per_project \(cap) must be a whole number from 1")
            }
        case let .ranking(max):
            if !u32.contains(max) || max < 1 { problems.append("ballot: ranking max \(max) must be a whole number from 1") }
        }
        problems += allocationProblems(definition.allocation, weighted: definition.weighting != nil)
        if definition.pollsOpenMillis >= definition.pollsCloseMillis {
            problems.append("polls_close_ms \(definition.pollsCloseMillis) is not after polls_open_ms \(definition.pollsOpenMillis)")
        }
        if definition.contests.isEmpty { problems.append("contests: the definition has no contest") }
        var areas = Set<String>(), projectIds = Set<String>()
        for (number, contest) in definition.contests.enumerated() {
            let at = "contests[\(number)] (\(contest.area.prefix(80)))"
            if !areas.insert(contest.area).inserted { problems.append("\(at): area \(contest.area.prefix(80)) has two contests; an area has one") }
            if contest.budgetCents < 0 { problems.append("\(at).budget_cents \(contest.budgetCents) is negative") }
            var total: Int64 = 0, overflow = false
            for project in contest.projects {
                if !projectIds.insert(project.id).inserted {
                    problems.append("\(at): project id \(project.id.prefix(80)) is used twice; ids are unique in the election")
                }
                if project.costCents < 0 { problems.append("\(at): project \(project.id.prefix(80)) costs \(project.costCents) cents, a negative amount") }
                let (sum, over) = total.addingReportingOverflow(max(0, project.costCents))
                total = sum
                overflow = overflow || over
                for (criterion, value) in project.criteria ?? [:] where value < 0 {
                    problems.append("\(at): project \(project.id.prefix(80)) has \(value) for criterion \(criterion.prefix(80)); values are 0 or more")
                }
            }
            if overflow { problems.append("\(at): the projects cost more together than a 64-bit number of cents can hold") }
            var capped = Set<String>()
            for cap in contest.caps ?? [] {
                if !capped.insert(cap.area).inserted { problems.append("\(at).caps: wijk \(cap.area.prefix(80)) is capped twice") }
                if cap.capCents < 0 { problems.append("\(at).caps: the cap of \(cap.area.prefix(80)) is negative") }
            }
            if let constraints = contest.constraints {
                problems += constraintProblems(constraints, projects: Set(contest.projects.map(\.id)), ballot: definition.ballot, at: at)
            }
        }
        var criteria = Set<String>()
        for criterion in definition.weighting?.criteria ?? [] {
            if !criteria.insert(criterion.id).inserted { problems.append("weighting: criterion \(criterion.id.prefix(80)) is listed twice") }
            if !(0...maximumWeight).contains(criterion.weightPer10000) {
                problems.append("weighting: criterion \(criterion.id.prefix(80)) has weight_per_10000 \(criterion.weightPer10000); weights are 0 to \(maximumWeight)")
            }
        }
        return problems
    }

    /// Problems of the allocation spec. Its names are enums in the record, so an unknown rule, tie-break,
    /// satisfaction or completion is refused when the definition is read; what remains are the combinations the
    /// engine refuses.
    /// What the engine enforces before it signs a contest's constraints (issue 17): a threshold above 0 (a share at
    /// most 100 %, points only on a cumulative ballot), each category budgeted once and not negative, each
    /// exclusion group of two or more projects of the contest, a project in one group at most.
    static func constraintProblems(_ constraints: ContestConstraints, projects: Set<String>, ballot: BallotType, at: String) -> [String] {
        var problems: [String] = []
        switch constraints.minimum {
        case .votes(0):
            problems.append("\(at).constraints.minimum: a threshold of 0 votes is no threshold; it is 1 or more")
        case .points(0):
            problems.append("\(at).constraints.minimum: a threshold of 0 points is no threshold; it is 1 or more")
        case .shareBasisPoints(let value) where value == 0 || value > 10_000:
            problems.append("\(at).constraints.minimum: a share of \(value) basis points is not above 0 and at most 10000")
        case .points:
            if case .cumulative = ballot {} else { problems.append("\(at).constraints.minimum: a threshold in points needs a cumulative ballot") }
        default:
            break
        }
        var categories = Set<String>()
        for budget in constraints.categoryBudgets {
            if !categories.insert(budget.category).inserted { problems.append("\(at).constraints: category \(budget.category.prefix(80)) is budgeted twice") }
            if budget.capCents < 0 { problems.append("\(at).constraints: the budget of category \(budget.category.prefix(80)) is negative") }
        }
        if constraints.maximumFunded == 0 || constraints.maximumFundedPerWijk == 0 || constraints.categoryMaxima.contains(where: { $0.maximum == 0 }) {
            problems.append("\(at).constraints: a maximum of 0 funded projects funds nothing; a maximum is 1 or more")
        }
        if Set(constraints.categoryMaxima.map(\.category)).count != constraints.categoryMaxima.count {
            problems.append("\(at).constraints: a category has two maxima")
        }
        var grouped = Set<String>()
        for group in constraints.exclusions {
            if group.count < 2 || Set(group).count != group.count {
                problems.append("\(at).constraints.exclusive: a group names two or more different projects")
            }
            for id in Set(group) {
                if !projects.contains(id) { problems.append("\(at).constraints.exclusive: \(id.prefix(80)) is not a project of the contest") }
                if !grouped.insert(id).inserted { problems.append("\(at).constraints.exclusive: \(id.prefix(80)) is in two groups") }
            }
        }
        return problems
    }

    static func allocationProblems(_ allocation: AllocationSpec, weighted: Bool) -> [String] {
        var problems: [String] = []
        if let completion = allocation.completion, completion != .none, allocation.rule != .mes {
            problems.append("allocation.completion \(completion) applies to rule mes only, and the rule is \(allocation.rule)")
        }
        if weighted, !allocation.rule.isGreedy {
            problems.append("weighting: a weighting ranks the greedy rules only, and the rule is \(allocation.rule)")
        }
        return problems
    }
}
