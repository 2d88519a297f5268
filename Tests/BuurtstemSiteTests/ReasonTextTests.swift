@testable import BuurtstemSite
@testable import Buurtstem
import Testing

/// The allocation's reasons in Dutch: every amount in euros the Dutch way, wijken by name, words translated.
@Suite struct ReasonTextTests {
    @Test func amountsBecomeDutchEuros() {
        #expect(ReasonText.euro("80 000.00") == "€ 80.000,00")
        #expect(ReasonText.euro("1 250.5") == "€ 1.250,50")
        #expect(ReasonText.euro("12") == "€ 12,00")
        #expect(ReasonText.euro("-3.25") == "-€ 3,25")
        #expect(ReasonText.euro("KW-01") == "KW-01")
    }

    @Test func supportIsTranslated() {
        #expect(ReasonText.supportText("812 votes") == "812 stemmen")
        #expect(ReasonText.supportText("1 vote") == "1 stem")
        #expect(ReasonText.supportText("40 points") == "40 punten")
        #expect(ReasonText.supportText("30 votes × 1.2500 weighted for 12 000") == "30 stemmen × 1,2500 gewogen voor € 12.000,00")
    }

    @Test func aWijkCapNamesTheWijk() {
        let reason = ExplanationReason.overLimit(kind: "area", name: "WK001401", limit: "80 000.00", spent: "65 000.00", cost: "30 000.00")
        #expect(ReasonText.dutch(reason, areaNames: ["WK001401": "Korrewegwijk"])
            == "niet gefinancierd: het plafond van wijk Korrewegwijk (€ 80.000,00) zou worden overschreden; daar is al € 65.000,00 gefinancierd en dit project kost € 30.000,00")
        #expect(ReasonText.dutch(reason, areaNames: [:]).contains("gebied WK001401"))
    }

    @Test func everyOutcomeSaysFundedOrNot() {
        let funded: [ExplanationReason] = [
            .greedyFunded(rank: 1, support: "42 votes", cost: "65 000.00", leftBefore: "180 000.00"),
            .equalSharesFunded(round: 2, supporters: 10, fullPayers: 8, share: "1 000", partialPayers: 1, partialPaid: "500", perVoterBudget: "2 000"),
            .completionFunded(support: "3 votes", cost: "10", leftBefore: "20"),
            .phragmenFunded(round: 1, supporters: 4, load: "2.5"),
            .equalSharesFree(supporters: 3),
            .leftoverFunded(support: "3 votes", cost: "10", leftBefore: "20"),
        ]
        let notFunded: [ExplanationReason] = [
            .belowMinimumSupport(votes: 1, minimum: 5),
            .overProjectCap(cost: "10", cap: "5"),
            .greedyDidNotFit(rank: 3, support: "20 votes", cost: "39 500.00", left: "15 000.00"),
            .greedyStopped(rank: 4, support: "2 votes", stoppedAt: "KW-02"),
            .equalSharesUnaffordable(supporters: 2, cost: "100", supportersLeft: "10", spentOn: [Spending(project: "A", amount: "90")], perVoterBudget: "50"),
            .equalSharesNoCandidate(supporters: 0, cost: "5"),
            .phragmenNotFunded(supporters: 2, cost: "9", stoppedAt: "B", left: "3"),
        ]
        for reason in funded { #expect(ReasonText.dutch(reason, areaNames: [:]).hasPrefix("gefinancierd")) }
        for reason in notFunded { #expect(ReasonText.dutch(reason, areaNames: [:]).hasPrefix("niet gefinancierd")) }
        #expect(ReasonText.dutch(.greedyDidNotFit(rank: 3, support: "20 votes", cost: "39 500.00", left: "15 000.00"), areaNames: [:])
            == "niet gefinancierd: 20 stemmen, plaats 3; er was € 39.500,00 nodig maar na de hoger geplaatste projecten was nog maar € 15.000,00 over")
    }
}
