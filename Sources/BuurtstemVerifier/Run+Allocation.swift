import BuurtstemRecord

extension Run {
    static let allocationDetail = "the funded projects cost what the result says and fit the budget"

    /// Recomputes each contest's funded projects from the counted ballots with the verifier's own implementation.
    mutating func checkAllocation(_ result: ElectionResult) {
        guard let definition else { return }
        for (contest, published) in zip(definition.contests, result.contests) where contest.area == published.area {
            report.counted(Self.allocationName)
            let funded = Set(published.projects.filter(\.funded).map(\.id))
            let cost = contest.projects.filter { funded.contains($0.id) }.reduce(Int64(0)) { $0 + $1.costCents }
            if cost != published.fundedCostCents {
                report.fail(Self.allocationName, file: ElectionRecordFile.result, "\(contest.area): the funded projects cost \(cost) cents, the result says \(published.fundedCostCents)")
            }
            if cost > contest.budgetCents {
                report.fail(Self.allocationName, file: ElectionRecordFile.result, "\(contest.area): the funded projects cost more than the budget")
            }
        }
    }
}
