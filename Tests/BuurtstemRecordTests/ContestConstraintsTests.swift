import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

/// A contest's constraints in the signed definition (issue 17): the v3 bytes rebuilt by hand from docs/record.md,
/// the JSON form, and definitions without constraints keeping their bytes.
@Suite("Contest constraints in the definition")
struct ContestConstraintsTests {
    static func definition(_ constraints: ContestConstraints?) -> ElectionDefinition {
        let projects = [
            Project(id: "A", title: "a", description: "", costCents: 100, area: nil, category: "groen", criteria: nil),
            Project(id: "B", title: "b", description: "", costCents: 200, area: nil, category: nil, criteria: nil),
        ]
        return ElectionDefinition(
            id: "e", title: "t", gemeente: "GM0014", registerSnapshot: 1, eligibility: .household, ballot: .approval(min: 1, max: 2),
            allocation: AllocationSpec(rule: .greedy, satisfaction: nil, completion: nil, tieBreak: .lexico),
            pollsOpenMillis: 1, pollsCloseMillis: 2,
            contests: [Contest(area: "WK001401", budgetCents: 300, projects: projects, constraints: constraints)])
    }

    @Test("v3 bytes follow docs/record.md, built by hand")
    func handBuilt() {
        func str(_ text: String) -> [UInt8] { u32(UInt32(text.utf8.count)) + Array(text.utf8) }
        func u32(_ value: UInt32) -> [UInt8] { (0..<4).reversed().map { UInt8(value >> (8 * UInt32($0)) & 0xff) } }
        func i64(_ value: Int64) -> [UInt8] { (0..<8).reversed().map { UInt8(UInt64(bitPattern: value) >> (8 * UInt64($0)) & 0xff) } }
        let constraints = ContestConstraints(minimum: .shareBasisPoints(500),
                                             categoryBudgets: [.init(category: "spelen", capCents: 50), .init(category: "groen", capCents: 150)],
                                             exclusions: [["A", "B"]], maximumFunded: 2,
                                             categoryMaxima: [.init(category: "groen", maximum: 1)])
        let definition = Self.definition(constraints)
        var bytes = str("buurtstem/election/v3") + str("e") + str("t") + str("GM0014") + i64(1) + [1] + u32(0)
            + [2] + u32(1) + u32(2) + str("greedy") + str("") + str("") + str("lexico") + i64(1) + i64(2)
            + u32(1) + str("WK001401") + i64(300) + u32(0)
        // minimum: share (3) of 500 basis points; category budgets ascending by bytes; one group of two ids.
        bytes += [3] + u32(500) + u32(2) + str("groen") + i64(150) + str("spelen") + i64(50) + u32(1) + u32(2) + str("A") + str("B")
        // at most 2 funded, no maximum per wijk, one category maximum.
        bytes += u32(2) + u32(0) + u32(1) + str("groen") + u32(1)
        bytes += u32(2)
        bytes += str("A") + str("a") + str("") + i64(100) + str("") + str("groen") + u32(0)
        bytes += str("B") + str("b") + str("") + i64(200) + str("") + str("") + u32(0)
        bytes += [0] + u32(0)
        #expect(definition.canonicalBytes == bytes)
        #expect(definition.usesVersion3 && definition.usesVersion2)
        #expect(!Self.definition(nil).usesVersion3 && !Self.definition(nil).usesVersion2)
        #expect(Array(Self.definition(nil).canonicalBytes[4..<25]) == Array("buurtstem/election/v1".utf8))
        // Every constraint is covered: changing any one changes the hash.
        let variants = [
            ContestConstraints(minimum: .votes(500), categoryBudgets: constraints.categoryBudgets, exclusions: constraints.exclusions),
            ContestConstraints(minimum: .shareBasisPoints(501), categoryBudgets: constraints.categoryBudgets, exclusions: constraints.exclusions),
            ContestConstraints(minimum: .shareBasisPoints(500), categoryBudgets: [.init(category: "groen", capCents: 150)], exclusions: constraints.exclusions),
            ContestConstraints(minimum: .shareBasisPoints(500), categoryBudgets: constraints.categoryBudgets, exclusions: []),
            ContestConstraints(minimum: .shareBasisPoints(500), categoryBudgets: constraints.categoryBudgets, exclusions: [["B", "A"]]),
            ContestConstraints(minimum: .shareBasisPoints(500), categoryBudgets: constraints.categoryBudgets, exclusions: constraints.exclusions,
                               maximumFunded: 3, categoryMaxima: constraints.categoryMaxima),
            ContestConstraints(minimum: .shareBasisPoints(500), categoryBudgets: constraints.categoryBudgets, exclusions: constraints.exclusions,
                               maximumFunded: 2, maximumFundedPerWijk: 1, categoryMaxima: constraints.categoryMaxima),
            ContestConstraints(minimum: .shareBasisPoints(500), categoryBudgets: constraints.categoryBudgets, exclusions: constraints.exclusions,
                               maximumFunded: 2, categoryMaxima: [.init(category: "groen", maximum: 2)]),
        ]
        for variant in variants { #expect(Self.definition(variant).hash != definition.hash, "\(variant)") }
    }

    @Test("the JSON form round-trips; an unknown kind of minimum is refused, never taken as another")
    func json() throws {
        let definition = Self.definition(ContestConstraints(minimum: .points(40), exclusions: [["A", "B"]]))
        let data = try JSONEncoder().encode(definition)
        #expect(try JSONDecoder().decode(ElectionDefinition.self, from: data) == definition)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"kind\":\"points\""))
        let unknown = Data(text.replacingOccurrences(of: "\"kind\":\"points\"", with: "\"kind\":\"percent\"").utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ElectionDefinition.self, from: unknown) }
    }

    @Test("a share's threshold is rounded up: 5 % of 101 ballots is 6 votes")
    func shareRoundsUp() {
        #expect(ContestConstraints.MinimumSupport.shareBasisPoints(500).votes(ballotsCounted: 101) == 6)
        #expect(ContestConstraints.MinimumSupport.shareBasisPoints(500).votes(ballotsCounted: 100) == 5)
        #expect(ContestConstraints.MinimumSupport.shareBasisPoints(1).votes(ballotsCounted: 0) == 0)
        #expect(ContestConstraints.MinimumSupport.points(3).votes(ballotsCounted: 10) == nil)
    }
}
