import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

/// Aanvragen through the CLI on the shipped Groningen areas: intake, toetsing with a recused assessor, decisions,
/// a withdrawal and execution; the proposals record exported and checked by `buurtstem-verify`, and forged
/// records, re-signed with the gemeente's own key, each caught by the named check.
@Suite("Proposals through the CLI, their record and buurtstem-verify")
struct ProposalVerifyTests {
    struct Fixture: Sendable {
        let cli: CLI
        let record: URL
    }

    static let fixture = Result { try makeFixture() }

    static let criteria = ["bewoners-actief", "voldoende-draagvlak", "past-in-wijkperspectief", "geen-regulier-beleid"]

    static func makeFixture() throws -> Fixture {
        var cli = try CLI.inTemporaryDirectory()
        func run(_ arguments: String...) throws {
            let result = try cli.run(arguments)
            guard result.status == 0 else { throw ChequeVerifyTests.CLIError(arguments: arguments, stderr: result.stderr) }
        }
        try run("init", "--gemeente", "Groningen", "--code", "GM0014")
        try run("areas", "import", CLI.shipped("Examples/groningen/areas.csv"))
        cli.environment["BUURTSTEM_NOW"] = "2026-03-02T09:00:00Z"
        try run("proposal", "criteria", CLI.shipped("Budgets/groningen-toetsingscriteria.yaml"))
        let csv = cli.directory.appendingPathComponent("aanvragen.csv")
        try Data("""
            title,description,contact,area,amount,costs,own_hours,own_money,co_funders,goals
            Speeltuin Javaplein,Nieuwe toestellen,anna@example.org,BU00140101,6000,Toestellen=4500;Plaatsing=1500,40,250,Woonstichting=1000,Meer ontmoeting
            Schilderen brug,De brug opknappen,bert@example.org,BU00140102,2000,Verf=2000,,,,
            Buurtfeest,Feest op het plein,carla@example.org,WK001402,450.00,Tent=300;Muziek=150,20,,,Samen
            """.utf8).write(to: csv)
        try run("proposal", "import", csv.path)
        try run("proposal", "add", "--title", "Moestuin", "--contact", "06-12345678", "--area", "BU00140103", "--amount", "300",
                "--cost", "Zaad en grond=300", "--goal", "Groen in de wijk")
        cli.environment["BUURTSTEM_NOW"] = "2026-03-09T09:00:00Z"
        for id in ["1", "2", "3"] { try run("proposal", "move", "--id", id, "--to", "in_review", "--note", "toetsing gestart") }
        try run("proposal", "declare-interest", "--id", "1", "--assessor", "toetser-2", "--statement", "lid van de speeltuinvereniging")
        for criterion in criteria {
            try run("proposal", "assess", "--id", "1", "--criterion", criterion, "--assessor", "toetser-1", "--met", "--reason", "Voldoet")
            let met = criterion != "geen-regulier-beleid"
            try run("proposal", "assess", "--id", "2", "--criterion", criterion, "--assessor", "toetser-2", met ? "--met" : "--not-met",
                    "--reason", met ? "In orde" : "Onderhoud van de brug is regulier beleid van de gemeente")
        }
        try run("proposal", "decide", "--id", "1")
        try run("proposal", "decide", "--id", "2")
        try run("proposal", "withdraw", "--id", "3", "--note", "de initiatiefnemer trekt het in")
        cli.environment["BUURTSTEM_NOW"] = "2026-04-15T09:00:00Z"
        for step in ["on_ballot", "funded", "in_execution"] { try run("proposal", "move", "--id", "1", "--to", step) }
        try run("proposal", "pay", "--id", "1", "--amount", "2500", "--milestone", "Toestellen besteld")
        try run("proposal", "pay", "--id", "1", "--amount", "2000.00", "--milestone", "Toestellen geplaatst", "--evidence", "foto-javaplein-12.jpg")
        try run("record", "export", "--proposals", "--out", "proposals-record")
        return Fixture(cli: cli, record: cli.directory.appendingPathComponent("proposals-record"))
    }

