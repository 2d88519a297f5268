import Foundation
import Testing

@Suite("buurtstem report")
struct ReportCommandTests {
    @Test("exactly one of --election, --round, --year or --from/--to; each mistake named with how to fix it")
    func selection() throws {
        let cli = try CLI.inTemporaryDirectory()
        for arguments in [["report", "--out", "site"], ["report", "--election", "a", "--round", "b", "--out", "site"],
                          ["report", "--from", "2026-01-01", "--out", "site"], ["report", "--election", "a", "--area", "WK001401", "--out", "site"]] {
            let result = try cli.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains("--"), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"))
        }
        #expect(try cli.run("report", "--help").stdout.contains("--margin"))
    }

    @Test("unknown election, round and area, a bad margin or period, an out folder in the way: clear errors, nothing written or stored")
    func badInput() throws {
        let cli = try CLI.inTemporaryDirectory()
        #expect(try cli.run("init", "--gemeente", "Groningen", "--code", "GM0014").status == 0)
        #expect(try cli.run("areas", "import", CLI.shipped("Examples/groningen/areas.csv")).status == 0)
        #expect(try cli.run("register", "import", CLI.shipped("Examples/groningen/households.csv")).status == 0)
        // What is stored, as the commands show it (the file's bytes change when SQLite folds its WAL in on close).
        func stored() throws -> [String] {
            try [["register", "show", "--json"], ["register", "list", "--json"], ["election", "list", "--json"],
                 ["cheques", "round", "list", "--json"]].map { try cli.run($0).stdout }
        }
        let before = try stored()
        let cases: [([String], String)] = [
            (["report", "--election", "nope", "--out", "site"], "there is no election 'nope'"),
            (["report", "--round", "nope", "--out", "site"], "there is no cheque round 'nope'"),
            (["report", "--year", "2026", "--area", "WK009999", "--out", "site"], "unknown area 'WK009999'"),
            (["report", "--year", "1999", "--out", "site"], "the year 1999 is out of range"),
            (["report", "--from", "2026-07-01", "--to", "2026-06-31", "--out", "site"], "the last day '2026-06-31' is not a day"),
            (["report", "--year", "2026", "--margin", "101", "--out", "site"], "the margin 101 is out of range"),
            (["report", "--year", "2026", "--out", "/proc/buurtstem-site"], "cannot write the results site to /proc/buurtstem-site"),
            (["report", "--year", "2026", "--out", "no/such/folder"], "does not exist"),
        ]
        for (arguments, message) in cases {
            let result = try cli.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("site").path))
        // A folder with other files in it is never overwritten.
        let other = cli.directory.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: other.appendingPathComponent("notes.txt"))
        let refused = try cli.run("report", "--year", "2026", "--out", "documents")
        #expect(refused.status != 0 && refused.stderr.contains("is not empty and is not a results site"))
        #expect(try String(contentsOf: other.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me")
        #expect(try stored() == before)
        #expect(try cli.run("check").status == 0)
    }

    @Test("a year view without elections is still a site; writing it again replaces it")
    func emptyYear() throws {
        let cli = try CLI.inTemporaryDirectory()
        #expect(try cli.run("init", "--gemeente", "Groningen", "--code", "GM0014").status == 0)
        #expect(try cli.run("areas", "import", CLI.shipped("Examples/groningen/areas.csv")).status == 0)
        let first = try cli.run("report", "--year", "2026", "--out", "jaar", "--json")
        #expect(first.status == 0, "\(first.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
        #expect((json?["wijken"] as? [Any])?.count == 4)
        for file in ["index.html", "report.json", "wijken.csv", "items.csv"] {
            #expect(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("jaar/\(file)").path), "\(file)")
        }
        let again = try cli.run("report", "--year", "2026", "--area", "WK001401", "--out", "jaar")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("Open it:"))
        let csv = try String(contentsOf: cli.directory.appendingPathComponent("jaar/wijken.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 3)
    }

    @Test("a cheque round's site with --plan: who pays each funded initiative, the split of 'cheques report --plan'; a bad plan writes nothing; --record takes only its own signed settlement")
    func chequeRoundPlan() throws {
        var cli = try CLI.groningen()
        let plan = CLI.shipped("Budgets/groningen-wijkvernieuwing-2011-2014.yaml")
        func json(_ text: String) throws -> [String: Any] { try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:] }
        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent(path).path) }
        // Round r funds two initiatives with odd amounts (EUR 7.55 a cheque), so the 50/50 split leaves a cent; round
        // leeg funds none.
        cli.environment["BUURTSTEM_NOW"] = "2026-02-20T09:00:00Z"
        var cheques: [String: [String: [String]]] = [:]
        for round in ["r", "leeg"] {
            #expect(try cli.run("cheques", "round", "create", "--id", round, "--value", "7.55", "--issue-date", "2026-03-01",
                                "--valid-until", "2026-06-30", "--scope", "buurt").status == 0)
            #expect(try cli.run("cheques", "issue", "--round", round, "--print-to", "print-\(round)").status == 0)
            let csv = try String(contentsOf: cli.directory.appendingPathComponent("print-\(round)/cheques.csv"), encoding: .utf8)
            for line in csv.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",")
                cheques[round, default: [:]][String(fields[1]), default: []].append(String(fields.last!))
            }
        }
        cli.environment["BUURTSTEM_NOW"] = "2026-03-10T10:00:00Z"
        for (round, buurt, title, target) in [("r", "BU00140102", "Speelplek", "15.00"), ("r", "BU00140103", "Moestuin", "30.00"),
                                              ("r", "BU00140200", "Bankje", "100.00"), ("leeg", "BU00140102", "Bloembak", "50.00")] {
            #expect(try cli.run("initiative", "add", "--round", round, "--buurt", buurt, "--title", title, "--target", target,
                                "--deadline", "2026-05-31").status == 0)
        }
        for (round, buurt, initiative, count) in [("r", "BU00140102", "1", 3), ("r", "BU00140103", "2", 5), ("r", "BU00140200", "3", 1),
                                                  ("leeg", "BU00140102", "4", 1)] {
            for code in (cheques[round]?[buurt] ?? []).prefix(count) {
                let redeemed = try cli.run("cheques", "redeem", "--code", code, "--initiative", initiative)
                #expect(redeemed.status == 0, "\(redeemed.stderr)")
            }
        }
        // Not settled yet: refused as without --plan, nothing written.
        let early = try cli.run("report", "--round", "r", "--out", "site", "--plan", plan)
        #expect(early.status != 0 && early.stderr.contains("round r is not settled yet"), "\(early.stderr)")
        #expect(!exists("site"))
        for round in ["r", "leeg"] { #expect(try cli.run("cheques", "settle", "--round", round, "--before-expiry").status == 0) }

        // A plan that does not add up is refused with every line to fix, as for an election; nothing is written.
        let broken = try cli.run("report", "--round", "r", "--out", "site", "--plan", CLI.shipped("Budgets/broken-plan.yaml"))
        #expect(broken.status != 0 && broken.stderr.contains("the plan does not add up, so its funders' shares cannot be used"))
        #expect(broken.stderr.contains("broken-plan.yaml:48 (total)"), "\(broken.stderr)")
        let shares = try String(contentsOfFile: plan, encoding: .utf8).replacingOccurrences(of: "    share: 50 %\n    amount: 4437500\n\nclasses",
                                                                                           with: "    share: 40 %\n    amount: 4437500\n\nclasses")
        try shares.write(to: cli.directory.appendingPathComponent("shares.yaml"), atomically: true, encoding: .utf8)
        let short = try cli.run("report", "--round", "r", "--out", "site", "--plan", "shares.yaml")
        #expect(short.status != 0 && short.stderr.contains("the funders' shares add up to 90 %, not 100 %"), "\(short.stderr)")
        #expect(!exists("site") && !exists("site.partial"))

        let site = try cli.run("report", "--round", "r", "--out", "site", "--plan", plan, "--json")
        #expect(site.status == 0, "\(site.stderr)")
        let report = try json(site.stdout)
        let coFunding = try #require(report["coFunding"] as? [String: Any])
        let funders = coFunding["funders"] as? [[String: Any]] ?? []
        let items = coFunding["items"] as? [[String: Any]] ?? []
        let parts = items.map { $0["partsCents"] as? [Int] ?? [] }
        // 3 × 7.55 = 22.65 and 5 × 7.55 = 37.75: the odd cent goes to the gemeente, listed first.
        #expect(parts == [[1133, 1132], [1888, 1887]])
        #expect(funders.map { $0["totalCents"] as? Int ?? -1 } == [3021, 3019] && coFunding["totalCents"] as? Int == 6040)
        for (index, funder) in funders.enumerated() {
            #expect(funder["totalCents"] as? Int == parts.reduce(0) { $0 + $1[index] }, "\(funder)")
        }
        let initiatives = report["initiatives"] as? [[String: Any]] ?? []
        #expect(initiatives.count == 3)
        for initiative in initiatives {
            let cents = (initiative["funders"] as? [[String: Any]] ?? []).map { $0["cents"] as? Int ?? 0 }
            if initiative["funded"] as? Bool == true {
                #expect(cents.count == 2 && cents.reduce(0, +) == initiative["fundedCents"] as? Int, "\(initiative)")
            } else {
                #expect(cents.isEmpty, "\(initiative)")
            }
        }
        let paid = initiatives.filter { $0["funded"] as? Bool == true }
        #expect(items.map { ($0["item"] as? [String: Any])?["costCents"] as? Int ?? 0 } == paid.map { $0["fundedCents"] as? Int ?? -1 })
        // The same split as 'cheques report --plan', and the site's report.json is the --json output.
        let settlement = try json(try cli.run("cheques", "report", "--round", "r", "--plan", plan, "--json").stdout)
        #expect(NSDictionary(dictionary: coFunding) == NSDictionary(dictionary: settlement["coFunding"] as? [String: Any] ?? [:]))
        let published = try json(try String(contentsOf: cli.directory.appendingPathComponent("site/report.json"), encoding: .utf8))
        #expect(NSDictionary(dictionary: published["coFunding"] as? [String: Any] ?? [:]) == NSDictionary(dictionary: coFunding))
        let html = try String(contentsOf: cli.directory.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(html.contains("<a href=\"#betalers\">") && html.contains("<section id=\"betalers\">"))
        #expect(html.contains("Gemeente Groningen € 18,88, Woningcorporaties € 18,87") && html.contains("data-total-cents=\"3021\""))
        let csv = try String(contentsOf: cli.directory.appendingPathComponent("site/funders.csv"), encoding: .utf8)
        #expect(csv.contains("funder,gemeente,Gemeente Groningen,50 %,,,,3021,30.21\n"))
        #expect(csv.contains("initiative,corporaties,Woningcorporaties,50 %,1,Speelplek,2265,1132,11.32\n"))
        let list = try String(contentsOf: cli.directory.appendingPathComponent("site/initiatives.csv"), encoding: .utf8)
        #expect(list.contains(",Gemeente Groningen: 1888; Woningcorporaties: 1887\n"), "\(list)")

        // A round that funded nothing: every funder pays 0, and the page says so.
        let none = try cli.run("report", "--round", "leeg", "--out", "site-leeg", "--plan", plan, "--json")
        #expect(none.status == 0, "\(none.stderr)")
        let empty = try json(none.stdout)["coFunding"] as? [String: Any] ?? [:]
        #expect((empty["items"] as? [Any])?.isEmpty == true && empty["totalCents"] as? Int == 0)
        #expect((empty["funders"] as? [[String: Any]] ?? []).map { $0["totalCents"] as? Int ?? -1 } == [0, 0])
        let leeg = try String(contentsOf: cli.directory.appendingPathComponent("site-leeg/index.html"), encoding: .utf8)
        #expect(leeg.contains("<section id=\"betalers\">") && leeg.contains("dus niemand betaalt iets"))
        #expect(exists("site-leeg/funders.csv"))

        // Without --plan the site is as before: no section, no funders.csv, no coFunding.
        let plain = try cli.run("report", "--round", "r", "--out", "site-zonder", "--json")
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(try json(plain.stdout)["coFunding"] == nil)
        #expect(!exists("site-zonder/funders.csv"))
        let zonder = try String(contentsOf: cli.directory.appendingPathComponent("site-zonder/index.html"), encoding: .utf8)
        #expect(!zonder.contains("betalers") && !zonder.contains("Betaald door"))

        // --record: the round's own exported record is taken; another round's record, or a settlement changed after it
        // was signed, is refused and no site is written.
        for round in ["r", "leeg"] {
            let exported = try cli.run("cheques", "export", "--round", round, "--out", "record-\(round)")
            #expect(exported.status == 0, "\(exported.stderr)")
        }
        let recorded = try cli.run("report", "--round", "r", "--out", "site-record", "--record", "record-r")
        #expect(recorded.status == 0 && exists("site-record/index.html"), "\(recorded.stderr)")
        let other = try cli.run("report", "--round", "r", "--out", "site-other", "--record", "record-leeg")
        #expect(other.status != 0 && other.stderr.contains("is the record of cheque-round 'leeg', not of round r"), "\(other.stderr)")
        let settlementFile = cli.directory.appendingPathComponent("record-r/settlement.json")
        let signed = try String(contentsOf: settlementFile, encoding: .utf8)
        let changed = signed.replacingOccurrences(of: "\"collected_cents\":2265", with: "\"collected_cents\":3020")
        #expect(changed != signed, "the settlement names the first initiative's 3 cheques of EUR 7.55: \(signed)")
        try changed.write(to: settlementFile, atomically: true, encoding: .utf8)
        let forged = try cli.run("report", "--round", "r", "--out", "site-forged", "--record", "record-r")
        #expect(forged.status != 0 && forged.stderr.contains("settlement.json is not signed by this gemeente's issuing key"), "\(forged.stderr)")
        #expect(!exists("site-other") && !exists("site-forged"))
    }
}
