extension BudgetCheck {
    /// Throws every problem of `plan` unless it adds up to the cent, saying that its `what` (e.g. "funders' shares")
    /// cannot be used until it does; nothing is used from a plan that does not add up.
    public static func requireAddsUp(_ plan: BudgetPlan, using what: String) throws {
        let check = BudgetCheck(plan)
        guard check.addsUp else {
            throw InputError([Problem(file: plan.file, message: "the plan does not add up, so its \(what) cannot be used; "
                + "fix the lines below (checking the plan names every line to fix)")] + check.problems)
        }
    }
}
