import Foundation
import Testing

/// `buurtstem tally` and the results site write every turnout the same way: on the demo, each contest's turnout in
/// the tally's text equals the one on the site (they once read 40,9 % and 41,0 % for the same contest).
@Suite struct PercentAgreementTests {
    @Test func tallyAndSiteShowTheSameTurnout() throws {
        let cli = try CLI.inTemporaryDirectory()
        let demo = try cli.run("demo", "--households", "1000", "--out", "demo")
        #expect(demo.status == 0, "\(demo.stderr)")
        let tally = try cli.run("tally", "--election", "demo-wijkstemdag", "--db", "demo/buurtstem.sqlite")
        #expect(tally.status == 0, "\(tally.stderr)")
        let site = try String(contentsOf: cli.directory.appendingPathComponent("demo/site-demo-wijkstemdag/index.html"), encoding: .utf8)
        var compared = 0
        // "WK001405: 129 ballots from 315 passes (turnout 41,0 %), budget ..."
        for line in tally.stdout.split(separator: "\n") where line.contains("(turnout ") {
            let area = String(line.prefix { $0 != ":" })
            let start = try #require(line.range(of: "(turnout "))
            let end = try #require(line[start.upperBound...].firstIndex(of: ")"))
            let percent = String(line[start.upperBound..<end])
            #expect(site.contains("<dd data-figure=\"turnout-\(area)\">\(percent)</dd>"), "\(area): tally says \(percent)")
            compared += 1
        }
        #expect(compared == 3, "\(tally.stdout)")
    }
}
