import Testing
@testable import Buurtstem

/// An approval election from (id, cost) pairs and ballots of project ids.
func approvalElection(_ projects: [(String, Int64)], budget: Int64, ballots: [[String]],
                      categories: [String: [String]] = [:], areas: [String: String] = [:]) throws -> AllocationInput {
    let list = projects.map { AllocationProject(id: $0.0, cost: $0.1, categories: categories[$0.0] ?? [], area: areas[$0.0]) }
    let index = Dictionary(uniqueKeysWithValues: projects.enumerated().map { ($1.0, $0) })
    return try AllocationInput(projects: list, budget: budget, kind: .approval,
                        ballots: ballots.map { $0.map { (index[$0]!, Int64(1)) } })
}

func funded(_ election: AllocationInput, _ options: AllocationOptions, constraints: AllocationConstraints = AllocationConstraints()) throws -> [String] {
    var options = options
    options.constraints = constraints
    return try Allocator.allocate(election, options: options).selected.map { election.projects[$0].id }
}

@Suite("Allocation rules")
struct AllocationRulesTests {
    /// The README's case where the two Add1 semantics differ (budget 20, four voters).
    func xy() throws -> AllocationInput { try Fixtures.instance("add1-example.pb").allocationInput() }

    @Test("plain MES funds X only")
    func mesXY() throws {
        #expect(try funded(xy(), AllocationOptions(rule: .mes, completion: .none)) == ["X"])
    }

    @Test("add1-exhaustive stops at the exhaustive {X}; add1 goes on to {Y}")
    func add1Semantics() throws {
        let e = try xy()
        #expect(try funded(e, AllocationOptions(rule: .mes, completion: .add1Exhaustive)) == ["X"])
        let add1 = try Allocator.allocate(e, options: AllocationOptions(rule: .mes, completion: .add1, tieBreak: .costVotes))
        #expect(add1.selected.map { e.projects[$0].id } == ["Y"])
        // Runs: 5 (= 20/4), 6 accepted ({Y}, exhaustive: 4 left, X costs 7), 7 overshoots ({Y, X} costs 23).
        #expect(add1.equalShares == EqualSharesReport(runs: 3, perVoterBudget: "6", exhaustive: true))
    }

    @Test("greedy completion tops up MES")
    func greedyCompletion() throws {
        // MES funds X (7); 13 left, Y (16) does not fit: nothing to add. With budget 23, Y fits afterwards.
        let e = try approvalElection([("X", 7), ("Y", 16)], budget: 23, ballots: [["Y"], ["Y"], ["X", "Y"], ["X"]])
        #expect(try funded(e, AllocationOptions(rule: .mes, completion: .none)) == ["Y"])
        let f = try approvalElection([("X", 7), ("Y", 16), ("Z", 5)], budget: 20, ballots: [["Y"], ["Y"], ["X", "Y"], ["X"], ["Z"]])
        #expect(try funded(f, AllocationOptions(rule: .mes)) == ["X"])
        #expect(try funded(f, AllocationOptions(rule: .mes, completion: .greedy)) == ["X", "Z"])
    }

    @Test("lexico compares UTF-8 bytes: \"11\" before \"2\", uppercase before lowercase, ASCII before accents")
    func lexicoOrder() throws {
        let e = try approvalElection([("2", 1), ("11", 1), ("b", 1), ("B", 1), ("é", 1), ("z", 1)], budget: 6, ballots: [])
        let ranks = TieBreak.lexico.ranks(for: e)
        let order = e.projects.indices.sorted { ranks[$0] < ranks[$1] }.map { e.projects[$0].id }
        #expect(order == ["11", "2", "B", "b", "z", "é"])
    }

    @Test("greedy ties keep the tie-break order; the skipped one is the later id")
    func greedyTie() throws {
        // "11" and "2" both have 2 votes and cost 6; only one fits in 10.
        let e = try approvalElection([("2", 6), ("11", 6)], budget: 10, ballots: [["2", "11"], ["2", "11"]])
        #expect(try funded(e, AllocationOptions(rule: .greedy, tieBreak: .lexico)) == ["11"])
    }

    @Test("greedy skips what does not fit; greedy-no-skip stops there")
    func skipping() throws {
        let e = try approvalElection([("a", 60), ("b", 50), ("c", 30)], budget: 100,
                                     ballots: [["a", "b", "c"], ["a", "b", "c"], ["a", "b"], ["a"]])
        #expect(try funded(e, AllocationOptions(rule: .greedy)) == ["a", "c"])
        #expect(try funded(e, AllocationOptions(rule: .greedyNoSkip)) == ["a"])
    }

    @Test("greedy per euro compares exact ratios; a free supported project comes first")
    func perEuro() throws {
        // a: 3/30 = 0.1, b: 2/20 = 0.1 (tie, lexico a first), c: 1/5 = 0.2, free: infinite.
        let e = try approvalElection([("a", 30), ("b", 20), ("c", 5), ("free", 0)], budget: 40,
                                     ballots: [["a", "b", "c", "free"], ["a", "b"], ["a"]])
        #expect(try funded(e, AllocationOptions(rule: .greedyPerEuro)) == ["free", "c", "a"])
    }