    /// A copy of the record to change.
    static func copy(_ fixture: Fixture) throws -> URL {
        let folder = fixture.cli.directory.appendingPathComponent("tampered-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixture.record, to: folder)
        return folder
    }

    /// The gemeente's own issuing key: what a forger inside the gemeente holds.
    static func issuingKey(_ fixture: Fixture) throws -> SigningKey {
        try KeyFile.unseal(Gemeente.defaultKeyPath(forDatabase: fixture.cli.directory.appendingPathComponent("buurtstem.sqlite").path),
                           passphrase: Passphrase(environment: ["BUURTSTEM_PASSPHRASE": "cli test passphrase"], interactive: false))
    }

    /// Rewrites `folder`'s log with `change`, recomputes every leaf hash, updates proposals.jsonl's statuses with
    /// `status` (and its co-funders with the log's, when `coFundersFromLog`), rewrites money.json with `money`, and
    /// re-signs the checkpoint and the index with the gemeente's key: a forgery with the real key.
    static func forge(_ folder: URL, key: SigningKey, status: [UInt64: ProposalStatus] = [:], coFundersFromLog: Bool = false,
                      money: ((ProposalMoney) -> ProposalMoney)? = nil, _ change: (inout [ProposalEntry]) -> Void) throws {
        let header = try JSONDecoder().decode(ProposalsHeader.self, from: Data(contentsOf: folder.appendingPathComponent("proposals.json")))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func lines(_ name: String) throws -> [Data] {
            try Data(contentsOf: folder.appendingPathComponent(name)).split(separator: UInt8(ascii: "\n")).map { Data($0) }
        }
        func write<T: Encodable>(_ name: String, _ values: [T]) throws {
            var data = Data()
            for value in values { data.append(try encoder.encode(value)); data.append(UInt8(ascii: "\n")) }
            try data.write(to: folder.appendingPathComponent(name))
        }
        var entries = try lines("log.jsonl").map { try JSONDecoder().decode(ProposalLogLine.self, from: $0).entry }
        change(&entries)
        try write("log.jsonl", entries.map { ProposalLogLine($0, logId: header.logId) })
        var log = MerkleLog()
        for entry in entries { log.append(leafHash: entry.leafHash(logId: header.logId)) }
        try write("checkpoints.jsonl", [Checkpoint(logId: header.logId, size: UInt64(log.size), root: log.root,
                                                   timeMillis: entries.last?.timeMillis ?? 0, signedBy: key)])
        var pledges: [UInt64: [ProposalLine.Amount]] = [:]
        for entry in entries { if case let .coFunding(funders) = entry.body { pledges[entry.proposal] = funders.map { .init(name: $0.name, cents: $0.cents) } } }
        let proposals = try lines("proposals.jsonl").map { try JSONDecoder().decode(ProposalLine.self, from: $0) }.map { line in
            ProposalLine(id: line.id, area: line.area, title: line.title, description: line.description, requestedCents: line.requestedCents,
                         costs: line.costs, ownHours: line.ownHours, ownCents: line.ownCents,
                         coFunders: coFundersFromLog ? pledges[line.id] ?? [] : line.coFunders, goals: line.goals, status: status[line.id] ?? line.status)
        }
        try write("proposals.jsonl", proposals)
        if let money {
            let url = folder.appendingPathComponent(ProposalRecordFile.money)
            try encoder.encode(money(try JSONDecoder().decode(ProposalMoney.self, from: Data(contentsOf: url)))).write(to: url)
        }
        try resign(folder, key: key)
    }

    /// Re-signs `folder`'s index over the files as they now are.
    static func resign(_ folder: URL, key: SigningKey) throws {
        let index = try JSONDecoder().decode(RecordIndex.self, from: Data(contentsOf: folder.appendingPathComponent("record.json")))
        let files = try ProposalRecordFile.indexed.sorted().filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }.map {
            RecordIndex.FileDigest(name: $0, sha256: SHA.sha256([UInt8](try Data(contentsOf: folder.appendingPathComponent($0)))))
        }
        let signed = RecordIndex(kind: index.kind, election: index.election, gemeente: index.gemeente, gemeenteName: index.gemeenteName,
                                 files: files, issuingKey: key)
        try JSONEncoder().encode(signed).write(to: folder.appendingPathComponent("record.json"))
    }

