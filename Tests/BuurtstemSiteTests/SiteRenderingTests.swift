@testable import BuurtstemSite
import Buurtstem
import Testing

/// The site's building blocks: escaping, Dutch number formats, CSV quoting, charts with titles.
@Suite struct SiteRenderingTests {
    @Test func escapesEverythingFromData() {
        #expect(HTML.escape("<script>alert('x') & \"y\"</script>") == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
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
}