    @Test("cost-votes breaks MES ties by lowest cost, then most votes, then id")
    func costVotes() throws {
        // Disjoint supporters, rho = 1/app for both: p (cost 10, 2 voters) and q (cost 20, 2 voters) tie.
        let e = try approvalElection([("q", 20), ("p", 10)], budget: 40, ballots: [["q"], ["q"], ["p"], ["p"]])
        #expect(try funded(e, AllocationOptions(rule: .mes, tieBreak: .lexico)).first == "p")
        let r = try approvalElection([("a", 20), ("b", 10)], budget: 40, ballots: [["a"], ["a"], ["b"], ["b"]])
        #expect(try funded(r, AllocationOptions(rule: .mes, tieBreak: .lexico)).first == "a")
        #expect(try funded(r, AllocationOptions(rule: .mes, tieBreak: .costVotes)).first == "b")
    }

    @Test("the public lot is a fixed order from the seed, after cost and votes")
    func publicLot() throws {
        let e = try approvalElection([("a", 10), ("b", 10), ("c", 10), ("d", 5)], budget: 10, ballots: [["a", "b", "c", "d"]])
        let first = TieBreak.costVotesLot(seed: [1, 2, 3]).ranks(for: e)
        #expect(first == TieBreak.costVotesLot(seed: [1, 2, 3]).ranks(for: e))
        #expect(first[3] == 0)  // the cheapest wins before the lot is drawn
        let orders = Set((0..<16).map { seed in
            let ranks = TieBreak.costVotesLot(seed: [UInt8(seed)]).ranks(for: e)
            return e.projects.indices.sorted { ranks[$0] < ranks[$1] }
        })
        #expect(orders.count > 1, "different seeds give different orders")
        #expect(try funded(e, AllocationOptions(rule: .greedy, tieBreak: .costVotesLot(seed: [0x0a, 0x0b]))).count == 1)
        // A missing or malformed seed is refused where it is read, as hex: AllocateFlagsTests (CLI tests).
    }

    @Test("sequential Phragmén, hand-computed, stops when the next project does not fit")
    func phragmen() throws {
        // a (cost 4, 4 voters): 1.0; b (cost 3, 2 voters): 1.5; c (cost 1, 1 voter): 1.0 -> tie a/c, lexico a.
        // Then c: (0 + 1)/1 = 1 for its voter who has no load; b: (1 + 1 + 3)/2 = 2.5. Then b needs 3, left 1: stop.
        let e = try approvalElection([("a", 4), ("b", 3), ("c", 1)], budget: 6,
                                     ballots: [["a", "b"], ["a", "b"], ["a"], ["a"], ["c"]])
        #expect(try funded(e, AllocationOptions(rule: .phragmen)) == ["a", "c"])
    }

    @Test("MES with cardinality satisfaction funds the cheapest per supporter first")
    func mesCardinality() throws {
        // Budget 12, 4 voters of 3 each. a (cost 8, voters 1-4): 2 each. b (cost 3, voters 1-2): 1.5 each.
        let e = try approvalElection([("a", 8), ("b", 3)], budget: 12, ballots: [["a", "b"], ["a", "b"], ["a"], ["a"]])
        #expect(try funded(e, AllocationOptions(rule: .mes, satisfaction: .cardinality)) == ["b", "a"])
        // Cost satisfaction: effective votes 4 for a versus 2 for b, so a first; then b's voters hold 1 + 1 < 3.
        #expect(try funded(e, AllocationOptions(rule: .mes, satisfaction: .cost)) == ["a"])
    }

    @Test("cardinal MES uses points: a voter pays in proportion to the points given")
    func mesCardinal() throws {
        let e = try Fixtures.instance("cumulative.pb").allocationInput()
        // 3 voters, 33.50 each. a (40.25; 3+3 points): rho = 40.25/6 per point, 20.125 each. Then b needs 60
        // from holders of 13.375 each (26.75 < 60): out. c (30): voter 2 holds 13.375 < 30: out.
        let outcome = try Allocator.allocate(e, options: AllocationOptions(rule: .mes))
        #expect(outcome.selected.map { e.projects[$0].id } == ["a"])
        #expect(e.format(outcome.totalCost) == "40.25")
    }

    @Test("a completion is refused for rules other than MES")
    func completionOnlyForMES() throws {
        let error = #expect(throws: AllocationError.self) { try funded(xy(), AllocationOptions(rule: .greedy, completion: .add1)) }
        #expect(error?.setting == .completion)
    }
}

@Suite("Allocation constraints")
struct AllocationConstraintTests {
    let election: AllocationInput

    init() throws {
        election = try approvalElection(
            [("a", 50), ("b", 40), ("c", 30), ("d", 20)], budget: 120,
            ballots: [["a", "b", "c", "d"], ["a", "b", "c"], ["a", "b"], ["a"]],
            categories: ["a": ["green"], "b": ["green"], "c": ["play"], "d": ["play"]],
            areas: ["a": "Noord", "b": "Zuid", "c": "Noord", "d": "Zuid"])
    }

