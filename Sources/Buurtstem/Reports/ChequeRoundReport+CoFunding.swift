/// Co-funding on a cheque round's results site: who pays what part of each funded initiative (docs/budgets.md,
/// "Co-funding").
extension ChequeRoundReport {
    /// Splits what the settlement pays every funded initiative across `plan`'s funders by their shares, in whole
    /// cents (largest remainder, `CoFunding`), and sets each funded initiative's `funders`; returns the split with
    /// per funder its total. The same items as `buurtstem cheques report --plan` (``CoFunding/Item/initiative(_:title:buurt:fundedCents:)``),
    /// so both show the same numbers. A round that funded nothing gives every funder a total of 0. Refuses a plan
    /// that does not add up; then nothing is set.
    @discardableResult
    package mutating func setFunders(plan: BudgetPlan) throws -> CoFunding {
        let split = try CoFunding(items: initiatives.filter(\.funded).map {
            CoFunding.Item.initiative($0.id, title: $0.title, buurt: $0.buurt, fundedCents: $0.fundedCents)
        }, plan: plan)
        let shares = split.funderShares
        for index in initiatives.indices { initiatives[index].funders = shares[String(initiatives[index].id)] ?? [] }
        coFunding = split
        return split
    }
}
