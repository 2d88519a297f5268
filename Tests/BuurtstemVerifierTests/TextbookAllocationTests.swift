import Testing
@testable import BuurtstemVerifier

/// Hand-computed outcomes; the arithmetic behind each expectation is in the comments.
struct TextbookAllocationTests {
    /// The README's X/Y case: budget 20, four voters {Y}, {Y}, {X, Y}, {X}; X costs 7, Y 16.
    private func xy(extraEmptyBallots: Int = 0, free: Bool = false) -> VerifierElection {
        var projects = [VerifierProject(id: "X", cost: 7), VerifierProject(id: "Y", cost: 16)]
        if free { projects.append(VerifierProject(id: "Z", cost: 5)) }
        let ballots: [[(project: Int, points: Int64)]] = [[(1, 1)], [(1, 1)], [(0, 1), (1, 1)], [(0, 1)]]
        return VerifierElection(
            projects: projects, budget: 20, kind: .approval,
            ballots: ballots + Array(repeating: [], count: extraEmptyBallots))
    }

    private func run(
        _ election: VerifierElection, _ rule: String, satisfaction: String? = nil, completion: String? = nil,
        tieBreak: VerifierTieBreak = .lexico
    ) throws -> [[UInt8]] {
        // Bytes, not String: String equality would merge canonically equivalent ids the rules keep apart.
        try TextbookAllocation.allocate(election, rule: rule, satisfaction: satisfaction, completion: completion, tieBreak: tieBreak)
            .map { Array($0.utf8) }
    }

    private func ids(_ ids: String...) -> [[UInt8]] { ids.map { Array($0.utf8) } }

    @Test func mesWithoutCompletionFundsOnlyX() throws {
        // 20/4 = 5 each: Y's supporters hold 15 < 16; X is paid 3.5 + 3.5.
        #expect(try run(xy(), "mes", completion: "none") == ids("X"))
        #expect(try run(xy(), "mes", satisfaction: "cost", tieBreak: .costVotes) == ids("X"))
    }

    @Test func add1ExhaustiveStopsAtTheExhaustiveOutcome() throws {
        // {X} leaves 13 < 16, so it is exhaustive at the first run.
        #expect(try run(xy(), "mes", satisfaction: "cost", completion: "add1-exhaustive") == ids("X"))
    }

    @Test func add1KeepsGoingWhileWithinBudget() throws {
        // 6 each: Y (3 supporters, 16/3 a head) beats X, X is then out: {Y} = 16. 7 each: {X, Y} = 23 > 20, stop.
        #expect(try run(xy(), "mes", satisfaction: "cost", completion: "add1", tieBreak: .costVotes) == ids("Y"))
    }

    @Test func emptyBallotsCountAsVoters() throws {
        // Eight voters: 2.5 each, X's supporters hold 5 < 7 and Y's 7.5 < 16.
        #expect(try run(xy(extraEmptyBallots: 4), "mes") == [])
        // Greedy ignores the shares: Y (3 votes) first, then X (7 > 4) is skipped.
        #expect(try run(xy(extraEmptyBallots: 4), "greedy") == ids("Y"))
    }

    @Test func greedyCompletionTopsUpWithUnsupportedProjects() throws {
        // MES funds X (7); the walk by votes skips Y (16 > 13) and funds Z (0 votes, 5 <= 13).
        #expect(try run(xy(free: true), "mes", completion: "greedy") == ids("X", "Z"))
        // Add1 only looks at MES candidates, and Z has no supporter.
        #expect(try run(xy(free: true), "mes", completion: "add1-exhaustive") == ids("X"))
    }

    @Test func greedyRules() throws {
        // By votes: Y (3) then X does not fit in 4. Per euro: X 2/7 > Y 3/16, then Y does not fit in 13.
        #expect(try run(xy(), "greedy") == ids("Y"))
        #expect(try run(xy(), "greedy-per-euro") == ids("X"))
        #expect(try run(xy(), "greedy", satisfaction: "cardinality") == ids("X"))
    }

