import Buurtstem
import Foundation
import Testing

/// Bad caps and weightings: each is refused with file, line, field and how to fix it, and nothing is stored.
@Suite("Caps and weighting: bad input", .serialized)
struct MoneyInputTests {
    /// The shipped city-wide example, moved around now.
    static func text() throws -> String {
        StemdagFixture.aroundNow(String(decoding: try shippedFile(CityWideElection.file), as: UTF8.self), id: "bad")
    }

    static func lineNumber(of needle: String, in text: String) -> Int {
        (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    @Test("each mistake is named with its line and field", arguments: [
        // (what is changed, replaced by, field, words in the message)
        ("      WK001404: 20000", "      WK009999: 20000", "contests[1].caps.WK009999", "unknown wijk 'WK009999'"),
        ("      WK001401: 80000", "      WK001401: 10000", "contests[1].caps", "the caps add up to € 130.000,00, less than the contest's budget of € 200.000,00"),
        ("      WK001402: 60000", "      WK001402: 260000", "contests[1].caps.WK001402", "more than the contest's budget"),
        ("      weight: 0.25", "      weight: veel", "weighting.criteria[2].weight", "'veel' is not a weight: write a number such as 0.5"),
        ("      weight: 0.5", "      weight: 150", "weighting.criteria[1].weight", "'150' is not a weight"),
        ("        criteria: { vrijwilligersuren: 0, cofinanciering: 0 }\n      - id: OP-A",
         "        criteria: { vrijwilligersuren: 0 }\n      - id: OP-A", "contests[1].projects[3].criteria.cofinanciering",
         "project KW-C has no value for criterion 'cofinanciering'"),
        ("criteria: { vrijwilligersuren: 120, cofinanciering: 2000 }", "criteria: { vrijwilligersuren: twee, cofinanciering: 2000 }",
         "contests[1].projects[4].criteria.vrijwilligersuren", "'twee' is not a value for 'vrijwilligersuren'"),
        ("  rule: greedy ", "  rule: mes ", "weighting", "a weighting ranks the greedy rules only"),
        ("        area: BU00140400\n", "", "contests[1].projects", "project HK-B has no area, so no cap applies to it"),
    ])
    func refused(change: String, by replacement: String, field: String, message: String) throws {
        let (store, _) = try groningenStore()
        _ = try RegisterImport.run(try shippedFile("Examples/groningen/households.csv"), file: "households.csv", eligibleAge: 16, into: store)
        let original = try Self.text()
        #expect(original.contains(change), "the example no longer contains \(change)")
        let text = original.replacingOccurrences(of: change, with: replacement)
        let error = #expect(throws: InputError.self) { try ElectionFile.parse(text, file: "stad.yaml", store: store) }
        let problem = try #require(error?.problems.first { $0.field == field }, "\(error?.problems.map(\.description) ?? [])")
        #expect(problem.file == "stad.yaml")
        #expect(problem.message.contains(message), "\(problem.message)")
        #expect((problem.line ?? 0) > 0)
        if field.hasSuffix(".weight") || field.contains("WK009999") || field.contains("criteria.vrijwilligersuren") {
            // The line is the one with the mistake.
            #expect(problem.line == Self.lineNumber(of: replacement.trimmingCharacters(in: .whitespaces).components(separatedBy: "\n")[0], in: text))
        }
        // Nothing was stored.
        #expect(try store.elections().isEmpty)
    }

    @Test("caps on a wijk contest, and criteria without a weighting, are refused with how to fix them")
    func misplaced() throws {
        let (store, _) = try groningenStore()
        _ = try RegisterImport.run(try shippedFile("Examples/groningen/households.csv"), file: "households.csv", eligibleAge: 16, into: store)
        let korrewegwijk = StemdagFixture.aroundNow(String(decoding: try shippedFile("Ballots/wijkstemdag-korrewegwijk-2026.yaml"), as: UTF8.self), id: "kw")
        let capped = korrewegwijk.replacingOccurrences(of: "    budget: 180000", with: "    budget: 180000\n    caps:\n      WK001401: 180000")
        let error = #expect(throws: InputError.self) { try ElectionFile.parse(capped, file: "kw.yaml", store: store) }
        #expect(error?.problems.contains { $0.field == "contests[1].caps" && $0.message.contains("apply to a gemeente-wide contest") } == true)
        let unweighted = korrewegwijk.replacingOccurrences(of: "        category: groen\n      - id: KW-02",
                                                           with: "        category: groen\n        criteria: { uren: 3 }\n      - id: KW-02")
        let second = #expect(throws: InputError.self) { try ElectionFile.parse(unweighted, file: "kw.yaml", store: store) }
        #expect(second?.problems.contains { $0.field == "contests[1].projects[1].criteria" && $0.message.contains("has no weighting") } == true)
        #expect(try store.elections().isEmpty)
    }
}
