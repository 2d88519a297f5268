import Buurtstem
import BuurtstemDemo
import BuurtstemVerifier
import Testing

/// An election's own constraints (issue 17): minimum support, budgets per category, projects that exclude one
/// another and maxima of funded projects (in all, per category, per area). The engine (`AllocationConstraints`) and the verifier's textbook rules (`FundingLimits`) must fund the
/// same projects on every instance, for every rule, and the funded set must respect every constraint.
@Suite("Contest constraints: the engine and the verifier agree")
struct ConstraintsAgreementTests {
    struct Instance {
        var projects: [(id: String, cost: Int64, category: String?, area: String?)]
        var budget: Int64
        var minimumVotes: Int64?
        var categoryBudgets: [String: Int64]
        var exclusions: [[String]]
        var maximumFunded: Int?
        var categoryMaxima: [String: Int]
        var areaMaxima: [String: Int]
        var ballots: [[Int]]
    }

    /// A random election of 3 to 9 projects in up to 3 categories; each constraint present about half of the time.
    static func instance(_ seed: UInt64) -> Instance {
        var random = SplitMix64(seed: seed)
        let categories = ["groen", "spelen", "sociaal"]
        let count = Int.random(in: 3...9, using: &random)
        let projects = (0..<count).map { p in
            (id: "P\(p)", cost: Int64.random(in: 1...30, using: &random),
             category: Int.random(in: 0...3, using: &random) == 0 ? nil : categories.randomElement(using: &random),
             area: Bool.random(using: &random) ? "WK001401" : "WK001402")
        }
        let total = projects.reduce(Int64(0)) { $0 + $1.cost }
        let budget = max(8, total * Int64.random(in: 3...8, using: &random) / 10)
        let ballots = (0..<Int.random(in: 1...14, using: &random)).map { _ in
            (0..<count).filter { _ in Int.random(in: 0...2, using: &random) == 0 }
        }
        let minimum: Int64? = Bool.random(using: &random) ? Int64.random(in: 1...4, using: &random) : nil
        var budgets: [String: Int64] = [:]
        if Bool.random(using: &random) {
            for category in categories where Bool.random(using: &random) { budgets[category] = Int64.random(in: 1...4, using: &random) * budget / 6 }
        }
        var exclusions: [[String]] = []
        if Bool.random(using: &random), count >= 4 {
            let shuffled = projects.map(\.id).shuffled(using: &random)
            exclusions = [Array(shuffled[0..<2]), Array(shuffled[2..<Int.random(in: 3...4, using: &random)])].filter { $0.count >= 2 }
        }
        let maximumFunded: Int? = Int.random(in: 0...2, using: &random) == 0 ? Int.random(in: 1...3, using: &random) : nil
        var categoryMaxima: [String: Int] = [:]
        if Int.random(in: 0...2, using: &random) == 0 { categoryMaxima[categories.randomElement(using: &random)!] = Int.random(in: 1...2, using: &random) }
        let areaMaxima: [String: Int] = Int.random(in: 0...2, using: &random) == 0
            ? ["WK001401": Int.random(in: 1...2, using: &random), "WK001402": Int.random(in: 1...2, using: &random)] : [:]
        return Instance(projects: projects, budget: budget, minimumVotes: minimum, categoryBudgets: budgets, exclusions: exclusions,
                        maximumFunded: maximumFunded, categoryMaxima: categoryMaxima, areaMaxima: areaMaxima, ballots: ballots)
    }

    @Test("random elections with a minimum, category budgets and exclusions, every rule", arguments: 0..<80)
    func agree(seed: Int) throws {
        let instance = Self.instance(UInt64(seed) &* 0x9E37_79B9 &+ 101)
        for key in CapsWeightingAgreementTests.keys {
            var options = AllocationOptions(rule: key.rule, completion: key.completion, tieBreak: .costVotes)
            options.constraints.minimumSupport = instance.minimumVotes
            options.constraints.categoryBudgets = instance.categoryBudgets
            options.constraints.exclusions = instance.exclusions
            options.constraints.maximumFunded = instance.maximumFunded
            options.constraints.categoryMaxima = instance.categoryMaxima
            options.constraints.areaMaxima = instance.areaMaxima
            let input = try AllocationInput(
                projects: instance.projects.map { AllocationProject(id: $0.id, cost: $0.cost, categories: $0.category.map { [$0] } ?? [], area: $0.area) },
                budget: instance.budget, moneyScale: 0, kind: .approval,
                ballots: instance.ballots.map { $0.map { (project: $0, points: Int64(1)) } })
            let engine = Set(try Allocator.allocate(input, options: options).selected.map { instance.projects[$0].id })

            let election = VerifierElection(
                projects: instance.projects.map { VerifierProject(id: $0.id, cost: $0.cost, area: $0.area, category: $0.category) }, budget: instance.budget,
                kind: .approval, ballots: instance.ballots.map { $0.map { (project: $0, points: Int64(1)) } }, currencyUnit: 1,
                categoryBudgets: instance.categoryBudgets, exclusions: instance.exclusions, minimumVotes: instance.minimumVotes,
                maximumFunded: instance.maximumFunded, categoryMaxima: instance.categoryMaxima, areaMaxima: instance.areaMaxima)
            let textbook = Set(try TextbookAllocation.allocate(election, rule: key.rule.rawValue, satisfaction: nil,
                                                               completion: key.completion.rawValue, tieBreak: .costVotes))
            let name = "seed \(seed) \(key.rule.rawValue) \(key.completion.rawValue)"
            #expect(engine == textbook, "\(name)")

            // Every constraint holds in the engine's outcome.
            let votes = instance.projects.indices.map { p in instance.ballots.filter { $0.contains(p) }.count }
            for (p, project) in instance.projects.enumerated() where engine.contains(project.id) {
                #expect(Int64(votes[p]) >= instance.minimumVotes ?? 0, "\(name): \(project.id) has \(votes[p]) votes")
            }
            for (category, cap) in instance.categoryBudgets {
                let spent = instance.projects.filter { $0.category == category && engine.contains($0.id) }.reduce(Int64(0)) { $0 + $1.cost }
                #expect(spent <= cap, "\(name): \(category) spends \(spent) over \(cap)")
            }
            for group in instance.exclusions {
                #expect(group.filter(engine.contains).count <= 1, "\(name): \(group) funded together")
            }
            #expect(engine.count <= instance.maximumFunded ?? .max, "\(name): \(engine.count) funded")
            for (category, maximum) in instance.categoryMaxima {
                #expect(instance.projects.filter { $0.category == category && engine.contains($0.id) }.count <= maximum, "\(name): \(category)")
            }
            for (area, maximum) in instance.areaMaxima {
                #expect(instance.projects.filter { $0.area == area && engine.contains($0.id) }.count <= maximum, "\(name): \(area)")
            }
        }
    }
}