    @Test func greedyNoSkipStopsAtTheFirstMiss() throws {
        // Budget 10: A (3 votes, 6), B (2 votes, 6) does not fit, C (1 vote, 3) would.
        let election = VerifierElection(
            projects: [VerifierProject(id: "A", cost: 6), VerifierProject(id: "B", cost: 6), VerifierProject(id: "C", cost: 3)],
            budget: 10, kind: .approval,
            ballots: [[(0, 1), (1, 1), (2, 1)], [(0, 1), (1, 1)], [(0, 1)]])
        #expect(try run(election, "greedy") == ids("A", "C"))
        #expect(try run(election, "greedy-no-skip") == ids("A"))
    }

    @Test func phragmenStopsWhenTheWinnerDoesNotFit() throws {
        // X: 7/2 = 3.5 < Y: 16/3; loads of voters 3, 4 become 3.5. Then Y: (3.5 + 16)/3 = 6.5, but 16 > 13: stop.
        #expect(try run(xy(), "phragmen") == ids("X"))
    }

    /// Voters 1-3 approve c (cost 3) and b (6), voters 4-5 approve a (6); budget 9.
    private var phragmenTie: VerifierElection {
        VerifierElection(
            projects: [VerifierProject(id: "a", cost: 6), VerifierProject(id: "b", cost: 6), VerifierProject(id: "c", cost: 3)],
            budget: 9, kind: .approval,
            ballots: [[(2, 1), (1, 1)], [(2, 1), (1, 1)], [(2, 1), (1, 1)], [(0, 1)], [(0, 1)]])
    }

    @Test func phragmenTieDecidedByTheTieBreak() throws {
        // Round 1: c 3/3 = 1 < b 2 < a 3; loads of voters 1-3 become 1. Round 2: b (3 + 6)/3 = 3 = a 6/2.
        // lexico takes a; cost-votes sees equal costs and takes b (3 approvals against 2). Then 0 is left.
        #expect(try run(phragmenTie, "phragmen", tieBreak: .lexico) == ids("a", "c"))
        #expect(try run(phragmenTie, "phragmen", tieBreak: .costVotes) == ids("b", "c"))
    }

    /// Voters 1-2 approve a (cost 6) and b (4), voter 3 approves a; budget 6, so 2 each.
    private var mesTie: VerifierElection {
        VerifierElection(
            projects: [VerifierProject(id: "a", cost: 6), VerifierProject(id: "b", cost: 4)],
            budget: 6, kind: .approval, ballots: [[(0, 1), (1, 1)], [(0, 1), (1, 1)], [(0, 1)]])
    }

    @Test func mesTieDecidedByTheTieBreak() throws {
        // Cardinality: both cost 2 a head. a drains everyone; b leaves voter 3 with 2 < 6 for a.
        #expect(try run(mesTie, "mes", satisfaction: "cardinality", tieBreak: .lexico) == ids("a"))
        #expect(try run(mesTie, "mes", satisfaction: "cardinality", tieBreak: .costVotes) == ids("b"))
        // Cost: a's rho 2/6 beats b's 2/4 whatever the tie-break.
        #expect(try run(mesTie, "mes", satisfaction: "cost", tieBreak: .costVotes) == ids("a"))
    }

    /// Two projects of cost 5 with one vote each and budget 5: only the tie-break decides.
    private func pair(_ first: String, _ second: String) -> VerifierElection {
        VerifierElection(
            projects: [VerifierProject(id: first, cost: 5), VerifierProject(id: second, cost: 5)],
            budget: 5, kind: .approval, ballots: [[(0, 1)], [(1, 1)]])
    }

    @Test func lexicoIsUTF8ByteOrder() throws {
        #expect(try run(pair("2", "11"), "greedy") == ids("11"))
        #expect(try run(pair("BO.OM.13/24", "BO.OM.1/24"), "greedy") == ids("BO.OM.1/24"))
        #expect(try run(pair("a", "Z"), "greedy") == ids("Z"))
        // Canonically equal as Swift Strings, different bytes: "e" + U+0301 (65 CC 81) before U+00E9 (C3 A9).
        #expect(try run(pair("\u{E9}", "e\u{301}"), "greedy") == ids("e\u{301}"))
        #expect(try run(pair("\u{E9}", "e\u{301}"), "phragmen") == ids("e\u{301}"))
    }

