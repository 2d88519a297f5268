@testable import Buurtstem
@testable import BuurtstemSite
import BuurtstemRecord
import Foundation
import Testing

/// The site's pages as a resident meets them: one language at a time with a switch, tables with captions that a
/// keyboard can scroll, a skip link, the record linked, cards in the rule's order with ties explained, and the
/// kiosks' ballots reconciled.
@Suite struct SitePagesTests {
    @Test func everyPageComesInDutchAndEnglishWithASwitch() throws {
        let files = try ResultsSite.files(try SiteRenderingTests.chequeRound())
        let names = files.map(\.name)
        for page in ["index.html", "index.en.html", "controleren.html", "controleren.en.html"] {
            #expect(names.contains(page), "\(page) in \(names)")
        }
        let dutch = try #require(files.first { $0.name == "index.html" }).contents
        let english = try #require(files.first { $0.name == "index.en.html" }).contents
        #expect(dutch.contains("<html lang=\"nl\">") && english.contains("<html lang=\"en\">"))
        #expect(dutch.contains("<a href=\"index.en.html\" hreflang=\"en\" lang=\"en\" data-language=\"en\">English</a>"))
        #expect(english.contains("<a href=\"index.html\" hreflang=\"nl\" lang=\"nl\" data-language=\"nl\">Nederlands</a>"))
        // One language at a time: the Dutch page says "Wat is besloten" and not "What was decided", and back.
        #expect(dutch.contains("Wat is besloten") && !dutch.contains("What was decided"))
        #expect(english.contains("What was decided") && !english.contains("Wat is besloten"))
        #expect(!dutch.contains("class=\"en\""))
        // A skip link to the main content, and every scrolling table a named region with a caption.
        #expect(dutch.contains("<a class=\"skip\" href=\"#inhoud\">Naar de inhoud</a>") && dutch.contains("<main id=\"inhoud\""))
        let regions = dutch.components(separatedBy: "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"").count - 1
        let tables = dutch.components(separatedBy: "<table").count - 1
        #expect(tables > 0 && regions == tables)
        #expect(dutch.components(separatedBy: "<caption>").count - 1 == tables)
        // The verifier's page is linked from "Zelf controleren", in the page's language.
        #expect(dutch.contains("href=\"controleren.html\"") && english.contains("href=\"controleren.en.html\""))
    }

    @Test func chequeReasonsAreDutchAndReachCountsWhereAnInitiativeWasInScope() throws {
        let report = try SiteRenderingTests.chequeRound()
        let html = ChequeRoundPage.html(report, recordLink: nil)
        #expect(html.contains("gefinancierd: € 22,65 opgehaald met 3 cheques; het doel was € 15,00"))
        #expect(html.contains("niet gefinancierd: € 7,55 opgehaald met 1 cheque, € 92,45 te weinig voor het doel van € 100,00"))
        #expect(!html.contains(">funded<") && !html.contains("lang=\"en\">not funded"))
        #expect(ChequeRoundPage.reachWhereOpen(report.reach).text == "15,0 %")
    }

    @Test func theRecordIsLinkedByARelativePath() {
        let base = URL(fileURLWithPath: "/srv/uitslag")
        #expect(ResultsSite.recordLink(record: base.appendingPathComponent("demo/record-x"), site: base.appendingPathComponent("site"))
            == "../demo/record-x")
        #expect(ResultsSite.recordLink(record: base.appendingPathComponent("record-x"), site: base.appendingPathComponent("site-x"))
            == "../record-x")
        #expect(ResultsSite.recordLink(record: nil, site: base) == nil)
        #expect(ResultsSite.recordLink(record: base.appendingPathComponent("verslag #1"), site: base.appendingPathComponent("site"))
            == "../verslag%20%231")
    }

    /// A greedy contest as the engine reports it: B and C tie on 28 votes; C is cheaper and goes first.
    static func contest() throws -> ElectionReport.ContestResult {
        func project(_ id: String, votes: Int, cost: Int, rank: Int, funded: Bool) -> String {
            let reason = funded
                ? "{\"greedyFunded\":{\"rank\":\(rank),\"support\":\"\(votes) votes\",\"cost\":\"1\",\"leftBefore\":\"2\"}}"
                : "{\"greedyDidNotFit\":{\"rank\":\(rank),\"support\":\"\(votes) votes\",\"cost\":\"1\",\"left\":\"2\"}}"
            return """
            {"id":"\(id)","title":"Project \(id)","description":"","costCents":\(cost),"votes":\(votes),"points":\(votes),"funded":\(funded),
             \(funded ? "\"fundedOrder\":\(rank)," : "")"reason":"r","funders":[],
             "explanation":{"project":"\(id)","funded":\(funded),"summary":"s","reason":\(reason)}}
            """
        }
        let json = """
        {"area":"WK1","name":"Wijk","budgetCents":100,"fundedCents":90,"passesIssued":10,"ballotsCounted":5,"turnoutPercent":50,
         "passesReplaced":0,"passesRevoked":0,"revokedPassBallots":0,
         "projects":[\(project("A", votes: 40, cost: 50, rank: 1, funded: true)),\(project("B", votes: 28, cost: 30, rank: 3, funded: false)),
                     \(project("C", votes: 28, cost: 20, rank: 2, funded: true))]}
        """
        return try JSONDecoder().decode(ElectionReport.ContestResult.self, from: Data(json.utf8))
    }

    @Test func cardsFollowTheRuleAndExplainATie() throws {
        let spec = AllocationSpec(rule: .greedy, satisfaction: nil, completion: nil, tieBreak: .costVotes)
        let order = RankOrder(try Self.contest(), spec: spec)
        #expect(order.projects.map(\.id) == ["A", "C", "B"])
        #expect(order.ties["A"] == nil)
        let tie = try #require(order.ties["C"])
        #expect(tie.dutch == "Gelijke stand: C en B hadden elk 28 stemmen. C vóór B: het goedkoopste gaat voor (€ 0,20 tegen € 0,30). "
            + "Hier besliste de gelijke stand wie geld kreeg.")
        #expect(order.ties["B"]?.english == tie.english && tie.english.hasPrefix("A tie: C and B each had 28 votes."))
        let lexico = RankOrder(try Self.contest(), spec: AllocationSpec(rule: .greedy, satisfaction: nil, completion: nil, tieBreak: .lexico))
        #expect(lexico.ties["C"]?.dutch.contains("de laagste projectcode gaat voor") == true)
        // Per euro the same votes are no tie.
        let perEuro = RankOrder(try Self.contest(), spec: AllocationSpec(rule: .greedyPerEuro, satisfaction: nil, completion: nil, tieBreak: .costVotes))
        #expect(perEuro.ties.isEmpty)
    }

    @Test func kioskTotalsReconcileWithTheCountedBallots() {
        let voids = [Tally.VoidBallot(kiosk: "buurthuis", sequence: 163, pass: "ab", countedKiosk: "bibliotheek", countedSequence: 0)]
        let lines = KioskBallots.lines(heads: [("bibliotheek", 120), ("buurthuis", 180), ("papier", 38)], voids: voids)
        #expect(lines.map(\.counted) == [120, 179, 38])
        #expect(lines.map(\.void) == [0, 1, 0])
        #expect(lines.map(\.channel) == [.kiosk, .kiosk, .paper])
        #expect(lines.reduce(0) { $0 + $1.inLog } == 338 && lines.reduce(0) { $0 + $1.counted } == 337)
    }
}
