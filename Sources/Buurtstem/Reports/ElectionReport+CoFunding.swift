/// Co-funding on the results site: who pays what part of each funded project (docs/budgets.md, "Co-funding").
extension ElectionReport {
    /// Splits every funded project across `plan`'s funders by their shares, in whole cents (largest remainder,
    /// `CoFunding`), and sets each funded project's `funders`; returns the split with per funder its total.
    /// Refuses a plan that does not add up; then nothing is set.
    @discardableResult
    package mutating func setFunders(plan: BudgetPlan) throws -> CoFunding {
        let items = contests.flatMap { contest in
            contest.projects.filter(\.funded).sorted { ($0.fundedOrder ?? 0) < ($1.fundedOrder ?? 0) }.map {
                CoFunding.Item(id: $0.id, title: $0.title, area: $0.area, costCents: $0.costCents)
            }
        }
        let split = try CoFunding(items: items, plan: plan)
        let shares = split.funderShares
        for c in contests.indices {
            for p in contests[c].projects.indices {
                contests[c].projects[p].funders = shares[contests[c].projects[p].id] ?? []
            }
        }
        coFunding = split
        return split
    }
}
