import Foundation
import Testing

/// Issue 18, "cheque-round initiatives can come from proposals too", from the command line: `initiative add
/// --from-proposal`, its refusals, `cheques settle` deciding the aanvragen, and the proposals record verified.
@Suite("buurtstem initiative add --from-proposal")
struct ProposalInitiativeCommandTests {
    @Test("toegelaten aanvragen become initiatives, the settlement decides them, the record verifies; refusals say what to do")
    func route() throws {
        var cli = try CLI.groningen()
        func run(_ arguments: String...) throws -> String {
            let result = try cli.run(arguments)
            guard result.status == 0 else { throw ChequeVerifyTests.CLIError(arguments: arguments, stderr: result.stderr) }
            return result.stdout
        }
        func refused(_ arguments: String..., saying expected: [String]) throws {
            let result = try cli.run(arguments)
            #expect(result.status != 0 && expected.allSatisfy { result.stderr.contains($0) }, "\(arguments): \(result.stderr)")
        }
        cli.environment["BUURTSTEM_NOW"] = "2026-02-20T09:00:00Z"
        _ = try run("cheques", "round", "create", "--id", "2026-voorjaar", "--value", "7.50", "--issue-date", "2026-03-01",
                    "--valid-until", "2026-06-30", "--scope", "buurt")
        _ = try run("cheques", "issue", "--round", "2026-voorjaar", "--print-to", "print")
        _ = try run("proposal", "criteria", CLI.shipped("Budgets/groningen-toetsingscriteria.yaml"))
        for (title, area, amount) in [("Buurtmoestuin", "BU00140102", "15.00"), ("Zitbanken", "WK001401", "100.00"), ("Fietsenrek", "BU00140101", "50.00")] {
            _ = try run("proposal", "add", "--title", title, "--contact", "\(title.lowercased())@example.org", "--area", area,
                        "--amount", amount, "--cost", "Alles=\(amount)")
        }
        for id in ["1", "2", "3"] {
            _ = try run("proposal", "move", "--id", id, "--to", "in_review")
            guard id != "3" else { continue }
            for criterion in ProposalVerifyTests.criteria {
                _ = try run("proposal", "assess", "--id", id, "--criterion", criterion, "--assessor", "toetser-1", "--met", "--reason", "In orde")
            }
            _ = try run("proposal", "decide", "--id", id)
        }

        cli.environment["BUURTSTEM_NOW"] = "2026-03-10T10:00:00Z"
        try refused("initiative", "add", "--round", "2026-voorjaar", "--from-proposal", "3", "--deadline", "2026-05-31",
                    saying: ["proposal 3 is 'in behandeling'", "buurtstem proposal decide --id 3"])
        try refused("initiative", "add", "--round", "2026-voorjaar", "--from-proposal", "1", "--title", "Anders", "--deadline", "2026-05-31",
                    saying: ["--from-proposal takes the title", "drop --title"])
        try refused("initiative", "add", "--round", "2026-voorjaar", "--from-proposal", "2", "--deadline", "2026-05-31",
                    saying: ["wijk WK001401", "name a buurt of that wijk"])
        try refused("initiative", "add", "--round", "2026-najaar", "--from-proposal", "1", "--deadline", "2026-05-31",
                    saying: ["2026-najaar"])
        let added = try run("initiative", "add", "--round", "2026-voorjaar", "--from-proposal", "1", "--deadline", "2026-05-31")
        #expect(added.contains("Registered initiative 1 'Buurtmoestuin' in BU00140102") && added.contains("Proposal 1 is now 'op de stembrief'"), "\(added)")
        let json = try run("initiative", "add", "--round", "2026-voorjaar", "--from-proposal", "2", "--buurt", "BU00140103",
                           "--deadline", "2026-05-31", "--json")
        #expect(json.contains("\"targetCents\" : 10000") && !json.contains("zitbanken@example.org"), "\(json)")
        try refused("initiative", "add", "--round", "2026-voorjaar", "--from-proposal", "1", "--deadline", "2026-05-31",
                    saying: ["already on a ballot", "buurtstem proposal show --id 1"])
        #expect(try run("initiative", "list", "--with-contact").contains("contact: buurtmoestuin@example.org"))

        let csv = try String(contentsOf: cli.directory.appendingPathComponent("print/cheques.csv"), encoding: .utf8)
        let cheques = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        for (initiative, buurt, count) in [("1", "BU00140102", 2), ("2", "BU00140103", 1)] {
            for fields in cheques.filter({ $0[1] == buurt }).prefix(count) {
                _ = try run("cheques", "redeem", "--code", String(fields.last!), "--initiative", initiative)
            }
        }
        cli.environment["BUURTSTEM_NOW"] = "2026-07-02T09:00:00Z"
        let settled = try run("cheques", "settle", "--round", "2026-voorjaar")
        #expect(settled.contains("proposal 1 (initiative 1): gefinancierd") && settled.contains("proposal 2 (initiative 2): niet gefinancierd"), "\(settled)")
        let shown = try run("proposal", "show", "--id", "1")
        #expect(shown.contains("Status: gefinancierd") && shown.contains("afrekening van chequeronde 2026-voorjaar: initiatief 1 haalde € 15,00 op met 2 cheques"), "\(shown)")
        #expect(try run("proposal", "show", "--id", "2").contains("het doel was € 100,00; het doel is niet gehaald: niet gefinancierd"))
        for criterion in ProposalVerifyTests.criteria {
            _ = try run("proposal", "assess", "--id", "3", "--criterion", criterion, "--assessor", "toetser-1", "--met", "--reason", "In orde")
        }
        _ = try run("proposal", "decide", "--id", "3")
        // The round is over (its days passed, and it is settled): the aanvraag stays toegelaten.
        try refused("initiative", "add", "--round", "2026-voorjaar", "--from-proposal", "3", "--deadline", "2026-06-30",
                    saying: ["the deadline 2026-06-30 has already passed"])
        #expect(try run("proposal", "show", "--id", "3").contains("Status: getoetst: toegelaten"))

        _ = try run("report", "--proposals", "--out", "site")
        let page = try String(contentsOf: cli.directory.appendingPathComponent("site/aanvraag-1.html"), encoding: .utf8)
        #expect(page.contains("data-route=\"on_ballot\" data-outcome=\"funded\" data-cheque-round=\"2026-voorjaar\"")
            && page.contains("Uitslag van de chequeronde") && !page.contains("buurtmoestuin@example.org"), "\(page)")

        // The raad's year view counts both as decided with cheques, not by a stemdag.
        _ = try run("report", "--year", "2026", "--out", "jaar")
        let year = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: cli.directory.appendingPathComponent("jaar/report.json"))) as? [String: Any])
        let decided = try #require((year["total"] as? [String: Any])?["proposals"] as? [String: Any])
        #expect(decided["decidedByChequeRound"] as? Int == 2 && decided["decidedByStemdag"] as? Int == 0, "\(decided)")

        _ = try run("record", "export", "--proposals", "--out", "proposals-record")
        let (status, failed, stderr) = try ChequeVerifyTests.verify(cli.directory.appendingPathComponent("proposals-record"), cli: cli)
        #expect(status == 0 && failed.isEmpty, "\(failed) \(stderr)")
        #expect(try cli.run("check").status == 0)
    }
}
