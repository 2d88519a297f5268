import Buurtstem
import BuurtstemRecord
import Foundation
import Testing

/// An election that says what cities say (issue 17): a minimum of votes, a budget per category and two projects that
/// exclude one another, from the definition file through casting, the signed definition, the tally's explanations,
/// the record and the verifier, to the Pabulib export.
@Suite("Contest constraints from the definition to the verifier")
struct ConstraintsCommandTests {
    /// The Korrewegwijk election with constraints: at least 3 votes, at most EUR 70,000 on groen (KW-01 and KW-05
    /// cost 77,500 together), and KW-02 and KW-03 exclude each other.
    static let constraints = """
            constraints:
              minimum_votes: 3
              category_budgets:
                groen: 70000
              exclusive:
                - [KW-02, KW-03]

        """

    static func withConstraints(_ text: String, _ block: String = constraints) -> String {
        text.replacingOccurrences(of: "    budget: 180000\n", with: "    budget: 180000\n" + block)
    }

    /// Opens the polls, casts `ballots` at the bibliotheek with the first codes, closes both kiosks and returns the
    /// tally's first allocation and the project explanations.
    static func castAndTally(_ cli: CLI, _ codes: [String], _ ballots: [String]) throws -> (funded: Set<String>, reasons: [String: String], output: String) {
        try StemdagCommandTests.publish(cli)
        #expect(try cli.run("polls", "open", "--election", "kw-now").status == 0)
        for (code, choices) in zip(codes, ballots) {
            let voted = try cli.run("vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--pass", code, "--choices", choices)
            #expect(voted.status == 0, "\(voted.stderr)")
        }
        #expect(try cli.run("polls", "close", "--election", "kw-now", "--kiosk", "bibliotheek").status == 0)
        #expect(try cli.run("polls", "close", "--election", "kw-now", "--kiosk", "buurthuis").status == 0)
        let tally = try cli.run("tally", "--election", "kw-now", "--json")
        #expect(tally.status == 0, "\(tally.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(tally.stdout.utf8)) as? [String: Any] ?? [:]
        let allocation = ((json["allocations"] as? [[String: Any]]) ?? []).first ?? [:]
        let reasons = Dictionary(((allocation["explanations"] as? [[String: Any]]) ?? []).map {
            ($0["project"] as? String ?? "", $0["summary"] as? String ?? "")
        }) { first, _ in first }
        return (Set(allocation["funded"] as? [String] ?? []), reasons, String(tally.stdout.prefix(3000)))
    }

