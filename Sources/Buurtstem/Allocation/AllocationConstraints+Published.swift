import BuurtstemRecord

extension AllocationConstraints {
    /// Adds a contest's published constraints (the signed definition's): its minimum support (a share becomes a
    /// number of votes of the contest's `ballotsCounted`), category budgets and exclusions.
    public mutating func apply(_ published: ContestConstraints, ballotsCounted: UInt64) {
        switch published.minimum {
        case .points(let points):
            minimumPoints = Int64(points)
        case let minimum?:
            minimumSupport = minimum.votes(ballotsCounted: ballotsCounted).map { Int64(clamping: $0) }
        case nil:
            break
        }
        for budget in published.categoryBudgets { categoryBudgets[budget.category] = budget.capCents }
        exclusions += published.exclusions
    }
}
