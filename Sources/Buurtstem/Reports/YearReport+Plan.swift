/// The caps of a budget plan in the raad's year view.
extension YearReport {
    /// Sets each wijk's cap from `plan` (its class's cap; docs/budgets.md) on the wijken of the view; wijken the
    /// plan does not list keep no cap. Refuses a plan that does not add up; then nothing is set.
    package mutating func setCaps(plan: BudgetPlan) throws {
        try BudgetCheck.requireAddsUp(plan, using: "caps")
        let capOfClass = Dictionary(plan.classes.map { ($0.id, $0.capCents) }) { first, _ in first }
        let caps = Dictionary(plan.areas.compactMap { area in capOfClass[area.classID].map { (area.code, $0) } }) { first, _ in first }
        for index in wijken.indices { wijken[index].capCents = caps[wijken[index].code] }
    }
}
