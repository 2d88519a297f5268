import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

/// The wijkteam's route (issue 18, "or a wijkteam decides directly, with the same signed reasons"): from the CLI,
/// on the proposal's page, and checked by `buurtstem-verify`, with re-signed forgeries of its reasons caught.
@Suite("Proposals decided by the wijkteam")
struct ProposalWijkteamTests {
    static let fixture = Result { try makeFixture() }

    /// Two admitted aanvragen in the Korrewegwijk: 1 (with an assessor recused) funded by the wijkteam at less than
    /// requested, paid in two instalments and completed; 2 not funded by the wijkteam.
    static func makeFixture() throws -> ProposalVerifyTests.Fixture {
        var cli = try CLI.inTemporaryDirectory()
        func run(_ arguments: String...) throws {
            let result = try cli.run(arguments)
            guard result.status == 0 else { throw ChequeVerifyTests.CLIError(arguments: arguments, stderr: result.stderr) }
        }
        try run("init", "--gemeente", "Groningen", "--code", "GM0014")
        try run("areas", "import", CLI.shipped("Examples/groningen/areas.csv"))
        cli.environment["BUURTSTEM_NOW"] = "2026-03-02T09:00:00Z"
        try run("proposal", "criteria", CLI.shipped("Budgets/groningen-toetsingscriteria.yaml"))
        try run("proposal", "add", "--title", "Wandelroute", "--contact", "dirk@example.org", "--area", "BU00140101", "--amount", "7150",
                "--cost", "Bordjes=5000", "--cost", "Uitvoering=2150", "--co-funder", "Woonstichting=1000")
        try run("proposal", "add", "--title", "Bloembakken", "--contact", "eva@example.org", "--area", "BU00140102", "--amount", "800",
                "--cost", "Bakken=800")
        for id in ["1", "2"] {
            try run("proposal", "move", "--id", id, "--to", "in_review")
            if id == "1" {
                try run("proposal", "declare-interest", "--id", "1", "--assessor", "toetser-2", "--statement", "loopt mee in de wandelgroep")
            }
            for criterion in ProposalVerifyTests.criteria {
                try run("proposal", "assess", "--id", id, "--criterion", criterion, "--assessor", "toetser-1", "--met", "--reason", "In orde")
            }
            try run("proposal", "decide", "--id", id)
        }
        cli.environment["BUURTSTEM_NOW"] = "2026-04-01T09:00:00Z"
        try run("proposal", "decide-by-wijkteam", "--id", "1", "--fund", "--funded-amount", "6500",
                "--reason", "De route moet voor het voorjaar klaar zijn; het wijkbudget heeft nog EUR 6.500 over")
        try run("proposal", "move", "--id", "2", "--to", "decided_by_wijkteam", "--note", "het wijkteam besluit zelf")
        try run("proposal", "decide-by-wijkteam", "--id", "2", "--not-fund", "--reason", "De gemeente plaatst dit voorjaar zelf bloembakken")
        try run("proposal", "move", "--id", "1", "--to", "in_execution")
        try run("proposal", "pay", "--id", "1", "--amount", "3000", "--milestone", "Bordjes besteld")
        try run("proposal", "pay", "--id", "1", "--amount", "3500", "--milestone", "Route geopend", "--evidence", "foto-route.jpg")
        try run("proposal", "move", "--id", "1", "--to", "completed", "--note", "opgeleverd")
        try run("record", "export", "--proposals", "--out", "proposals-record")
        return ProposalVerifyTests.Fixture(cli: cli, record: cli.directory.appendingPathComponent("proposals-record"))
    }

