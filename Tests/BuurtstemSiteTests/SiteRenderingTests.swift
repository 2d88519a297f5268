@testable import Buurtstem
@testable import BuurtstemSite
import Foundation
import Testing

/// The site's building blocks: escaping, Dutch number formats, CSV quoting, charts with titles; who pays on a cheque
/// round's page.
@Suite struct SiteRenderingTests {
    @Test func escapesEverythingFromData() {
        #expect(BuurtstemSite.HTML.escape("<script>alert('x') & \"y\"</script>") == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
    }

    @Test func formatsNumbersTheDutchWay() {
        #expect(SiteFormat.money(1_250_000_50) == "€ 1.250.000,50")
        #expect(SiteFormat.count(3000) == "3.000")
        #expect(SiteFormat.count(-1234567) == "-1.234.567")
        #expect(SiteFormat.percent(36.2) == "36,2 %")
        #expect(SiteFormat.points(-4.5) == "-4,5 pp")
        #expect(SiteFormat.plainEuros(1250) == "12.50")
        #expect(SiteFormat.plainEuros(-5) == "-0.05")
    }

    @Test func quotesCSVFieldsAndDefusesFormulas() {
        #expect(ReportCSV.quote("plain") == "plain")
        #expect(ReportCSV.quote("a, b") == "\"a, b\"")
        #expect(ReportCSV.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ReportCSV.quote("=SUM(A1)") == "'=SUM(A1)")
        #expect(ReportCSV.quote("-4.5") == "-4.5")
    }

    @Test func chartsHaveATitleAndEscapedLabels() {
        let chart = BarChart(id: "c", title: "Votes <per> project", description: "d & e",
                             bars: [.init(label: "A&B", value: 3, text: "3", style: "funded")])
        #expect(chart.svg.contains("<title id=\"c-title\">Votes &lt;per&gt; project</title>"))
        #expect(chart.svg.contains(">A&amp;B</text>"))
        #expect(chart.figure(table: "<table></table>").contains("<details>"))
    }

    /// A settled round of three initiatives in one wijk, as `ChequeRoundReport.load` makes it: two funded with odd
    /// amounts, or with `funded: false` none.
    static func chequeRound(funded: Bool = true) throws -> ChequeRoundReport {
        func initiative(_ id: Int64, _ title: String, cheques: Int64, target: Int64) -> ChequeRoundReport.InitiativeResult {
            let collected = cheques * 755, reached = funded && collected >= target
            return .init(id: id, title: title, buurt: "BU00140102", buurtName: "Korrewegwijk-Noord", wijk: "WK001401", targetCents: target,
                         cheques: cheques, collectedCents: collected, funded: reached, fundedCents: reached ? collected : 0,
                         reason: reached ? "funded" : "not funded", funders: [])
        }
        let initiatives = [initiative(1, "Speelplek", cheques: 3, target: 1500), initiative(2, "Moestuin", cheques: 5, target: 3000),
                           initiative(3, "Bankje", cheques: 1, target: 10_000)]
        let paid = initiatives.reduce(0) { $0 + $1.fundedCents }, redeemed = initiatives.reduce(0) { $0 + $1.collectedCents }
        var counts = Reach.Counts(code: "WK001401", name: "Korrewegwijk", wijk: "WK001401", buurten: ["BU00140102"])
        counts.households = 60
        counts.issued = 60
        counts.participation = 9
        return ChequeRoundReport(
            kind: "cheque-round", gemeente: "GM0014", gemeenteName: "Groningen", round: "r", valueCents: 755, issueDate: "2026-03-01",
            validUntil: "2026-06-30", scope: "buurt", settledAt: "2026-07-01T08:00:00Z", chequesIssued: 60, chequesRedeemed: 9,
            issuedCents: 60 * 755, redeemedCents: redeemed, fundedCents: paid, returnedCents: redeemed - paid, unredeemedCents: 51 * 755,
            initiatives: initiatives,
            areas: [AreaMoney(code: "WK001401", name: "Korrewegwijk", budgetCents: 60 * 755, fundedCents: paid,
                              fundedProjects: initiatives.filter(\.funded).count, projects: 3)],
            reach: Reach(groups: [counts], wijken: [counts], total: ("GM0014", "Groningen"), ballots: false, marginPercent: 25,
                         buurtCountsAvailable: true),
            verification: try ReportVerification(values: [], issuingKey: [1, 2, 3], record: nil))
    }

