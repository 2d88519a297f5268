import Buurtstem
import Foundation
import PropertyBased
import Testing

@Suite("Co-funding: funded projects split across funders to the cent")
struct CoFundingTests {
    /// `weights` as shares w_i / Σw, which add up to exactly 100 %.
    static func shares(_ weights: [Int]) throws -> [Share] {
        let total = weights.reduce(0, +)
        return try weights.map { try #require(Share(parsing: "\($0)/\(total)")) }
    }

    @Test("property: the parts always add up to the cost, and each is within a cent of its exact share")
    func partsAddUp() async throws {
        await propertyCheck(count: 500, input: Gen.int64(in: 0...10_000_000_000_000), Gen.int(in: 1...997).array(of: 1...7)) { cost, weights in
            let total = Int64(weights.reduce(0, +))
            guard let shares = try? Self.shares(weights) else { return #expect(Bool(false), "no shares for \(weights)") }
            let parts = CentSplit.split(cost, by: shares)
            #expect(parts.reduce(0, +) == cost)
            for (part, weight) in zip(parts, weights) {
                // |part - cost × w / W| < 1 cent, exactly: |part × W - cost × w| < W.
                let exact = Int128(cost) * Int128(weight), scaled = Int128(part) * Int128(total)
                #expect(abs(scaled - exact) < Int128(total), "cost \(cost), weights \(weights): part \(part)")
                #expect(part >= 0)
            }
        }
    }

    @Test("property: per funder totals are the sums of their parts, and all totals add up to the funded cost")
    func totalsAddUp() async throws {
        await propertyCheck(count: 200, input: Gen.int64(in: 1...500_000_000).array(of: 0...12), Gen.int(in: 1...99).array(of: 1...5)) { costs, weights in
            guard let shares = try? Self.shares(weights) else { return #expect(Bool(false)) }
            let funders = shares.enumerated().map { (id: "f\($0)", name: "Funder \($0)", share: $1) }
            let items = costs.enumerated().map { CoFunding.Item(id: "P\($0)", title: "Project \($0)", area: nil, costCents: $1) }
            let split = CoFunding(items: items, planID: "plan", funders: funders)
            #expect(split.totalCents == costs.reduce(0, +))
            #expect(split.funders.map(\.totalCents).reduce(0, +) == split.totalCents)
            for (index, funder) in split.funders.enumerated() {
                #expect(funder.totalCents == split.items.reduce(0) { $0 + $1.partsCents[index] })
            }
            for item in split.items { #expect(item.partsCents.reduce(0, +) == item.item.costCents) }
        }
    }

    @Test("largest remainder, ties to the funder listed first: a third each of 1.00 is 34, 33, 33; of 2.00 is 67, 67, 66")
    func tieOrder() throws {
        let thirds = try Self.shares([1, 1, 1])
        #expect(CentSplit.split(100, by: thirds) == [34, 33, 33])
        #expect(CentSplit.split(200, by: thirds) == [67, 67, 66])
        // Remainders decide before order: 1/6 and 5/6 of 1 cent: 5/6 loses more to rounding down.
        #expect(CentSplit.split(1, by: try Self.shares([1, 5])) == [0, 1])
    }

    @Test("split by amounts (a pledge against the rest): the same rule, exact with pledges finer than a Share, never a cent lost")
    func splitByWeights() {
        #expect(CentSplit.split(100, weights: [1, 1, 1]) == [34, 33, 33])
        #expect(CentSplit.split(1, weights: [1, 5]) == [0, 1])
        #expect(CentSplit.split(10_000, weights: [50_000, 10_000]) == [8_333, 1_667])
        // Amounts whose fraction has a denominator far above a Share's: 1/(10^9 + 7) of EUR 10 million.
        #expect(CentSplit.split(1_000_000_000, weights: [1, 1_000_000_006]) == [1, 999_999_999])
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let weights = (0..<Int.random(in: 1...5, using: &generator)).map { _ in Int64.random(in: 0...10_000_000, using: &generator) } + [1]
            let cents = Int64.random(in: 0...100_000_000_000, using: &generator)
            let parts = CentSplit.split(cents, weights: weights)
            #expect(parts.reduce(0, +) == cents && parts.allSatisfy { $0 >= 0 })
        }
    }

    @Test("Groningen's plan pays the projects 50/50; an odd cent goes to the gemeente, listed first")
    func groningenPlan() throws {
        let text = String(decoding: try shippedFile("Budgets/groningen-wijkvernieuwing-2011-2014.yaml"), as: UTF8.self)
        let plan = try BudgetPlanFile.parse(text, file: "groningen.yaml")
        let split = try CoFunding(items: [CoFunding.Item(id: "KW-A", title: "Schoolplein", area: "WK001401", costCents: 4_500_001),
                                          CoFunding.Item(id: "HK-A", title: "Dorpsfeest", area: "WK001404", costCents: 800_001)], plan: plan)
        #expect(split.items.map(\.partsCents) == [[2_250_001, 2_250_000], [400_001, 400_000]])
        #expect(split.funders.map(\.totalCents) == [2_650_002, 2_650_000])
        #expect(split.funders.map(\.share) == ["50 %", "50 %"])
        // A plan that does not add up is refused: its shares are not used.
        let broken = try BudgetPlanFile.parse(String(decoding: try shippedFile("Budgets/broken-plan.yaml"), as: UTF8.self), file: "broken.yaml")
        #expect(throws: InputError.self) { try CoFunding(items: [], plan: broken) }
    }
}