    @Test("the funded set keeps every constraint, the explanations say why, the record verifies and exports them")
    func endToEnd() throws {
        let (cli, codes) = try StemdagCommandTests.prepared(edit: { Self.withConstraints($0) })
        // KW-01 6, KW-05 5 (groen: both would cost 77,500 > 70,000), KW-02 5 and KW-03 4 (exclusive), KW-06 2 (below 3),
        // KW-04 no votes: without constraints greedy would fund KW-01, KW-05, KW-02, KW-03 and then KW-06 from the rest.
        let ballots = ["KW-01,KW-05,KW-02", "KW-01,KW-05,KW-02", "KW-01,KW-05,KW-03", "KW-01,KW-05,KW-03", "KW-01,KW-05,KW-03",
                       "KW-01,KW-02,KW-06", "KW-02,KW-03,KW-06", "KW-02"]
        let (funded, reasons, output) = try Self.castAndTally(cli, codes, ballots)
        #expect(funded == ["KW-01", "KW-02"], "\(output)")
        #expect(reasons["KW-06"]?.contains("minimum") == true, "\(reasons)")
        #expect(reasons["KW-03"]?.contains("KW-02") == true, "\(reasons)")
        #expect(reasons["KW-05"]?.contains("groen") == true, "\(reasons)")

        let exported = try cli.run("record", "export", "--election", "kw-now", "--out", "record")
        #expect(exported.status == 0, "\(exported.stderr)")
        let record = cli.directory.appendingPathComponent("record")
        let (status, failed, _) = try RecordTamperTests.verify(cli, record)
        #expect(status == 0, "\(failed)")
        let definition = try JSONDecoder().decode(DefinitionFile.self, from: Data(contentsOf: record.appendingPathComponent("definition.json"))).definition
        #expect(definition.usesVersion3)
        #expect(definition.contests[0].constraints == ContestConstraints(
            minimum: .votes(3), categoryBudgets: [.init(category: "groen", capCents: 7_000_000)], exclusions: [["KW-02", "KW-03"]]))
        let pabulib = try String(contentsOf: record.appendingPathComponent("pabulib/WK001401.pb"), encoding: .utf8)
        #expect(pabulib.contains("rule;greedy-custom\n") && pabulib.contains("min_project_score_threshold;3\n")
                && pabulib.contains("budget_per_category;70000.00\n") && pabulib.contains("KW-02 and KW-03"), "\(pabulib.prefix(1500))")
    }

    @Test("at most one groen project and at most two in all: the next ones are explained and the verifier agrees")
    func maxima() throws {
        let block = "    constraints:\n      max_funded: 2\n      max_funded_per_category:\n        groen: 1\n"
        let (cli, codes) = try StemdagCommandTests.prepared(edit: { Self.withConstraints($0, block) })
        // Ranked KW-05 (groen), KW-01 (groen), KW-06, KW-03: KW-01 is the second groen one, KW-03 the third funded.
        let ballots = ["KW-05,KW-01,KW-06", "KW-05,KW-01,KW-06", "KW-05,KW-01,KW-03", "KW-05,KW-01", "KW-05,KW-06"]
        let (funded, reasons, output) = try Self.castAndTally(cli, codes, ballots)
        #expect(funded == ["KW-05", "KW-06"], "\(output)")
        #expect(reasons["KW-01"]?.contains("at most 1 project of the category \"groen\"") == true, "\(reasons)")
        #expect(reasons["KW-03"]?.contains("at most 2 projects may be funded") == true, "\(reasons)")
        #expect(try cli.run("record", "export", "--election", "kw-now", "--out", "record").status == 0)
        let (status, failed, _) = try RecordTamperTests.verify(cli, cli.directory.appendingPathComponent("record"))
        #expect(status == 0, "\(failed)")
    }

    @Test("a share of the counted ballots becomes votes, rounded up; the verifier recomputes it")
    func minimumShare() throws {
        let block = "    constraints:\n      minimum_share: 30\n"
        let (cli, codes) = try StemdagCommandTests.prepared(edit: { Self.withConstraints($0, block) })
        // 10 ballots: 30 % is 3 votes. KW-06 has 3 (funded), KW-04 has 2 (not, though it would fit).
        let ballots = ["KW-01", "KW-01", "KW-01", "KW-01", "KW-06", "KW-06", "KW-06", "KW-04", "KW-04", "KW-02"]
        let (funded, _, output) = try Self.castAndTally(cli, codes, ballots)
        #expect(funded == ["KW-01", "KW-06"], "\(output)")
        #expect(try cli.run("record", "export", "--election", "kw-now", "--out", "record").status == 0)
        let (status, failed, _) = try RecordTamperTests.verify(cli, cli.directory.appendingPathComponent("record"))
        #expect(status == 0, "\(failed)")
    }

    @Test("a wrong constraint is refused with the line, the field and the fix", arguments: [
        ("    constraints:\n      exclusive:\n        - [KW-02, KW-99]\n", "'KW-99' is not a project of this contest"),
        ("    constraints:\n      minimum_points: 10\n", "a threshold in points needs a cumulative ballot"),
        ("    constraints:\n      minimum_votes: 2\n      minimum_share: 5\n", "give one of minimum_votes, minimum_share"),
        ("    constraints:\n      minimum_share: 120\n", "at most 100"),
        ("    constraints:\n      category_budgets:\n        natuur: 1000\n", "no project of the contest has category 'natuur'"),
        ("    constraints:\n      exclusive:\n        - [KW-02]\n", "two or more different project ids"),
        ("    constraints:\n      exclusive:\n        - [KW-01, KW-02]\n        - [KW-02, KW-03]\n", "already in group 1"),
        ("    constraints:\n      minimum_vote: 3\n", "unknown key 'minimum_vote'"),
        ("    constraints:\n      max_funded_per_wijk: 1\n", "applies to a gemeente-wide contest"),
        ("    constraints:\n      max_funded: 0\n", "'max_funded' should be a whole number from 1"),
        ("    constraints:\n      max_funded_per_category:\n        natuur: 1\n", "no project of the contest has category 'natuur'"),
    ])
    func refusals(block: String, message: String) throws {
        let cli = try CLI.inTemporaryDirectory()
        try cli.run("init", "--gemeente", "Groningen", "--code", "GM0014")
        try cli.run("areas", "import", CLI.shipped("Examples/groningen/areas.csv"))
        try cli.run("register", "import", CLI.shipped("Examples/groningen/households.csv"))
        let text = Self.withConstraints(try String(contentsOfFile: CLI.shipped("Ballots/wijkstemdag-korrewegwijk-2026.yaml"), encoding: .utf8), block)
        try text.write(to: cli.directory.appendingPathComponent("c.yaml"), atomically: true, encoding: .utf8)
        let created = try cli.run("election", "create", "c.yaml")
        #expect(created.status != 0)
        #expect(created.stderr.contains(message), "\(created.stderr)")
        #expect(created.stderr.contains("c.yaml:"), "names the file and line: \(created.stderr)")
        #expect(!created.stderr.contains("Fatal"))
    }
}
