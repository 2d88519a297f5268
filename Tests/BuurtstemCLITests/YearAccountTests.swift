import Foundation
import Testing

/// The raad's verantwoording per wijk in the year view (issue 18): plan -> aanvragen -> besluiten -> betalingen ->
/// bereik, the same numbers in `index.html`, `report.json` and `verantwoording.csv`, on the demo's year.
@Suite("The year view's verantwoording per wijk")
struct YearAccountTests {
    /// Each column of `verantwoording.csv` (and `data-key` of the page's rows) and its field in `report.json`.
    static let fields: [(key: String, path: [String])] = [
        ("budget_cents", ["budgetCents"]), ("cap_cents", ["capCents"]),
        ("proposals_received", ["proposals", "received"]), ("proposals_admitted", ["proposals", "admitted"]),
        ("proposals_rejected", ["proposals", "rejected"]), ("proposals_withdrawn", ["proposals", "withdrawn"]),
        ("decided_by_stemdag", ["proposals", "decidedByStemdag"]), ("decided_by_cheque_round", ["proposals", "decidedByChequeRound"]),
        ("decided_by_wijkteam", ["proposals", "decidedByWijkteam"]),
        ("proposals_funded", ["proposals", "funded"]), ("proposals_not_funded", ["proposals", "notFunded"]),
        ("funded_projects", ["fundedProjects"]),
        ("proposals_committed_cents", ["proposals", "committedCents"]), ("proposals_paid_cents", ["proposals", "paidCents"]),
        ("proposals_returned_cents", ["proposals", "returnedCents"]), ("proposals_open_cents", ["proposals", "openCents"]),
        ("cheques_paid_cents", ["paidCents"]), ("passes_issued", ["passesIssued"]), ("ballots_kiosk", ["ballotsKiosk"]),
        ("ballots_paper", ["ballotsPaper"]), ("ballots_counted", ["ballotsCounted"]), ("turnout_percent", ["turnoutPercent"]),
        ("cheques_issued", ["chequesIssued"]), ("cheques_online", ["chequesOnline"]), ("cheques_paper", ["chequesPaper"]), ("cheques_kiosk", ["chequesKiosk"]),
        ("cheques_redeemed", ["chequesRedeemed"]), ("cheque_reach_percent", ["chequeReachPercent"]),
    ]

    /// A JSON value as the CSV writes it ("" for none; a percentage with its one decimal).
    static func text(_ value: Any?, percent: Bool) -> String {
        switch value {
        case nil, is NSNull: ""
        case let number as NSNumber: percent ? "\(number.doubleValue)" : "\(number.int64Value)"
        default: "\(value!)"
        }
    }

    @Test("every figure of every wijk is the same in the page, report.json and verantwoording.csv; the demo's chain adds up")
    func sameNumbersEverywhere() throws {
        let cli = try CLI.inTemporaryDirectory()
        let demo = try cli.run("demo", "--households", "300", "--out", "demo", "--json")
        #expect(demo.status == 0, "\(demo.stderr)")
        let year = String(Calendar(identifier: .gregorian).component(.year, from: Date()))
        let result = try cli.run("report", "--year", year, "--out", "jaar", "--db", "demo/buurtstem.sqlite")
        #expect(result.status == 0, "\(result.stderr)")
        let site = cli.directory.appendingPathComponent("jaar")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("report.json"))) as? [String: Any])
        var wijken: [String: [String: Any]] = [:]
        for line in (json["wijken"] as? [[String: Any]] ?? []) + [json["total"] as? [String: Any] ?? [:]] {
            wijken[line["code"] as? String ?? ""] = line
        }
        func value(_ code: String, _ path: [String]) -> String {
            var current: Any? = wijken[code]
            for key in path { current = (current as? [String: Any])?[key] }
            return Self.text(current, percent: path.last?.hasSuffix("Percent") == true)
        }
        // The CSV: its header is the list of figures, and each line equals report.json.
        let csv = try String(contentsOf: site.appendingPathComponent("verantwoording.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(csv.first == ["code", "name"] + Self.fields.map(\.key), "\(csv.first ?? [])")
        let csvLines = csv.dropFirst()
        #expect(csvLines.last?.first == json["gemeente"] as? String, "the total comes last")
        for line in csvLines {
            for (index, field) in Self.fields.enumerated() {
                #expect(line[index + 2] == value(line[0], field.path), "\(line[0]) \(field.key) in the CSV")
            }
        }
        // The page: one article per line of the CSV, one row per figure with the exact value.
        let html = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        let articles = html.components(separatedBy: "<article class=\"account\" data-wijk=\"").dropFirst()
        #expect(articles.map { String($0.prefix { $0 != "\"" }) } == csvLines.map { $0[0] })
        for article in articles {
            let code = String(article.prefix { $0 != "\"" })
            for field in Self.fields {
                let marker = "<tr data-key=\"\(field.key)\""
                let row = try #require(article.components(separatedBy: marker).dropFirst().first, "\(code) has no row \(field.key)")
                let shown = row.components(separatedBy: "data-value=\"").dropFirst().first?.prefix { $0 != "\"" }
                #expect(shown.map(String.init) == value(code, field.path), "\(code) \(field.key) on the page")
            }
        }
        // The demo's chain, gemeente-wide: 20 aanvragen, 16 admitted, 3 rejected, 1 withdrawn; one decided by the
        // wijkteam, the others admitted by the stemdag; paid + returned + open = committed; kiosk + paper = counted.
        let total = try #require(json["total"] as? [String: Any])
        let proposals = try #require(total["proposals"] as? [String: Any])
        #expect(proposals["received"] as? Int == 20 && proposals["admitted"] as? Int == 16 && proposals["rejected"] as? Int == 3
            && proposals["withdrawn"] as? Int == 1, "\(proposals)")
        #expect(proposals["decidedByWijkteam"] as? Int == 1 && proposals["decidedByStemdag"] as? Int == 15, "\(proposals)")
        #expect((proposals["funded"] as? Int ?? 0) + (proposals["notFunded"] as? Int ?? 0) == 16)
        let committed = proposals["committedCents"] as? Int ?? -1
        #expect((proposals["paidCents"] as? Int ?? 0) + (proposals["returnedCents"] as? Int ?? 0) + (proposals["openCents"] as? Int ?? 0) == committed)
        #expect((proposals["returnedCents"] as? Int ?? 0) > 0, "the stopped aanvraag's rest flows back")
        #expect((total["ballotsKiosk"] as? Int ?? 0) + (total["ballotsPaper"] as? Int ?? 0) == total["ballotsCounted"] as? Int)
        #expect((total["ballotsPaper"] as? Int ?? 0) > 0 && (total["chequesRedeemed"] as? Int ?? 0) > 0, "\(total)")
        for line in wijken.values {
            #expect((line["chequesOnline"] as? Int ?? 0) + (line["chequesPaper"] as? Int ?? 0) + (line["chequesKiosk"] as? Int ?? 0)
                == line["chequesRedeemed"] as? Int, "\(line["code"] ?? "") cheques by channel")
        }
        #expect((total["chequesPaper"] as? Int ?? 0) > 0 || (total["chequesKiosk"] as? Int ?? 0) > 0, "the demo's cheques come by more than one channel: \(total)")
    }
}