    @Test("the exported record passes every check, and names no initiatiefnemer's contact")
    func freshRecordPasses() throws {
        let fixture = try Self.fixture.get()
        let (status, failed, stderr) = try ChequeVerifyTests.verify(fixture.record, cli: fixture.cli)
        #expect(status == 0 && failed.isEmpty, "\(failed) \(stderr)")
        let text = try fixture.cli.run([fixture.record.path], tool: "buurtstem-verify").stdout
        for check in ["files", "header", "log entries", "log checkpoints", "statuses", "decisions", "recusals", "payments", "proposals", "money"] {
            #expect(text.contains("PASS  \(check) ("), "\(check) missing in \(text)")
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: fixture.record.path) {
            let content = try String(contentsOf: fixture.record.appendingPathComponent(name), encoding: .utf8)
            for contact in ["anna@example.org", "bert@example.org", "carla@example.org", "06-12345678"] {
                #expect(!content.contains(contact), "\(name) holds a contact")
            }
        }
        let proposals = try String(contentsOf: fixture.record.appendingPathComponent("proposals.jsonl"), encoding: .utf8)
        #expect(proposals.contains("\"status\":\"in_execution\"") && proposals.contains("\"status\":\"rejected\"") && proposals.contains("\"status\":\"withdrawn\""))
    }

    @Test("list --json hides contacts unless --with-contact; show tells the decision in Dutch")
    func listAndShow() throws {
        let fixture = try Self.fixture.get()
        let list = try fixture.cli.run("proposal", "list", "--json")
        #expect(list.status == 0 && !list.stdout.contains("anna@example.org") && list.stdout.contains("\"statusText\" : \"in uitvoering\""), "\(list.stdout)")
        let withContact = try fixture.cli.run("proposal", "list", "--json", "--with-contact")
        #expect(withContact.stdout.contains("anna@example.org"))
        let show = try fixture.cli.run("proposal", "show", "--id", "2")
        #expect(show.stdout.contains("Afgewezen, omdat de aanvraag niet voldoet aan:\n- Geen regulier beleid: Onderhoud van de brug"), "\(show.stdout)")
        let back = try fixture.cli.run("proposal", "move", "--id", "1", "--to", "funded")
        #expect(back.status != 0 && back.stderr.contains("only forward"), "\(back.stderr)")
        let recused = try fixture.cli.run("proposal", "assess", "--id", "4", "--criterion", "bewoners-actief", "--assessor", "toetser-1", "--met", "--reason", "x")
        #expect(recused.status != 0 && recused.stderr.contains("in_review"), "\(recused.stderr)")
    }

    @Test("payments: at most the funded amount, shown with what is paid; a forged payment above it, re-signed, fails 'payments' only")
    func payments() throws {
        let fixture = try Self.fixture.get()
        let over = try fixture.cli.run("proposal", "pay", "--id", "1", "--amount", "1500.01", "--milestone", "Extra")
        #expect(over.status != 0 && over.stderr.contains("at most € 1.500,00 is left"), "\(over.stderr)")
        let early = try fixture.cli.run("proposal", "pay", "--id", "4", "--amount", "10", "--milestone", "Zaad")
        #expect(early.status != 0 && early.stderr.contains("gefinancierd or in uitvoering"), "\(early.stderr)")
        let shown = try fixture.cli.run("proposal", "show", "--id", "1")
        #expect(shown.stdout.contains("Paid: € 4.500,00") && shown.stdout.contains("(bewijs: foto-javaplein-12.jpg)"), "\(shown.stdout)")

        let folder = try Self.copy(fixture)
        try Self.forge(folder, key: try Self.issuingKey(fixture)) { entries in
            let last = entries.last!
            entries.append(ProposalEntry(sequence: last.sequence + 1, timeMillis: last.timeMillis, proposal: 1,
                                         body: .payment(amountCents: 160_000, milestone: "Nog een betaling", evidence: "")))
        }
        let (status, failed, _) = try ChequeVerifyTests.verify(folder, cli: fixture.cli)
        // money.json, left as it was, no longer matches what the log has paid either.
        #expect(status != 0 && Set(failed.keys) == ["payments", "money"], "\(failed)")
        #expect(failed["payments"]?.first?.contains("add up to 610000 cents, above its funded 600000 cents") == true, "\(failed)")
    }

