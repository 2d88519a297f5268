import Buurtstem
import BuurtstemDemo
import BuurtstemVerifier
import Testing

/// Caps per wijk and the weighted ranking: the engine (area budgets, `RankingWeighting`) and the verifier's textbook
/// rules (`AreaCaps`, `VerifierWeighting`) must fund the same projects on every instance, for every rule.
@Suite("Caps and weighting: the engine and the verifier agree")
struct CapsWeightingAgreementTests {
    /// Every rule, and MES with every completion; the verifier takes them by their published names (`rawValue`).
    static let keys: [(rule: AllocationRule, completion: Completion)] = [
        (.greedy, .none), (.greedyNoSkip, .none), (.greedyPerEuro, .none), (.phragmen, .none),
        (.mes, .none), (.mes, .greedy), (.mes, .add1), (.mes, .add1Exhaustive),
    ]

    /// A random election over 2 to 4 wijken with caps, some projects without an area, and criteria values.
    struct Instance {
        var projects: [(id: String, cost: Int64, area: String?, values: [Int64])]
        var budget: Int64
        var caps: [String: Int64]
        var weights: [Int64]
        var ballots: [[Int]]
    }

    static func instance(_ seed: UInt64) -> Instance {
        var random = SplitMix64(seed: seed)
        let wijken = (0..<Int.random(in: 2...4, using: &random)).map { "WK00140\($0 + 1)" }
        let count = Int.random(in: 3...9, using: &random)
        let criteria = Int.random(in: 1...2, using: &random)
        let projects = (0..<count).map { p in
            (id: "P\(p)", cost: Int64.random(in: 1...30, using: &random),
             area: Int.random(in: 0...5, using: &random) == 0 ? nil : wijken.randomElement(using: &random),
             values: (0..<criteria).map { _ in Int64.random(in: 0...3, using: &random) * Int64.random(in: 0...50, using: &random) })
        }
        let total = projects.reduce(Int64(0)) { $0 + $1.cost }
        let budget = max(8, total * Int64.random(in: 3...8, using: &random) / 10)
        let caps = Dictionary(uniqueKeysWithValues: wijken.map { ($0, Int64.random(in: 1...6, using: &random) * budget / 8) })
        let weights = (0..<criteria).map { _ in Int64.random(in: 0...20_000, using: &random) }
        let ballots = (0..<Int.random(in: 1...14, using: &random)).map { _ in
            (0..<count).filter { _ in Int.random(in: 0...2, using: &random) == 0 }
        }
        return Instance(projects: projects, budget: budget, caps: caps, weights: weights, ballots: ballots)
    }

    @Test("random elections with caps (and a weighting for the greedy rules)", arguments: 0..<80)
    func agree(seed: Int) throws {
        let instance = Self.instance(UInt64(seed) &* 0x9E37_79B9 &+ 17)
        for key in Self.keys {
            let weighted = [.greedy, .greedyNoSkip, .greedyPerEuro].contains(key.rule) && seed % 2 == 0
            var options = AllocationOptions(rule: key.rule, completion: key.completion, tieBreak: .costVotes)
            options.constraints.areaBudgets = instance.caps
            if weighted { options.weighting = RankingWeighting(weightsPer10000: instance.weights, values: instance.projects.map(\.values)) }
            let input = try AllocationInput(
                projects: instance.projects.map { AllocationProject(id: $0.id, cost: $0.cost, area: $0.area) },
                budget: instance.budget, moneyScale: 0, kind: .approval,
                ballots: instance.ballots.map { $0.map { (project: $0, points: Int64(1)) } })
            let outcome = try Allocator.allocate(input, options: options)
            let engine = Set(outcome.selected.map { instance.projects[$0].id })

            let election = VerifierElection(
                projects: instance.projects.map { VerifierProject(id: $0.id, cost: $0.cost, area: $0.area) }, budget: instance.budget,
                kind: .approval, ballots: instance.ballots.map { $0.map { (project: $0, points: Int64(1)) } }, currencyUnit: 1,
                areaCaps: instance.caps,
                weighting: weighted ? VerifierWeighting(weightsPer10000: instance.weights, values: instance.projects.map(\.values)) : nil)
            let textbook = Set(try TextbookAllocation.allocate(election, rule: key.rule.rawValue, satisfaction: nil,
                                                               completion: key.completion.rawValue, tieBreak: .costVotes))
            #expect(engine == textbook, "seed \(seed) \(key.rule.rawValue) \(key.completion.rawValue) weighted \(weighted)")
            // Every wijk stays within its cap.
            for (wijk, cap) in instance.caps {
                let spent = instance.projects.filter { $0.area == wijk && engine.contains($0.id) }.reduce(Int64(0)) { $0 + $1.cost }
                #expect(spent <= cap, "seed \(seed) \(key.rule): \(wijk) spends \(spent) over its cap \(cap)")
            }
        }
    }

    @Test("the weighting reorders the greedy ranking exactly: 8 votes × 1.5 beat 10 votes × 1")
    func weightingReorders() throws {
        let projects = [AllocationProject(id: "A", cost: 100), AllocationProject(id: "B", cost: 100)]
        let ballots = Array(repeating: [(project: 0, points: Int64(1))], count: 10) + Array(repeating: [(project: 1, points: Int64(1))], count: 8)
        let input = try AllocationInput(projects: projects, budget: 100, kind: .approval, ballots: ballots)
        var options = AllocationOptions(rule: .greedy, explain: true)
        #expect(try Allocator.allocate(input, options: options).selected == [0])
        // B has the most volunteer hours: factor 1 + 0.5 × 40/40 = 1.5, so 12 weighted votes against A's 10.
        options.weighting = RankingWeighting(weightsPer10000: [5000], values: [[0], [40]])
        let outcome = try Allocator.allocate(input, options: options)
        #expect(outcome.selected == [1])
        #expect(outcome.explanations?[1].summary.contains("8 votes × 1.5000 weighted") == true)
        // Exactly equal weighted scores fall to the tie-break: 10 × 1.2 = 12 × 1.
        options.weighting = RankingWeighting(weightsPer10000: [2000], values: [[40], [0]])
        let tied = try AllocationInput(projects: projects, budget: 100, kind: .approval,
                                       ballots: Array(ballots.prefix(10)) + Array(repeating: [(project: 1, points: Int64(1))], count: 12))
        #expect(try Allocator.allocate(tied, options: options).selected == [0])
        let election = VerifierElection(projects: [VerifierProject(id: "A", cost: 100), VerifierProject(id: "B", cost: 100)], budget: 100,
                                        kind: .approval, ballots: Array(ballots.prefix(10)) + Array(repeating: [(project: 1, points: Int64(1))], count: 12),
                                        weighting: VerifierWeighting(weightsPer10000: [2000], values: [[40], [0]]))
        #expect(try TextbookAllocation.allocate(election, rule: "greedy", satisfaction: nil, completion: nil, tieBreak: .lexico) == ["A"])
        // A weighting with a rule that does not rank by votes is refused by both.
        options.rule = .mes
        #expect(throws: AllocationError.self) { try Allocator.allocate(input, options: options) }
        #expect(throws: TextbookAllocationError.self) {
            try TextbookAllocation.allocate(election, rule: "mes", satisfaction: nil, completion: nil, tieBreak: .lexico)
        }
    }
}