    /// The shipped budget plan: the gemeente and the woningcorporaties pay 50 % each (this file is in Tests/BuurtstemSiteTests).
    static func groningenPlan() throws -> BudgetPlan {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("Budgets/groningen-wijkvernieuwing-2011-2014.yaml")
        return try BudgetPlanFile.parse(try String(contentsOf: path, encoding: .utf8), file: path.lastPathComponent)
    }

    @Test func chequeRoundPageShowsWhoPaysEachInitiative() throws {
        var report = try Self.chequeRound()
        let plain = ChequeRoundPage.html(report, recordLink: nil)
        #expect(!plain.contains("id=\"betalers\"") && !plain.contains("Betaald door"))
        #expect(try ResultsSite.files(report).map(\.name).contains("funders.csv") == false)

        try report.setFunders(plan: try Self.groningenPlan())
        // 3 × € 7,55 = € 22,65 and 5 × € 7,55 = € 37,75, half each: the odd cent goes to the gemeente, listed first.
        #expect(report.initiatives.map { $0.funders.map(\.cents) } == [[1133, 1132], [1888, 1887], []])
        #expect(report.coFunding?.funders.map(\.totalCents) == [3021, 3019] && report.coFunding?.totalCents == report.fundedCents)
        let html = ChequeRoundPage.html(report, recordLink: nil)
        #expect(html.contains("<a href=\"#betalers\">") && html.contains("<section id=\"betalers\">"))
        #expect(html.contains("De gefinancierde initiatieven worden betaald door de financiers van budgetplan groningen-wijkvernieuwing-2011-2014"))
        #expect(SiteLanguage.english.write { ChequeRoundPage.html(report, recordLink: nil) }.contains("The funded initiatives are paid"))
        #expect(html.contains("<tr data-funder=\"gemeente\"><td>Gemeente Groningen</td><td class=\"num\">50 %</td><td class=\"num\" data-total-cents=\"3021\">"))
        #expect(html.contains("Gemeente Groningen € 18,88, Woningcorporaties € 18,87"))
        #expect(html.contains("Betaald door") && html.contains("funders.csv"))
        #expect(!html.contains("niemand betaalt"))
        let csv = try #require(try ResultsSite.files(report).first { $0.name == "funders.csv" }).contents
        #expect(csv.hasPrefix("level,funder,funder_name,share,initiative,initiative_title,funded_cents,cents,eur\n"))
        #expect(csv.contains("funder,gemeente,Gemeente Groningen,50 %,,,,3021,30.21\n"))
        #expect(csv.contains("initiative,corporaties,Woningcorporaties,50 %,2,Moestuin,3775,1887,18.87\n"))
    }

    @Test("the cheque round's page is titled by the round's name as on the letter, not by its id (#19)")
    func chequeRoundPageNamesTheRound() throws {
        let html = ChequeRoundPage.html(try Self.chequeRound(), recordLink: nil)
        #expect(html.contains("<h1>Buurtcheque voorjaar 2026</h1>"))
        #expect(html.contains("<title>Buurtcheque voorjaar 2026 – Groningen"))
        #expect(!html.contains("<code>r</code>"))
        #expect(ChequeRound.name(id: "x", issueDate: "2026-09-15") == "Buurtcheque najaar 2026")
        #expect(ChequeRound.name(id: "x", issueDate: "unknown") == "Buurtcheque x")
    }

    @Test func chequeRoundWithoutFundedInitiativesSaysNobodyPays() throws {
        var report = try Self.chequeRound(funded: false)
        let split = try report.setFunders(plan: try Self.groningenPlan())
        #expect(split.items.isEmpty && split.totalCents == 0 && split.funders.map(\.totalCents) == [0, 0])
        #expect(report.initiatives.allSatisfy { $0.funders.isEmpty })
        let html = ChequeRoundPage.html(report, recordLink: nil)
        #expect(html.contains("<section id=\"betalers\">"))
        #expect(html.contains("Er is geen enkel initiatief gefinancierd, dus niemand betaalt iets."))
        #expect(SiteLanguage.english.write { ChequeRoundPage.html(report, recordLink: nil) }.contains("No initiative was funded, so nobody pays anything."))
        #expect(html.contains("data-total-cents=\"0\">€ 0,00"))
    }
}