    @Test("funded for less than requested: the funding entry lowers the ceiling; re-signed forgeries of it fail 'payments' (#18)")
    func fundedForLess() throws {
        let fixture = try Self.fixture.get()
        let key = try Self.issuingKey(fixture)
        /// The log with a funding entry for proposal 1 inserted right after its move to funded, renumbered.
        func inserting(_ funding: ProposalEntry.Body, after kind: @escaping (ProposalEntry) -> Bool) -> (inout [ProposalEntry]) -> Void {
            { entries in
                let at = entries.firstIndex(where: kind)! + 1
                entries.insert(ProposalEntry(sequence: 0, timeMillis: entries[at - 1].timeMillis, proposal: 1, body: funding), at: at)
                entries = entries.enumerated().map { ProposalEntry(sequence: UInt64($0), timeMillis: $1.timeMillis, proposal: $1.proposal, body: $1.body) }
            }
        }
        let toFunded: (ProposalEntry) -> Bool = { if case .status(_, .funded, _) = $0.body, $0.proposal == 1 { true } else { false } }
        let firstPayment: (ProposalEntry) -> Bool = { if case .payment = $0.body, $0.proposal == 1 { true } else { false } }
        // Funded at EUR 5.000 (the payments, 4.500, fit): passes.
        let honest = try Self.copy(fixture)
        // The money of proposal 1 (EUR 6.000 asked, Woonstichting pledges 1.000, the gemeente the other 5.000) at
        // EUR 5.000 funded, 4.500 paid: the payments split 5:1 exactly (375.000 and 75.000 cents); the open 50.000
        // cents split 41.666,67 : 8.333,33, so the floors 41.666 and 8.333 leave one cent, which goes to the larger
        // remainder: the gemeente's.
        let funded = ProposalMoney.Amounts(committedCents: 500_000, paidCents: 450_000, returnedCents: 0)
        let funders = [ProposalMoney.Funder(funder: "Gemeente Groningen", amounts: .init(committedCents: 416_667, paidCents: 375_000, returnedCents: 0)),
                       ProposalMoney.Funder(funder: "Woonstichting", amounts: .init(committedCents: 83_333, paidCents: 75_000, returnedCents: 0))]
        let money: (ProposalMoney) -> ProposalMoney = { money in
            ProposalMoney(wijken: money.wijken.map { $0.code == "WK001401" ? .init(code: $0.code, areas: $0.areas, amounts: funded, funders: funders) : $0 },
                          funders: funders)
        }
        try Self.forge(honest, key: key, money: money, inserting(.funding(amountCents: 500_000, reason: "het wijkbudget had nog EUR 5.000"), after: toFunded))
        let (okStatus, okFailed, _) = try ChequeVerifyTests.verify(honest, cli: fixture.cli)
        #expect(okStatus == 0 && okFailed.isEmpty, "\(okFailed)")
        // Funded at EUR 4.000: the payments (4.500) exceed it.
        let below = try Self.copy(fixture)
        try Self.forge(below, key: key, inserting(.funding(amountCents: 400_000, reason: "plafond"), after: toFunded))
        let (status, failed, _) = try ChequeVerifyTests.verify(below, cli: fixture.cli)
        #expect(status != 0 && failed["payments"]?.contains { $0.contains("add up to 450000 cents, above its funded 400000 cents") } == true, "\(failed)")
        // Lowered after a payment, or "lowered" to more than requested.
        let late = try Self.copy(fixture)
        try Self.forge(late, key: key, inserting(.funding(amountCents: 500_000, reason: "later"), after: firstPayment))
        let (_, lateFailed, _) = try ChequeVerifyTests.verify(late, cli: fixture.cli)
        #expect(lateFailed["payments"]?.contains { $0.contains("after a payment") } == true, "\(lateFailed)")
        let more = try Self.copy(fixture)
        try Self.forge(more, key: key, inserting(.funding(amountCents: 700_000, reason: "meer"), after: toFunded))
        let (_, moreFailed, _) = try ChequeVerifyTests.verify(more, cli: fixture.cli)
        #expect(moreFailed["payments"]?.contains { $0.contains("not below its requested 600000 cents") } == true, "\(moreFailed)")
    }

