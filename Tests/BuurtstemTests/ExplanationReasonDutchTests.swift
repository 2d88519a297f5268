@testable import Buurtstem
import Foundation
import Testing

/// The allocation's reasons in Dutch, rendered from the reason's numbers: every amount in euros the Dutch way, wijken
/// by name, words translated; nothing is parsed back from the engine's English. The results site and the signed
/// notes on aanvragen both say them this way.
@Suite struct ExplanationReasonDutchTests {
    /// An amount as the engine's explanation reads it.
    static func amount(_ text: String) -> ReasonAmount { ReasonAmount(parsing: text)! }
    static func votes(_ count: Int64) -> ReasonSupport { ReasonSupport(count: count, unit: .votes) }

    @Test func amountsBecomeDutchEuros() {
        #expect(Self.amount("80 000.00").dutch == "€ 80.000,00")
        #expect(ReasonAmount(units: 125_050, scale: 2).dutch == "€ 1.250,50")
        #expect(ReasonAmount(units: 12, scale: 0).dutch == "€ 12,00")
        #expect(ReasonAmount(units: -325, scale: 2).dutch == "-€ 3,25")
        #expect(ReasonAmount(approximately: 62_500.4, scale: 2).dutch == "€ 625,00")
    }

    @Test func supportIsTranslated() {
        #expect(Self.votes(812).dutch == "812 stemmen")
        #expect(Self.votes(1_250).dutch == "1.250 stemmen")
        #expect(Self.votes(1).dutch == "1 stem")
        #expect(ReasonSupport(count: 40, unit: .points).dutch == "40 punten")
        let weighted = ReasonSupport(count: 30, unit: .votes, factor: DecimalAmount(parsing: "1.2500"), perCost: ReasonAmount(units: 12_000, scale: 0))
        #expect(weighted.dutch == "30 stemmen × 1,2500 gewogen voor € 12.000,00")
    }

    @Test("the explanation's JSON is as before: amounts and support written as text, read back to the same numbers")
    func jsonUnchanged() throws {
        let weighted = ReasonSupport(count: 30, unit: .votes, factor: DecimalAmount(parsing: "1.2500"), perCost: ReasonAmount(units: 1_200_000, scale: 2))
        let reasons: [ExplanationReason] = [
            .greedyFunded(rank: 3, support: weighted, cost: ReasonAmount(units: 1_200_000, scale: 2), leftBefore: ReasonAmount(units: 4_050_000, scale: 2)),
            .equalSharesFunded(round: 4, supporters: 24, fullPayers: 24, share: ReasonShare(amount: ReasonAmount(approximately: 62_500, scale: 2), perPoint: true),
                               partialPayers: 0, partialPaid: ReasonAmount(approximately: 0, scale: 2), perVoterBudget: ReasonAmount(approximately: 203_312.6, scale: 2)),
            .overCount(kind: nil, name: "", maximum: 2),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(reasons), as: UTF8.self)
        #expect(json == #"[{"greedyFunded":{"cost":"12 000.00","leftBefore":"40 500.00","rank":3,"support":"30 votes × 1.2500 weighted for 12 000.00"}},"#
            + #"{"equalSharesFunded":{"fullPayers":24,"partialPaid":"0","partialPayers":0,"perVoterBudget":"2 033.13","round":4,"share":"625 per point","supporters":24}},"#
            + #"{"overCount":{"maximum":2,"name":""}}]"#)
        let decoded = try JSONDecoder().decode([ExplanationReason].self, from: Data(json.utf8))
        #expect(String(decoding: try encoder.encode(decoded), as: UTF8.self) == json)
    }

    @Test func aWijkCapNamesTheWijk() {
        let reason = ExplanationReason.overLimit(kind: .area, name: "WK001401", limit: Self.amount("80 000.00"), spent: Self.amount("65 000.00"), cost: Self.amount("30 000.00"))
        #expect(reason.dutch(areaNames: ["WK001401": "Korrewegwijk"])
            == "niet gefinancierd: het plafond van wijk Korrewegwijk (€ 80.000,00) zou worden overschreden; daar is al € 65.000,00 gefinancierd en dit project kost € 30.000,00")
        #expect(reason.dutch(areaNames: [:]).contains("gebied WK001401"))
    }

    @Test func everyOutcomeSaysFundedOrNot() {
        let a = Self.amount
        let funded: [ExplanationReason] = [
            .greedyFunded(rank: 1, support: Self.votes(42), cost: a("65 000.00"), leftBefore: a("180 000.00")),
            .equalSharesFunded(round: 2, supporters: 10, fullPayers: 8, share: ReasonShare(amount: a("1 000"), perPoint: false), partialPayers: 1,
                               partialPaid: a("500"), perVoterBudget: a("2 000")),
            .completionFunded(support: Self.votes(3), cost: a("10"), leftBefore: a("20")),
            .phragmenFunded(round: 1, supporters: 4, load: a("2.5")),
            .equalSharesFree(supporters: 3),
            .leftoverFunded(support: Self.votes(3), cost: a("10"), leftBefore: a("20")),
        ]
        let notFunded: [ExplanationReason] = [
            .belowMinimumSupport(votes: 1, minimum: 5),
            .overProjectCap(cost: a("10"), cap: a("5")),
            .greedyDidNotFit(rank: 3, support: Self.votes(20), cost: a("39 500.00"), left: a("15 000.00")),
            .greedyStopped(rank: 4, support: Self.votes(2), stoppedAt: "KW-02"),
            .equalSharesUnaffordable(supporters: 2, cost: a("100"), supportersLeft: a("10"), spentOn: [Spending(project: "A", amount: a("90"))], perVoterBudget: a("50")),
            .equalSharesNoCandidate(supporters: 0, cost: a("5")),
            .phragmenNotFunded(supporters: 2, cost: a("9"), stoppedAt: "B", left: a("3")),
        ]
        for reason in funded { #expect(reason.dutch(areaNames: [:]).hasPrefix("gefinancierd")) }
        for reason in notFunded { #expect(reason.dutch(areaNames: [:]).hasPrefix("niet gefinancierd")) }
        #expect(ExplanationReason.greedyDidNotFit(rank: 3, support: Self.votes(20), cost: a("39 500.00"), left: a("15 000.00")).dutch()
            == "niet gefinancierd: 20 stemmen, plaats 3; er was € 39.500,00 nodig maar na de hoger geplaatste projecten was nog maar € 15.000,00 over")
    }
}