    @Test("a category budget makes greedy skip what would break it")
    func categoryBudget() throws {
        let limits = AllocationConstraints(categoryBudgets: ["green": 60])
        #expect(try funded(election, AllocationOptions(rule: .greedy)) == ["a", "b", "c"])
        #expect(try funded(election, AllocationOptions(rule: .greedy), constraints: limits) == ["a", "c", "d"])
    }

    @Test("an area budget binds MES too")
    func areaBudget() throws {
        let limits = AllocationConstraints(areaBudgets: ["Noord": 50])
        let chosen = try funded(election, AllocationOptions(rule: .mes), constraints: limits)
        #expect(chosen == ["a", "b"])
        var options = AllocationOptions(rule: .mes, explain: true)
        options.constraints = limits
        let reasons = try #require(try Allocator.allocate(election, options: options).explanations)
        #expect(reasons[2].reason == .overLimit(kind: .area, name: "Noord", limit: ReasonAmount(units: 50, scale: 0), spent: ReasonAmount(units: 50, scale: 0), cost: ReasonAmount(units: 30, scale: 0)))
    }

    @Test("minimum support and the per-project cap make projects ineligible, with a reason")
    func eligibility() throws {
        var options = AllocationOptions(rule: .greedy, explain: true)
        options.constraints = AllocationConstraints(minimumSupport: 2, maximumProjectCost: 45)
        let outcome = try Allocator.allocate(election, options: options)
        #expect(outcome.selected.map { election.projects[$0].id } == ["b", "c"])
        let reasons = try #require(outcome.explanations)
        #expect(reasons[0].reason == .overProjectCap(cost: ReasonAmount(units: 50, scale: 0), cap: ReasonAmount(units: 45, scale: 0)))
        #expect(reasons[3].reason == .belowMinimumSupport(votes: 1, minimum: 2))
        #expect(reasons[3].summary == "not funded: 1 vote, below the minimum of 2 a project needs")
    }

    @Test("leftover: fund what fits ignoring categories, or partly fund the best one")
    func leftover() throws {
        let fitting = AllocationConstraints(categoryBudgets: ["green": 50], leftover: .fundFitting)
        // By category: a (green 50), c, d (play) = 100; the leftover 20 does not fit b (40).
        #expect(try funded(election, AllocationOptions(rule: .greedy), constraints: fitting) == ["a", "c", "d"])
        let loose = AllocationConstraints(categoryBudgets: ["green": 50, "play": 30], leftover: .fundFitting)
        // By category: a, c = 80; leftover 40 then funds b (40) ignoring the green limit.
        #expect(try funded(election, AllocationOptions(rule: .greedy), constraints: loose) == ["a", "c", "b"])
        var options = AllocationOptions(rule: .greedy)
        options.constraints = AllocationConstraints(categoryBudgets: ["green": 50, "play": 30], leftover: .partialOne)
        let outcome = try Allocator.allocate(election, options: options)
        #expect(outcome.selected.map { election.projects[$0].id } == ["a", "c"])
        #expect(outcome.partialFunding == PartialFunding(project: 1, amount: 40))
    }
}

@Suite("Allocation explanations")
struct AllocationExplanationTests {
    @Test("greedy says rank, votes and what was left")
    func greedy() throws {
        let e = try approvalElection([("a", 60), ("b", 50), ("c", 30)], budget: 100,
                                     ballots: [["a", "b", "c"], ["a", "b", "c"], ["a", "b"], ["a"]])
        let outcome = try Allocator.allocate(e, options: AllocationOptions(rule: .greedy, explain: true))
        let text = try #require(outcome.explanations).map(\.summary)
        #expect(text[0] == "funded: 4 votes, rank 1; cost 60 fitted in the 100 left")
        #expect(text[1] == "not funded: 3 votes, rank 2; needed 50 but only 40 was left after the projects ranked above it")
        #expect(text[2] == "funded: 2 votes, rank 3; cost 30 fitted in the 40 left")
    }

    @Test("MES says who paid and where the supporters' money went")
    func mes() throws {
        let e = try Fixtures.instance("add1-example.pb").allocationInput()
        let outcome = try Allocator.allocate(e, options: AllocationOptions(rule: .mes, explain: true))
        let reasons = try #require(outcome.explanations)
        #expect(reasons[0].funded)
        #expect(reasons[0].summary == "funded in round 1: its 2 supporters (each starting with 5) paid for it; 2 paid 3.50 each")
        #expect(!reasons[1].funded)
        #expect(reasons[1].summary == "not funded: it costs 16, but its 3 supporters (each starting with 5) had only 11.50 left after paying for X (3.50)")
        let report = AllocationReport(election: e, options: AllocationOptions(rule: .mes, explain: true), outcome: outcome)
        #expect(report.table().contains("funded 1 of 2 projects for 7; 13 left"))
        #expect(try report.json().contains("\"total_cost\" : \"7\""))
    }
}