    @Test("election create --from-proposals puts the admitted aanvragen of each contest's area on the ballot and logs it")
    func electionFromProposals() throws {
        var cli = try CLI.groningen()
        cli.environment["BUURTSTEM_NOW"] = "2026-09-01T09:00:00Z"
        func run(_ arguments: String...) throws -> CLI.Result {
            let result = try cli.run(arguments)
            guard result.status == 0 else { throw ChequeVerifyTests.CLIError(arguments: arguments, stderr: result.stderr) }
            return result
        }
        _ = try run("proposal", "criteria", CLI.shipped("Budgets/groningen-toetsingscriteria.yaml"))
        for (title, area, amount) in [("Geveltuinen", "BU00140103", "12500"), ("Buurtkamer", "WK001401", "39500"), ("Bankjes Oosterpark", "BU00140200", "8000"), ("Niet toegelaten", "BU00140100", "500")] {
            _ = try run("proposal", "add", "--title", title, "--contact", "x@example.org", "--area", area, "--amount", amount, "--cost", "Alles=\(amount)")
        }
        for id in ["1", "2", "3", "4"] {
            _ = try run("proposal", "move", "--id", id, "--to", "in_review")
            for criterion in Self.criteria {
                let met = id != "4"
                _ = try run("proposal", "assess", "--id", id, "--criterion", criterion, "--assessor", "toetser-1", met ? "--met" : "--not-met", "--reason", "Toelichting")
            }
            _ = try run("proposal", "decide", "--id", id)
        }
        let definition = cli.directory.appendingPathComponent("stemdag.yaml")
        try Data("""
            id: 2026-korrewegwijk
            title: Wijkstemdag Korrewegwijk 2026
            gemeente: GM0014
            eligibility: household
            polls:
              open: 2026-11-28T09:00:00+01:00
              close: 2026-11-28T20:00:00+01:00
            ballot:
              type: approval
              min: 1
              max: 2
            allocation:
              rule: greedy
              tie_break: cost-votes
            contests:
              - area: WK001401
                budget: 50000
            """.utf8).write(to: definition)
        let created = try run("election", "create", definition.path, "--from-proposals")
        #expect(created.stdout.contains("on the ballot from aanvragen: 1, 2; toegelaten but in no contest's area: 3"), "\(created.stdout)")
        let shown = try run("election", "show", "--election", "2026-korrewegwijk", "--json").stdout
        #expect(shown.contains("aanvraag-1") && shown.contains("aanvraag-2") && !shown.contains("aanvraag-3") && !shown.contains("aanvraag-4"), "\(shown)")
        let list = try run("proposal", "list").stdout
        #expect(list.contains("'Geveltuinen'  € 12.500,00  op de stembrief") && list.contains("'Bankjes Oosterpark'  € 8.000,00  getoetst: toegelaten"), "\(list)")
        _ = try run("record", "export", "--proposals", "--out", "rec")
        let verified = try ChequeVerifyTests.verify(cli.directory.appendingPathComponent("rec"), cli: cli)
        #expect(verified.status == 0 && verified.failed.isEmpty, "\(verified.failed)")
        let again = try cli.run("election", "create", definition.path, "--from-proposals")
        #expect(again.status != 0, "only proposal 3 is left, in no contest: \(again.stdout)")
    }

