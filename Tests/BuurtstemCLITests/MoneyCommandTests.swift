import Buurtstem
import Foundation
import Testing

@Suite("buurtstem: caps, weighting and co-funding from the command line")
struct MoneyCommandTests {
    private func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    private func groningen() throws -> CLI {
        try CLI.groningen()
    }

    @Test("the shipped city-wide election: caps, weighting side by side, co-funding, and the record verifies")
    func cityWide() throws {
        let cli = try groningen()
        let formatter = ISO8601DateFormatter()
        let text = try String(contentsOfFile: CLI.shipped("Ballots/buurtbegroting-groningen-stad-2027.yaml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                if line.hasPrefix("  open:") { return "  open: \(formatter.string(from: Date().addingTimeInterval(-3600)))" }
                if line.hasPrefix("  close:") { return "  close: \(formatter.string(from: Date().addingTimeInterval(3600)))" }
                return String(line)
            }.joined(separator: "\n")
        try text.write(to: cli.directory.appendingPathComponent("stad.yaml"), atomically: true, encoding: .utf8)
        let id = "2027-groningen-stad"
        let created = try cli.run("election", "create", "stad.yaml")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try cli.run("kiosk", "add", "--election", id, "--name", "stadhuis").status == 0)
        #expect(try cli.run("stempas", "issue", "--election", id, "--print-to", "print").status == 0)
        try StemdagCommandTests.publish(cli, id: id)
        #expect(try cli.run("polls", "open", "--election", id).status == 0)
        let csv = try String(contentsOf: cli.directory.appendingPathComponent("print/stempassen.csv"), encoding: .utf8)
        let codes = csv.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[2]) }
        #expect(codes.count == 46)
        for (index, code) in codes.enumerated() {
            let choices = switch index {
            case 0..<20: "KW-A,KW-B,KW-C"
            case 20..<30: "OP-B,LB-A,HK-B"
            case 30..<42: "OP-A,LB-B,HK-A"
            default: "OP-B,KW-C,HK-B"
            }
            let vote = try cli.run("vote", "--election", id, "--kiosk", "stadhuis", "--pass", code, "--choices", choices)
            #expect(vote.status == 0, "\(vote.stderr)")
        }
        #expect(try cli.run("polls", "close", "--election", id).status == 0)

        let tally = try cli.run("tally", "--election", id, "--plan", CLI.shipped("Budgets/groningen-wijkvernieuwing-2011-2014.yaml"))
        #expect(tally.status == 0, "\(tally.stderr)")
        #expect(tally.stdout.contains("KW-A: not funded: wijk WK001401's cap of EUR 80 000.00 would be exceeded"))
        #expect(tally.stdout.contains("WK001401 Korrewegwijk") && tally.stdout.contains("€ 55.000,00 of € 80.000,00"))
        #expect(tally.stdout.contains("gains HK-A; loses HK-B"))
        #expect(tally.stdout.contains("Gemeente Groningen  50 %      € 79.000,00"))

        let json = try self.json(try cli.run("tally", "--election", id, "--json", "--plan",
                                             CLI.shipped("Budgets/groningen-wijkvernieuwing-2011-2014.yaml")).stdout)
        let areas = json["areas"] as? [[String: Any]] ?? []
        #expect(areas.count == 4)
        for area in areas {
            #expect((area["fundedCents"] as? Int ?? .max) <= (area["capCents"] as? Int ?? 0), "\(area)")
        }
        let weighting = json["weighting"] as? [String: Any] ?? [:]
        let hoogkerk = (weighting["areas"] as? [[String: Any]] ?? []).first { $0["area"] as? String == "WK001404" } ?? [:]
        #expect(hoogkerk["unweightedCents"] as? Int == 1_500_000 && hoogkerk["weightedCents"] as? Int == 800_000)
        let coFunding = json["coFunding"] as? [String: Any] ?? [:]
        let totals = (coFunding["funders"] as? [[String: Any]] ?? []).compactMap { $0["totalCents"] as? Int }
        #expect(totals == [7_900_000, 7_900_000] && coFunding["totalCents"] as? Int == 15_800_000)

        // A plan that does not add up is refused, with every line to fix.
        let broken = try cli.run("tally", "--election", id, "--plan", CLI.shipped("Budgets/broken-plan.yaml"))
        #expect(broken.status != 0 && broken.stderr.contains("the plan does not add up") && broken.stderr.contains("broken-plan.yaml:48 (total)"))

        // The record carries the caps and the weighting in the signed definition; the verifier recomputes the outcome.
        #expect(try cli.run("record", "export", "--election", id, "--out", "record").status == 0)
        let definition = try String(contentsOf: cli.directory.appendingPathComponent("record/definition.json"), encoding: .utf8)
        #expect(definition.contains("\"cap_cents\" : 8000000") && definition.contains("\"weight_per_10000\" : 5000"))
        let verified = try cli.run("record", tool: "buurtstem-verify")
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(verified.stdout.contains("PASS  allocation"))

        // The results site: money per wijk against its cap, both outcomes side by side, and who pays.
        let site = try cli.run("report", "--election", id, "--out", "site", "--json", "--plan",
                               CLI.shipped("Budgets/groningen-wijkvernieuwing-2011-2014.yaml"))
        #expect(site.status == 0, "\(site.stderr)")
        let report = try self.json(site.stdout)
        let caps = (report["areas"] as? [[String: Any]] ?? []).compactMap { area in (area["capCents"] as? Int).map { (area["code"] as? String ?? "", $0) } }
        #expect(caps.map(\.0) == ["WK001401", "WK001402", "WK001403", "WK001404"] && caps.map(\.1) == [8_000_000, 6_000_000, 4_000_000, 2_000_000])
        #expect(((report["weighting"] as? [String: Any])?["areas"] as? [[String: Any]])?.count == 4)
        let payers = ((report["coFunding"] as? [String: Any])?["funders"] as? [[String: Any]] ?? []).compactMap { $0["totalCents"] as? Int }
        #expect(payers == [7_900_000, 7_900_000])
        let html = try String(contentsOf: cli.directory.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(html.contains("id=\"weging\"") && html.contains("id=\"betalers\"") && html.contains("data-cap-cents=\"8000000\""))
        let weightingCSV = try String(contentsOf: cli.directory.appendingPathComponent("site/weighting.csv"), encoding: .utf8)
        #expect(weightingCSV.contains("area,WK001404,Hoogkerk,WK001404,,,,,,1500000,800000,-700000,HK-A,HK-B"))
        let funders = try String(contentsOf: cli.directory.appendingPathComponent("site/funders.csv"), encoding: .utf8)
        #expect(funders.contains("funder,gemeente,Gemeente Groningen,50 %,,,,7900000,79000.00"))
        // With the record the site is the signed result; a result.json changed after signing is refused, and nothing written.
        let published = try cli.run("report", "--election", id, "--out", "published", "--record", "record")
        #expect(published.status == 0, "\(published.stderr)")
        let tampered = cli.directory.appendingPathComponent("tampered")
        try FileManager.default.copyItem(at: cli.directory.appendingPathComponent("record"), to: tampered)
        let resultFile = tampered.appendingPathComponent("result.json")
        let result = try String(contentsOf: resultFile, encoding: .utf8)
        #expect(result.contains("\"funded\" : false"))
        try result.replacingOccurrences(of: "\"funded\" : false", with: "\"funded\" : true").write(to: resultFile, atomically: true, encoding: .utf8)
        let refused = try cli.run("report", "--election", id, "--out", "forged-site", "--record", "tampered")
        #expect(refused.status != 0 && refused.stderr.contains("result.json is not signed by this gemeente's issuing key")
                && refused.stderr.contains("export the election's record again"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("forged-site").path))
        // The year view takes each wijk's cap from the plan.
        let year = try cli.run("report", "--year", String(Calendar(identifier: .gregorian).component(.year, from: Date())), "--out", "year", "--json",
                               "--plan", CLI.shipped("Budgets/groningen-wijkvernieuwing-2011-2014.yaml"))
        #expect(year.status == 0, "\(year.stderr)")
        let wijken = try self.json(year.stdout)["wijken"] as? [[String: Any]] ?? []
        #expect(wijken.first { $0["code"] as? String == "WK001401" }?["capCents"] as? Int == 90_000_000)
    }

    @Test("a bad cap is refused at election create with file, line and field; nothing is stored")
    func badCap() throws {
        let cli = try groningen()
        let text = try String(contentsOfFile: CLI.shipped("Ballots/buurtbegroting-groningen-stad-2027.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "      WK001404: 20000", with: "      WK001499: 20000")
            .replacingOccurrences(of: "      weight: 0.25", with: "      weight: hoog")
        try text.write(to: cli.directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let result = try cli.run("election", "create", "bad.yaml")
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad.yaml:39 (weighting.criteria[2].weight): 'hoog' is not a weight"), "\(result.stderr)")
        #expect(result.stderr.contains("(contests[1].caps.WK001499): unknown wijk 'WK001499'"), "\(result.stderr)")
        #expect(result.stderr.contains("nothing was stored"))
        #expect(try cli.run("election", "list").stdout.contains("2027-groningen-stad") == false)
    }

    @Test("a cheque round's funded initiatives split across the plan's funders; a bad plan settles nothing")
    func chequeCoFunding() throws {
        var cli = try groningen()
        cli.environment["BUURTSTEM_NOW"] = "2026-02-20T09:00:00Z"
        #expect(try cli.run("cheques", "round", "create", "--id", "r", "--value", "7.50", "--issue-date", "2026-03-01",
                            "--valid-until", "2026-06-30", "--scope", "buurt").status == 0)
        #expect(try cli.run("cheques", "issue", "--round", "r", "--print-to", "print").status == 0)
        let csv = try String(contentsOf: cli.directory.appendingPathComponent("print/cheques.csv"), encoding: .utf8)
        let rows: [[Substring]] = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let cheques: [String] = rows.filter { $0[1] == "BU00140102" }.compactMap { $0.last.map(String.init) }
        cli.environment["BUURTSTEM_NOW"] = "2026-03-10T10:00:00Z"
        #expect(try cli.run("initiative", "add", "--round", "r", "--buurt", "BU00140102", "--title", "Speelplek",
                            "--description", "Een speelplek", "--target", "15.00", "--deadline", "2026-05-31").status == 0)
        for code in cheques.prefix(3) {
            #expect(try cli.run("cheques", "redeem", "--code", code, "--initiative", "1").status == 0)
        }
        let plan = """
            id: drie
            title: Drie financiers
            gemeente: GM0014
            period: { from: 2026, to: 2026 }
            funders:
              - { id: gemeente, name: Gemeente Groningen, share: 1/3 }
              - { id: fonds, name: Oranje Fonds, share: 1/3 }
              - { id: corporatie, name: Woningcorporatie, share: 1/3 }
            classes:
              - { id: wijk, name: wijk, cap: 100, count: 1, subtotal: 100 }
            total: 100
            areas:
              - { code: WK001401, name: Korrewegwijk, class: wijk }
            """
        try plan.write(to: cli.directory.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        let refused = try cli.run("cheques", "settle", "--round", "r", "--before-expiry", "--plan", CLI.shipped("Budgets/broken-plan.yaml"))
        #expect(refused.status != 0 && refused.stderr.contains("the plan does not add up"))
        #expect(try cli.run("cheques", "report", "--round", "r").stderr.contains("not settled yet"))
        let settled = try cli.run("cheques", "settle", "--round", "r", "--before-expiry", "--plan", "plan.yaml", "--json")
        #expect(settled.status == 0, "\(settled.stderr)")
        let json = try self.json(settled.stdout)
        #expect((json["settlement"] as? [String: Any])?["fundedCents"] as? Int == 2250)
        let coFunding = json["coFunding"] as? [String: Any] ?? [:]
        let parts = (coFunding["items"] as? [[String: Any]] ?? []).first?["partsCents"] as? [Int]
        #expect(parts == [750, 750, 750])
        let report = try cli.run("cheques", "report", "--round", "r", "--plan", "plan.yaml")
        #expect(report.stdout.contains("Co-funding by plan drie") && report.stdout.contains("Oranje Fonds"), "\(report.stdout)")
    }
}