    @Test func costVotesPrefersCheaperThenLexico() throws {
        // Budget 6, one vote each: lexico takes a (6) and b (5) no longer fits; cost-votes takes b first.
        let election = VerifierElection(
            projects: [VerifierProject(id: "a", cost: 6), VerifierProject(id: "b", cost: 5)],
            budget: 6, kind: .approval, ballots: [[(0, 1)], [(1, 1)]])
        #expect(try run(election, "greedy", tieBreak: .lexico) == ids("a"))
        #expect(try run(election, "greedy", tieBreak: .costVotes) == ids("b"))
        // Equal cost and votes: cost-votes falls back to lexico.
        #expect(try run(pair("b", "a"), "phragmen", tieBreak: .costVotes) == ids("a"))
    }

    @Test func publicLotOrdersBySeededHash() throws {
        // SHA-256(01 || "q") = 47363549... < SHA-256(01 || "p") = b6ff45f1...; with seed 03: 814789ef... (p) < 908bec6b... (q).
        #expect(try run(pair("p", "q"), "greedy", tieBreak: .costVotesLot(seed: [1])) == ids("q"))
        #expect(try run(pair("p", "q"), "greedy", tieBreak: .costVotesLot(seed: [3])) == ids("p"))
        #expect(try run(pair("p", "q"), "greedy", tieBreak: .costVotes) == ids("p"))
    }

    @Test func cardinalBallotsWeighPaymentsByPoints() throws {
        // Budget 10, two voters (5 each). P (6): voter 1 alone (3 points) holds 5 < 6. Q (6): voter 1 gives 1 point,
        // voter 2 gives 4: rho = 6/5, payments 6/5 and 24/5, both affordable. Then voter 1 holds 19/5 < 6 for P.
        let election = VerifierElection(
            projects: [VerifierProject(id: "P", cost: 6), VerifierProject(id: "Q", cost: 6)],
            budget: 10, kind: .cardinal, ballots: [[(0, 3), (1, 1)], [(1, 4)]])
        #expect(try run(election, "mes") == ids("Q"))
        // Greedy by points: P 3 < Q 5, Q first, then P does not fit in 4.
        #expect(try run(election, "greedy") == ids("Q"))
        // Zero points is no support: P has no supporter left and MES cannot fund it.
        let zero = VerifierElection(
            projects: election.projects, budget: 12, kind: .cardinal, ballots: [[(0, 0), (1, 1)], [(0, 0), (1, 1)]])
        #expect(try run(zero, "mes") == ids("Q"))
    }

    @Test func aVoterWhoRunsOutPaysWhatIsLeft() throws {
        // Budget 100, two voters (50 each). Q (60): voter 1 gives 1 point, voter 2 gives 9. At rho 6 voter 2 would owe
        // 54 > 50, so voter 2 pays 50 and voter 1 the last 10 (rho 10). R (42), voter 1 alone with 4 points, has rho
        // 10.5 > 10, so Q goes first; voter 1 then holds 40 < 42 and R is out. (Paying 6 would have left 44.)
        let election = VerifierElection(
            projects: [VerifierProject(id: "Q", cost: 60), VerifierProject(id: "R", cost: 42)],
            budget: 100, kind: .cardinal, ballots: [[(0, 1), (1, 4)], [(0, 9)]])
        #expect(try run(election, "mes") == ids("Q"))
    }

    @Test func unknownNamesAndBadInputAreRejected() {
        #expect(throws: TextbookAllocationError.self) { try run(xy(), "borda") }
        #expect(throws: TextbookAllocationError.self) { try run(xy(), "greedy", completion: "add1") }
        #expect(throws: TextbookAllocationError.self) { try run(xy(), "mes", satisfaction: "joy") }
        #expect(throws: TextbookAllocationError.self) { try run(xy(), "mes", completion: "add2") }
        let badIndex = VerifierElection(projects: xy().projects, budget: 20, kind: .approval, ballots: [[(2, 1)]])
        #expect(throws: TextbookAllocationError.self) { try run(badIndex, "greedy") }
        let twice = VerifierElection(projects: xy().projects, budget: 20, kind: .approval, ballots: [[(0, 1), (0, 1)]])
        #expect(throws: TextbookAllocationError.self) { try run(twice, "greedy") }
        let sameID = VerifierElection(
            projects: [VerifierProject(id: "X", cost: 1), VerifierProject(id: "X", cost: 2)], budget: 20, kind: .approval,
            ballots: [])
        #expect(throws: TextbookAllocationError.self) { try run(sameID, "greedy") }
    }
}