    @Test("decide-by-wijkteam takes the decision with its reasons and the recusal; no plain move, no decision without reasons")
    func fromTheCLI() throws {
        let fixture = try Self.fixture.get()
        let show = try fixture.cli.run("proposal", "show", "--id", "1", "--json")
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(shown["status"] as? String == "completed" && shown["fundedCents"] as? Int == 650_000 && shown["paidCents"] as? Int == 650_000)
        let decision = try #require(shown["fundingDecision"] as? [String: Any])
        #expect(decision["route"] as? String == "decided_by_wijkteam" && decision["outcome"] as? String == "funded")
        #expect(decision["reasons"] as? String == """
            Besluit van het wijkteam: gefinancierd.
            De route moet voor het voorjaar klaar zijn; het wijkbudget heeft nog EUR 6.500 over
            toetser-2 heeft niet meebeoordeeld wegens belangenverstrengeling (loopt mee in de wandelgroep).
            """, "\(decision)")
        let history = (shown["history"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        #expect(history.contains("van 'getoetst: toegelaten' naar 'besloten door wijkteam': het wijkteam besluit zelf over deze aanvraag, zonder stemming"), "\(history)")
        #expect(history.contains { $0.hasPrefix("gefinancierd voor € 6.500,00: De route moet") }, "\(history)")
        let two = try fixture.cli.run("proposal", "show", "--id", "2")
        #expect(two.stdout.contains("Status: niet gefinancierd")
            && two.stdout.contains("Funding decision (by the wijkteam):\nBesluit van het wijkteam: niet gefinancierd.\nDe gemeente plaatst"), "\(two.stdout)")

        // Refusals: from a fresh copy of the store, so the fixture stays as it is.
        var cli = try CLI.inTemporaryDirectory()
        cli.environment = fixture.cli.environment
        for name in try FileManager.default.contentsOfDirectory(atPath: fixture.cli.directory.path) where name.hasPrefix("buurtstem") {
            try FileManager.default.copyItem(at: fixture.cli.directory.appendingPathComponent(name), to: cli.directory.appendingPathComponent(name))
        }
        _ = try cli.run("proposal", "add", "--title", "Zitbank", "--contact", "f@example.org", "--area", "BU00140101", "--amount", "500", "--cost", "Bank=500")
        _ = try cli.run("proposal", "move", "--id", "3", "--to", "in_review")
        let early = try cli.run("proposal", "decide-by-wijkteam", "--id", "3", "--fund", "--reason", "Mooi")
        #expect(early.status != 0 && early.stderr.contains("toegelaten") && early.stderr.contains("buurtstem proposal decide --id 3"), "\(early.stderr)")
        for criterion in ProposalVerifyTests.criteria {
            _ = try cli.run("proposal", "assess", "--id", "3", "--criterion", criterion, "--assessor", "toetser-1", "--met", "--reason", "In orde")
        }
        _ = try cli.run("proposal", "decide", "--id", "3")
        let blank = try cli.run("proposal", "decide-by-wijkteam", "--id", "3", "--fund", "--reason", "  ")
        #expect(blank.status != 0 && blank.stderr.contains("needs its reasons"), "\(blank.stderr)")
        let notAmount = try cli.run("proposal", "decide-by-wijkteam", "--id", "3", "--not-fund", "--funded-amount", "100", "--reason", "Nee")
        #expect(notAmount.status != 0 && notAmount.stderr.contains("--funded-amount goes with --fund"), "\(notAmount.stderr)")
        _ = try cli.run("proposal", "move", "--id", "3", "--to", "decided_by_wijkteam")
        let plain = try cli.run("proposal", "move", "--id", "3", "--to", "funded")
        #expect(plain.status != 0 && plain.stderr.contains("buurtstem proposal decide-by-wijkteam --id 3"), "\(plain.stderr)")
        #expect(try cli.run("proposal", "show", "--id", "3").stdout.contains("Status: besloten door wijkteam"))
    }

    @Test("the record with the wijkteam's decisions passes every check")
    func recordPasses() throws {
        let fixture = try Self.fixture.get()
        let (status, failed, stderr) = try ChequeVerifyTests.verify(fixture.record, cli: fixture.cli)
        #expect(status == 0 && failed.isEmpty, "\(failed) \(stderr)")
    }

    @Test("the wijkteam's decision without reasons, or without the recusal, re-signed with the gemeente's key, fails 'decisions' only")
    func forgedReasons() throws {
        let fixture = try Self.fixture.get()
        let key = try ProposalVerifyTests.issuingKey(fixture)
        func rewriting(_ note: @escaping (String) -> String) -> (inout [ProposalEntry]) -> Void {
            { entries in
                let at = entries.firstIndex { if case .status(.decidedByWijkteam, .funded, _) = $0.body { $0.proposal == 1 } else { false } }!
                guard case let .status(from, to, old) = entries[at].body else { return }
                entries[at] = ProposalEntry(sequence: entries[at].sequence, timeMillis: entries[at].timeMillis, proposal: 1,
                                            body: .status(from: from, to: to, note: note(old)))
            }
        }
        let blank = try ProposalVerifyTests.copy(fixture)
        try ProposalVerifyTests.forge(blank, key: key, rewriting { _ in "" })
        let (status, failed, _) = try ChequeVerifyTests.verify(blank, cli: fixture.cli)
        #expect(status != 0 && Set(failed.keys) == ["decisions"], "\(failed)")
        #expect(failed["decisions"]?.first?.contains("the wijkteam decides proposal 1 without reasons") == true, "\(failed)")
        let unnamed = try ProposalVerifyTests.copy(fixture)
        try ProposalVerifyTests.forge(unnamed, key: key, rewriting { $0.components(separatedBy: "\n").filter { !$0.contains("toetser-2") }.joined(separator: "\n") })
        let second = try ChequeVerifyTests.verify(unnamed, cli: fixture.cli)
        #expect(second.status != 0 && Set(second.failed.keys) == ["decisions"], "\(second.failed)")
        #expect(second.failed["decisions"]?.first?.contains("does not name the recusal of toetser-2") == true, "\(second.failed)")
    }

    @Test("the proposal's page shows the wijkteam's decision and its reasons")
    func page() throws {
        let fixture = try Self.fixture.get()
        let folder = "site-\(UUID().uuidString)"
        let result = try fixture.cli.run("report", "--proposals", "--out", folder)
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOf: fixture.cli.directory.appendingPathComponent(folder).appendingPathComponent("aanvraag-1.html"), encoding: .utf8)
        #expect(page.contains("<section id=\"financiering\"") && page.contains("data-route=\"decided_by_wijkteam\""), "\(page)")
        #expect(page.contains("<p>De route moet voor het voorjaar klaar zijn; het wijkbudget heeft nog EUR 6.500 over</p>"), "\(page)")
        #expect(page.contains("toetser-2 heeft niet meebeoordeeld wegens belangenverstrengeling"))
    }
}
