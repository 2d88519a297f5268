extension OfficialAllocation {
    /// The city's outcome: the rule's run and, for the `-comparison` rules (Wieliczka), the comparison step the
    /// city made, as pabulib-checker 1.0.8 defines it: the greedy outcome by votes (ties in file order, skipping what
    /// does not fit) against the Equal Shares outcome; each voter prefers the one in which more of the projects they
    /// approved are funded, and greedy's outcome is kept only when more voters prefer it. `comparison` says which.
    public func run() throws -> (outcome: AllocationOutcome, comparison: String?) {
        let outcome = try Allocator.allocate(election, options: options)
        guard rule.comparesWithGreedy else { return (outcome, nil) }
        guard election.kind == .approval else {
            return (outcome, "the comparison with greedy is defined for approval ballots only; the Equal Shares outcome is reported")
        }
        // Greedy by votes; Swift's sort is not stable, so equal votes are ordered by file position explicitly.
        let order = election.projects.indices.sorted { election.approvalCounts[$0] != election.approvalCounts[$1]
            ? election.approvalCounts[$0] > election.approvalCounts[$1] : $0 < $1 }
        var greedy: [Int] = [], spent: Int64 = 0
        for p in order where spent + election.projects[p].cost <= election.budget {
            greedy.append(p)
            spent += election.projects[p].cost
        }
        let equalShares = Set(outcome.selected), greedySet = Set(greedy)
        var prefersEqualShares: Int64 = 0, prefersGreedy: Int64 = 0
        for ballot in election.ballots {
            let fromEqualShares = ballot.projects.filter { equalShares.contains(Int($0)) }.count
            let fromGreedy = ballot.projects.filter { greedySet.contains(Int($0)) }.count
            if fromEqualShares > fromGreedy { prefersEqualShares += ballot.weight }
            if fromGreedy > fromEqualShares { prefersGreedy += ballot.weight }
        }
        let counts = "\(prefersEqualShares) voters prefer the Equal Shares outcome, \(prefersGreedy) the greedy one"
        guard prefersGreedy > prefersEqualShares else { return (outcome, counts + ": Equal Shares kept") }
        var options = self.options
        options.rule = .greedy
        options.completion = .none
        options.constraints = AllocationConstraints()
        let kept = AllocationOutcome(selected: greedy, totalCost: spent,
                                     explanations: options.explain ? try Allocator.allocate(election, options: options).explanations : nil)
        return (kept, counts + ": greedy kept")
    }
}
