import Buurtstem
import BuurtstemRecord
import Foundation
import Testing

/// Every rule the Pabulib export can name as runnable goes back through `allocate --official` (issue 17): the
/// election's own outcome, the file's `selected` column and the official re-run are the same set.
@Suite("Pabulib export round-trips through allocate --official")
struct PabulibExportRoundTripTests {
    struct Case: Sendable, CustomTestStringConvertible {
        /// The definition's allocation block and contest constraints.
        let allocation: String
        let constraints: String
        /// The rule the file must name, and the arguments `--official` needs (exclusions are stated only in words).
        let rule: PabulibRule
        let arguments: [String]
        /// What the election funds by the votes below, where it is worked out by hand (the greedy rules).
        let funded: Set<String>?
        var testDescription: String { rule.rawValue }
    }

    static let cases: [Case] = [
        Case(allocation: "  rule: greedy\n  tie_break: lexico\n", constraints: "", rule: .greedy, arguments: [],
             funded: ["KW-01", "KW-02", "KW-04", "KW-05"]),
        Case(allocation: "  rule: greedy-no-skip\n  tie_break: lexico\n", constraints: "", rule: .greedyNoSkip, arguments: [],
             funded: ["KW-01", "KW-02", "KW-04"]),
        Case(allocation: "  rule: greedy\n  tie_break: lexico\n", constraints: "    constraints:\n      minimum_votes: 4\n",
             rule: .greedyThreshold, arguments: [], funded: ["KW-01", "KW-02", "KW-04"]),
        Case(allocation: "  rule: greedy\n  tie_break: lexico\n", constraints: "    constraints:\n      exclusive:\n        - [KW-02, KW-04]\n",
             rule: .greedyExclusive, arguments: ["--exclusive", "KW-02,KW-04"],
             funded: ["KW-01", "KW-02", "KW-03", "KW-05"]),
        Case(allocation: "  rule: mes\n  satisfaction: cost\n  completion: none\n  tie_break: cost-votes\n", constraints: "",
             rule: .equalShares, arguments: [], funded: nil),
        Case(allocation: "  rule: mes\n  satisfaction: cost\n  completion: add1\n  tie_break: cost-votes\n", constraints: "",
             rule: .equalSharesAdd1, arguments: [], funded: nil),
    ]

    /// Votes KW-01 7, KW-02 6, KW-04 5, KW-03 4, KW-05 3, KW-06 1 (budget 180,000): no ties, and every greedy
    /// variant funds a different set from plain greedy's, so a constraint the export dropped fails the round trip
    /// (no-skip stops at KW-03; the threshold of 4 drops KW-05; the exclusion passes KW-04 over for KW-03).
    static let ballots = ["KW-01,KW-02,KW-04", "KW-01,KW-02,KW-04", "KW-01,KW-02,KW-04", "KW-01,KW-02,KW-04",
                          "KW-01,KW-02,KW-03", "KW-01,KW-02,KW-03", "KW-01,KW-04,KW-03", "KW-03,KW-05", "KW-05,KW-06", "KW-05"]

    @Test("every runnable rule the export names is exercised here")
    func coverage() {
        let exported = Set(PabulibRule.allCases.filter { $0.isRunnable && !$0.comparesWithGreedy })
        #expect(Set(Self.cases.map(\.rule)) == exported)
    }

    @Test("the exported file names the rule, and --official funds what the election funded", arguments: cases)
    func roundTrip(_ example: Case) throws {
        let (cli, codes) = try StemdagCommandTests.prepared(edit: { text in
            let allocation = text.range(of: "allocation:\n")!.upperBound..<text.range(of: "\ncontests:")!.lowerBound
            var text = text.replacingCharacters(in: allocation, with: example.allocation)
            text = text.replacingOccurrences(of: "    budget: 180000\n", with: "    budget: 180000\n" + example.constraints)
            return text
        })
        let (funded, _, output) = try ConstraintsCommandTests.castAndTally(cli, codes, Self.ballots)
        #expect(!funded.isEmpty, "\(output)")
        if let expected = example.funded { #expect(funded == expected, "\(output)") }
        let exported = try cli.run("record", "export", "--election", "kw-now", "--out", "record")
        #expect(exported.status == 0, "\(exported.stderr)")
        let path = cli.directory.appendingPathComponent("record/pabulib/WK001401.pb").path
        let instance = try PabulibReader().read(contentsOf: path)
        #expect(instance.meta("rule") == example.rule.rawValue, "\(instance.meta)")
        let selected = Set(instance.projects.filter { instance.projectField("selected", of: $0) == "1" }.map(\.id))
        #expect(selected == funded)

        let official = try cli.run(["allocate", path, "--official", "--json"] + example.arguments)
        #expect(official.status == 0, "\(official.stderr)")
        let json = (try? JSONSerialization.jsonObject(with: Data(official.stdout.utf8))) as? [String: Any] ?? [:]
        #expect(json["official_rule"] as? String == example.rule.rawValue)
        #expect(Set(json["selected"] as? [String] ?? []) == funded, "\(official.stdout.prefix(2000))")
    }

}
