import Foundation
import Testing

@Suite("buurtstem budget check")
struct BudgetCommandTests {
    private let groningen = CLI.shipped("Budgets/groningen-wijkvernieuwing-2011-2014.yaml")
    private let broken = CLI.shipped("Budgets/broken-plan.yaml")

    @Test("Groningen's plan: exit 0, the table with the total and both funders, no database needed")
    func groningenPlan() throws {
        let cli = try CLI.inTemporaryDirectory()
        let result = try cli.run("budget", "check", groningen)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("grote zware wijk    7 × € 900.000,00  € 6.300.000,00"))
        #expect(result.stdout.contains("total                                 € 8.875.000,00"))
        #expect(result.stdout.contains("Gemeente Groningen  50 %              € 4.437.500,00"))
        #expect(result.stdout.contains("Every number adds up to the cent: 15 areas in 4 classes, 2 funders."))
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("buurtstem.sqlite").path))
    }

    @Test("Groningen's plan --json: the checked plan with per-class and per-funder amounts in cents")
    func groningenJSON() throws {
        let result = try CLI.inTemporaryDirectory().run("budget", "check", groningen, "--json")
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["addsUp"] as? Bool == true)
        #expect(json["totalCents"] as? Int == 887_500_000)
        #expect((json["problems"] as? [Any])?.isEmpty == true)
        let classes = try #require(json["classes"] as? [[String: Any]])
        #expect(classes.map { $0["subtotalCents"] as? Int } == [630_000_000, 180_000_000, 67_500_000, 10_000_000])
        let funders = try #require(json["funders"] as? [[String: Any]])
        #expect(funders.map { $0["amountCents"] as? Int } == [443_750_000, 443_750_000])
        #expect(funders.map { $0["shareText"] as? String } == ["50 %", "50 %"])
    }

    @Test("the broken plan: exit 1, each line with its exact difference on stderr, nothing on stdout")
    func brokenPlan() throws {
        let result = try CLI.inTemporaryDirectory().run("budget", "check", broken)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("broken-plan.yaml:36 (classes[2].subtotal): the subtotal of class 'middel' (middelgrote wijk) is € 1.800.000,00, but 3 areas × € 450.000,00 = € 1.350.000,00; a difference of € 450.000,00 (stated too high)"))
        #expect(result.stderr.contains("broken-plan.yaml:41 (classes[3].subtotal)"))
        #expect(result.stderr.contains("broken-plan.yaml:48 (total): the total is € 8.857.000,00, but the classes come to € 8.425.000,00"))
        for line in [20, 24, 35] { #expect(result.stderr.contains("broken-plan.yaml:\(line) ")) }
        #expect(result.stderr.contains("6 problems"))
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test("the broken plan --json: exit 1, the stated and the right amounts, and the problems with their lines")
    func brokenJSON() throws {
        let result = try CLI.inTemporaryDirectory().run("budget", "check", broken, "--json")
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["addsUp"] as? Bool == false)
        #expect(json["totalCents"] as? Int == 842_500_000)
        #expect(json["statedTotalCents"] as? Int == 885_700_000)
        let problems = try #require(json["problems"] as? [[String: Any]])
        #expect(problems.map { $0["line"] as? Int } == [20, 24, 35, 36, 41, 48])
    }

    @Test("--db: held against the demo's store it passes; against another store's wijken it names each area")
    func againstStores() throws {
        let cli = try CLI.inTemporaryDirectory()
        #expect(try cli.run("demo", "--households", "100", "--out", "demo").status == 0)
        let demo = try cli.run("budget", "check", groningen, "--db", "demo/buurtstem.sqlite")
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("every area is a wijk or buurt of demo/buurtstem.sqlite"))
        try cli.run("init", "--gemeente", "Groningen", "--code", "GM0014")
        try cli.run("areas", "import", CLI.shipped("Examples/groningen/areas.csv"))
        let other = try cli.run("budget", "check", groningen, "--db", "buurtstem.sqlite")
        #expect(other.status == 1)
        #expect(other.stderr.contains("(areas[1].name): WK001401 is 'Korrewegwijk' in the database, not 'Selwerd'"))
        #expect(other.stderr.contains("(areas[5].code): the database has no wijk WK001405"))
        let missing = try cli.run("budget", "check", groningen, "--db", "nope.sqlite")
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("there is no Buurtstem database at nope.sqlite"))
    }

    @Test("a file that is not there or not YAML: a clear error")
    func badFiles() throws {
        let cli = try CLI.inTemporaryDirectory()
        let missing = try cli.run("budget", "check", "nope.yaml")
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("cannot read nope.yaml"))
        try Data("id: [unclosed\n".utf8).write(to: cli.directory.appendingPathComponent("bad.yaml"))
        let bad = try cli.run("budget", "check", "bad.yaml")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.yaml:"))
        #expect(bad.stderr.contains("not valid YAML"))
        #expect(try cli.run("budget", "check", "--help").stdout.contains("docs/budgets.md"))
    }
}
