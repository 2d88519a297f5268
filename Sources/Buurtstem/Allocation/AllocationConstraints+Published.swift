import BuurtstemRecord

extension AllocationConstraints {
    /// Adds a contest's published constraints (the signed definition's): its minimum support (a share becomes a
    /// number of votes of the contest's `ballotsCounted`), category budgets, exclusions and maxima of funded projects
    /// (in all and per category; per wijk with ``apply(maximumPerWijk:wijken:)``).
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
        if let maximum = published.maximumFunded { maximumFunded = Int(maximum) }
        for maximum in published.categoryMaxima { categoryMaxima[maximum.category] = Int(maximum.maximum) }
    }

    /// The maximum per wijk of a gemeente-wide contest: every wijk of `wijken` (the projects' areas are their wijken).
    public mutating func apply(maximumPerWijk: UInt32?, wijken: Set<String>) {
        guard let maximumPerWijk else { return }
        for wijk in wijken { areaMaxima[wijk] = Int(maximumPerWijk) }
    }
}