    @Test("report --proposals writes an overview and a page per proposal with its reasons and timeline, and no contact")
    func site() throws {
        let fixture = try Self.fixture.get()
        let folder = "site-\(UUID().uuidString)"
        let result = try fixture.cli.run("report", "--proposals", "--out", folder)
        #expect(result.status == 0, "\(result.stderr)")
        let site = fixture.cli.directory.appendingPathComponent(folder)
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<a href=\"aanvraag-2.html\">Schilderen brug</a>") && index.contains("data-status=\"in_execution\""), "\(index)")
        let rejected = try String(contentsOf: site.appendingPathComponent("aanvraag-2.html"), encoding: .utf8)
        #expect(rejected.contains("<p>- Geen regulier beleid: Onderhoud van de brug is regulier beleid van de gemeente</p>"), "\(rejected)")
        let funded = try String(contentsOf: site.appendingPathComponent("aanvraag-1.html"), encoding: .utf8)
        #expect(funded.contains("toetser-2 meldt belangenverstrengeling") && funded.contains("betaald € 2.000,00 voor: Toestellen geplaatst"), "\(funded)")
        #expect(funded.contains("<dt>Gefinancierd</dt><dd data-figure=\"funded-cents\">€ 6.000,00</dd>"), "\(funded)")
        #expect(!rejected.contains("data-figure=\"funded-cents\""))
        // Who pays what: proposal 1 (EUR 6.000, EUR 1.000 pledged by the Woonstichting) is paid 5 : 1; per wijk and
        // funder in funders.csv, the parts adding up to the wijk's committed, paid and open amounts.
        let funders = try String(contentsOf: site.appendingPathComponent("funders.csv"), encoding: .utf8)
        #expect(funders == """
            wijk,funder,committed_cents,paid_cents,returned_cents,open_cents
            WK001401,Gemeente Groningen,500000,375000,0,125000
            WK001401,Woonstichting,100000,75000,0,25000
            all,Gemeente Groningen,500000,375000,0,125000
            all,Woonstichting,100000,75000,0,25000

            """.replacingOccurrences(of: "\n", with: funders.contains("\r\n") ? "\r\n" : "\n"), "\(funders)")
        #expect(index.contains("id=\"financiers\""))
        // Korrewegwijk: proposals 1, 2 and 4 (its buurten); only 1 is funded (EUR 6,000), EUR 4,500 of it paid.
        #expect(index.contains("data-wijk=\"WK001401\"") && index.contains("data-committed-cents=\"600000\"")
            && index.contains("data-open-cents=\"150000\""), "\(index)")
        let csv = try String(contentsOf: site.appendingPathComponent("proposals.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("id,area,title,requested_cents") && csv.contains("1,BU00140101,Speeltuin Javaplein,600000,6000.00,in_execution,450000,"), "\(csv)")
        for name in try FileManager.default.contentsOfDirectory(atPath: site.path) {
            let content = try String(contentsOf: site.appendingPathComponent(name), encoding: .utf8)
            #expect(!content.contains("anna@example.org") && !content.contains("06-12345678"), "\(name) holds a contact")
        }
    }

    @Test("an import with bad lines names file, line and column, and stores nothing")
    func importErrors() throws {
        let fixture = try Self.fixture.get()
        let csv = fixture.cli.directory.appendingPathComponent("slecht.csv")
        try Data("title,contact,area,amount,costs\nBankjes,,BU00140103,800,Bankjes=800\nTuin,t@example.org,BU00140103,300,Tuin=200\n".utf8).write(to: csv)
        let result = try fixture.cli.run("proposal", "import", csv.path)
        #expect(result.status != 0)
        #expect(result.stderr.contains("slecht.csv:2 (contact)") && result.stderr.contains("slecht.csv:3 (costs)") && result.stderr.contains("nothing was stored"), "\(result.stderr)")
        let list = try fixture.cli.run("proposal", "list", "--json")
        #expect(!list.stdout.contains("Bankjes"))
    }

    /// Proposal 1's co-funding pledge in the log changed to `cents` (renumbering nothing).
    static func pledging(_ cents: UInt64) -> (inout [ProposalEntry]) -> Void {
        { entries in
            let at = entries.firstIndex { if case .coFunding = $0.body, $0.proposal == 1 { true } else { false } }!
            entries[at] = ProposalEntry(sequence: entries[at].sequence, timeMillis: entries[at].timeMillis, proposal: 1,
                                        body: .coFunding(funders: [.init(name: "Woonstichting", cents: cents)]))
        }
    }

    @Test("money.json per wijk and funder matches the site's table; a changed funder total or co-funding share, re-signed, fails 'money' (#18)")
    func moneyPerFunder() throws {
        let fixture = try Self.fixture.get()
        let key = try Self.issuingKey(fixture)
        // Proposal 1: EUR 6.000 funded, 4.500 paid; Woonstichting pledges 1.000, so the split is 5:1 and exact.
        let money = try JSONDecoder().decode(ProposalMoney.self, from: Data(contentsOf: fixture.record.appendingPathComponent("money.json")))
        let gemeente = ProposalMoney.Funder(funder: "Gemeente Groningen", amounts: .init(committedCents: 500_000, paidCents: 375_000, returnedCents: 0))
        let woonstichting = ProposalMoney.Funder(funder: "Woonstichting", amounts: .init(committedCents: 100_000, paidCents: 75_000, returnedCents: 0))
        #expect(money.funders == [gemeente, woonstichting], "\(money)")
        #expect(money.wijken.map(\.code) == ["WK001401", "WK001402"] && money.wijken[0].areas == ["BU00140101", "BU00140102", "BU00140103"], "\(money)")
        #expect(money.wijken[0].funders == [gemeente, woonstichting] && money.wijken[1].funders.isEmpty, "\(money)")
        // The same numbers as the site's table (report --proposals --json, wijken[].funders[]).
        let report = try fixture.cli.run("report", "--proposals", "--json", "--out", fixture.cli.directory.appendingPathComponent("site-\(UUID().uuidString)").path)
        let json = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
        let shown = ((json?["wijken"] as? [[String: Any]])?.first?["funders"] as? [[String: Any]] ?? []).map {
            "\($0["funder"] ?? "") \($0["committedCents"] ?? "") \($0["paidCents"] ?? "") \($0["returnedCents"] ?? "")"
        }
        #expect(shown == ["Gemeente Groningen 500000 375000 0", "Woonstichting 100000 75000 0"], "\(report.stdout)")

        // One more cent for the Woonstichting in the totals: the log's shares do not give it.
        let total = try Self.copy(fixture)
        try Self.forge(total, key: key, money: { money in
            ProposalMoney(wijken: money.wijken, funders: [gemeente, .init(funder: "Woonstichting", amounts: .init(committedCents: 100_001, paidCents: 75_000, returnedCents: 0))])
        }) { _ in }
        let (status, failed, _) = try ChequeVerifyTests.verify(total, cli: fixture.cli)
        #expect(status != 0 && Set(failed.keys) == ["money"], "\(failed)")
        #expect(failed["money"]?.contains { $0.contains("over every wijk: Woonstichting has committed 100001") } == true, "\(failed)")

        // The Woonstichting's share doubled in the log (and in proposals.jsonl): money.json's split no longer follows.
        let share = try Self.copy(fixture)
        try Self.forge(share, key: key, coFundersFromLog: true, Self.pledging(200_000))
        let (shareStatus, shareFailed, _) = try ChequeVerifyTests.verify(share, cli: fixture.cli)
        #expect(shareStatus != 0 && Set(shareFailed.keys) == ["money"], "\(shareFailed)")
        #expect(shareFailed["money"]?.contains { $0.contains("wijk WK001401: Woonstichting has committed 100000, paid 75000, returned 0 cents in money.json, but the log's shares give committed 200000, paid 150000") } == true, "\(shareFailed)")
        // A share above the proposal's amount: the funders' shares cannot add up to it.
        let above = try Self.copy(fixture)
        try Self.forge(above, key: key, coFundersFromLog: true, Self.pledging(700_000))
        let (_, aboveFailed, _) = try ChequeVerifyTests.verify(above, cli: fixture.cli)
        #expect(aboveFailed["money"]?.contains { $0.contains("pledge 700000 cents together, more than its requested 600000 cents") } == true, "\(aboveFailed)")
        // A co-funder in proposals.jsonl that the log does not have.
        let unlogged = try Self.copy(fixture)
        try Self.forge(unlogged, key: key, coFundersFromLog: false, Self.pledging(100_001))
        let (_, unloggedFailed, _) = try ChequeVerifyTests.verify(unlogged, cli: fixture.cli)
        #expect(unloggedFailed["proposals"]?.contains { $0.contains("co-funders differ from its co_funding entry") } == true, "\(unloggedFailed)")
        // The engine refuses co-funders pledging more than the requested amount.
        let refused = try fixture.cli.run("proposal", "add", "--title", "Bankje", "--contact", "06-1", "--area", "BU00140103", "--amount", "100",
                                          "--cost", "Bank=100", "--co-funder", "Woonstichting=150")
        #expect(refused.status != 0 && refused.stderr.contains("more than the requested"), "\(refused.stderr)")
    }

    @Test("a format 1 record (no co_funding entries, no money.json) still verifies, with money reported as not bound (#18)")
    func formatOneStillVerifies() throws {
        let fixture = try Self.fixture.get()
        let folder = try Self.copy(fixture)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("money.json"))
        let header = folder.appendingPathComponent("proposals.json")
        try Data(try String(contentsOf: header, encoding: .utf8).replacingOccurrences(of: "buurtstem-proposals/2", with: "buurtstem-proposals/1").utf8).write(to: header)
        try Self.forge(folder, key: try Self.issuingKey(fixture)) { entries in
            entries = entries.filter { if case .coFunding = $0.body { false } else { true } }.enumerated().map {
                ProposalEntry(sequence: UInt64($0), timeMillis: $1.timeMillis, proposal: $1.proposal, body: $1.body)
            }
        }
        let (status, failed, stderr) = try ChequeVerifyTests.verify(folder, cli: fixture.cli)
        #expect(status == 0 && failed.isEmpty, "\(failed) \(stderr)")
        let text = try fixture.cli.run([folder.path], tool: "buurtstem-verify").stdout
        #expect(text.contains("WARNING: format 1: money not bound") && text.contains("PASS  money (0 checked)"), "\(text)")
    }

    @Test("a status moved backwards, re-signed with the gemeente's key, fails 'statuses' and nothing else")
    func statusBackwards() throws {
        let fixture = try Self.fixture.get()
        let folder = try Self.copy(fixture)
        try Self.forge(folder, key: try Self.issuingKey(fixture), status: [1: .funded]) { entries in
            let last = entries.last!
            entries.append(ProposalEntry(sequence: last.sequence + 1, timeMillis: last.timeMillis, proposal: 1,
                                         body: .status(from: .inExecution, to: .funded, note: "terug")))
        }
        let (status, failed, _) = try ChequeVerifyTests.verify(folder, cli: fixture.cli)
        #expect(status != 0 && Set(failed.keys) == ["statuses"], "\(failed)")
        #expect(failed["statuses"]?.first?.contains("moves from 'in_execution' to 'funded'") == true, "\(failed)")
    }

    @Test("a judgement moved to the assessor who declared an interest, re-signed, fails 'recusals' and nothing else")
    func recusedJudgement() throws {
        let fixture = try Self.fixture.get()
        let folder = try Self.copy(fixture)
        try Self.forge(folder, key: try Self.issuingKey(fixture)) { entries in
            let at = entries.firstIndex { if case .judgement(_, "bewoners-actief", _, _) = $0.body { $0.proposal == 1 } else { false } }!
            let old = entries[at]
            entries[at] = ProposalEntry(sequence: old.sequence, timeMillis: old.timeMillis, proposal: 1,
                                        body: .judgement(assessor: "toetser-2", criterion: "bewoners-actief", met: true, reason: "Voldoet"))
        }
        let (status, failed, _) = try ChequeVerifyTests.verify(folder, cli: fixture.cli)
        #expect(status != 0 && Set(failed.keys) == ["recusals"], "\(failed)")
        #expect(failed["recusals"]?.first?.contains("toetser-2 judged 'bewoners-actief' of proposal 1 after declaring an interest") == true, "\(failed)")
    }

    @Test("a rejection turned into admission, re-signed, fails 'decisions'; a decision without judgements too")
    func decisionAgainstJudgements() throws {
        let fixture = try Self.fixture.get()
        let folder = try Self.copy(fixture)
        try Self.forge(folder, key: try Self.issuingKey(fixture), status: [2: .admitted]) { entries in
            let at = entries.firstIndex { if case .decision = $0.body { $0.proposal == 2 } else { false } }!
            let old = entries[at]
            entries[at] = ProposalEntry(sequence: old.sequence, timeMillis: old.timeMillis, proposal: 2,
                                        body: .decision(outcome: .admitted, reasons: "Toegelaten."))
        }
        let (status, failed, _) = try ChequeVerifyTests.verify(folder, cli: fixture.cli)
        #expect(status != 0 && Set(failed.keys) == ["decisions"], "\(failed)")
        #expect(failed["decisions"]?.first?.contains("its judgements make it 'rejected'") == true, "\(failed)")

        let bare = try Self.copy(fixture)
        try Self.forge(bare, key: try Self.issuingKey(fixture)) { entries in
            entries.removeAll { if case .judgement = $0.body { $0.proposal == 2 } else { false } }
            entries = entries.enumerated().map { ProposalEntry(sequence: UInt64($0.offset), timeMillis: $0.element.timeMillis,
                                                               proposal: $0.element.proposal, body: $0.element.body) }
        }
        let second = try ChequeVerifyTests.verify(bare, cli: fixture.cli)
        #expect(second.status != 0 && Set(second.failed.keys) == ["decisions"], "\(second.failed)")
    }

    @Test("edits without the key: a changed title fails the index, a dropped entry fails the log and checkpoint")
    func unsignedEdits() throws {
        let fixture = try Self.fixture.get()
        let folder = try Self.copy(fixture)
        let file = folder.appendingPathComponent("proposals.jsonl")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "Speeltuin Javaplein", with: "Speeltuin Javaplein XL").utf8).write(to: file)
        let edited = try ChequeVerifyTests.verify(folder, cli: fixture.cli)
        #expect(edited.status != 0 && edited.failed["files"] != nil && edited.failed["proposals"] != nil, "\(edited.failed)")

        let dropped = try Self.copy(fixture)
        let log = dropped.appendingPathComponent("log.jsonl")
        var lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        lines.remove(at: 3)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: log)
        try Self.resign(dropped, key: try Self.issuingKey(fixture))
        let result = try ChequeVerifyTests.verify(dropped, cli: fixture.cli)
        #expect(result.status != 0 && result.failed["log entries"] != nil && result.failed["log checkpoints"] != nil, "\(result.failed)")
    }
}
