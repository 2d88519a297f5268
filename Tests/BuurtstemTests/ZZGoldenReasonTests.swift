@testable import Buurtstem
import Foundation
import Testing

@Suite struct ZZGoldenReasonTests {
    @Test func golden() throws {
        func a(_ t: String) -> ReasonAmount { ReasonAmount(parsing: t)! }
        func v(_ n: Int64) -> ReasonSupport { ReasonSupport(count: n, unit: .votes) }
        let weighted = ReasonSupport(count: 1_230, unit: .points, factor: DecimalAmount(parsing: "1.2500"), perCost: ReasonAmount(units: 1_200_000, scale: 2))
        var reasons: [ExplanationReason] = []
        for n: Int64 in [0, 1, 2, 1_250] {
            reasons += [
                .belowMinimumSupport(votes: n, minimum: 1_500), .belowMinimumPoints(points: n, minimum: 1_500),
                .equalSharesFree(supporters: n), .equalSharesNoCandidate(supporters: n, cost: a("5")),
                .phragmenFunded(round: 2, supporters: n, load: a("2.5")),
                .phragmenNotFunded(supporters: n, cost: a("9 000"), stoppedAt: "B", left: a("3")),
                .phragmenNotFunded(supporters: n, cost: a("9"), stoppedAt: nil, left: a("3")),
                .equalSharesUnaffordable(supporters: n, cost: a("100"), supportersLeft: a("10"), spentOn: [], perVoterBudget: a("50")),
                .equalSharesUnaffordable(supporters: n, cost: a("100"), supportersLeft: a("10"),
                                         spentOn: [Spending(project: "A", amount: a("90")), Spending(project: "B", amount: a("1 234.5"))], perVoterBudget: a("50")),
            ]
        }
        for support in [v(0), v(1), v(2_345), weighted, ReasonSupport(count: 1, unit: .points)] {
            reasons += [
                .greedyFunded(rank: 1, support: support, cost: a("65 000.00"), leftBefore: a("180 000.00")),
                .greedyDidNotFit(rank: 3, support: support, cost: a("39 500.00"), left: a("15 000.00")),
                .greedyStopped(rank: 4, support: support, stoppedAt: "KW-02"),
                .completionFunded(support: support, cost: a("10"), leftBefore: a("20")),
                .leftoverFunded(support: support, cost: a("10"), leftBefore: a("20")),
            ]
        }
        for (full, partial) in [(Int64(8), Int64(1)), (10, 0), (5, 0), (1_000, 2_000)] {
            for perPoint in [false, true] {
                reasons.append(.equalSharesFunded(round: 2, supporters: 10, fullPayers: full, share: ReasonShare(amount: a("1 000"), perPoint: perPoint),
                                                  partialPayers: partial, partialPaid: a("500"), perVoterBudget: a("2 000")))
            }
        }
        reasons += [
            .overProjectCap(cost: a("10"), cap: a("5")), .excludedBy(project: "P-9"), .leftoverPartial(amount: a("12.5"), cost: a("40")),
            .overLimit(kind: .area, name: "WK001401", limit: a("80 000.00"), spent: a("65 000.00"), cost: a("30 000.00")),
            .overLimit(kind: .area, name: "WK009999", limit: a("80 000.00"), spent: a("65 000.00"), cost: a("30 000.00")),
            .overLimit(kind: .area, name: "noord", limit: a("80 000.00"), spent: a("65 000.00"), cost: a("30 000.00")),
            .overLimit(kind: .category, name: "groen", limit: a("80 000.00"), spent: a("65 000.00"), cost: a("30 000.00")),
            .overLimit(kind: .category, name: "WK001401", limit: a("80 000.00"), spent: a("65 000.00"), cost: a("30 000.00")),
        ]
        for kind: ExplanationReason.LimitKind? in [nil, .area, .category] {
            for name in ["WK001401", "WK009999", "groen", ""] {
                for maximum in [0, 1, 2] { reasons.append(.overCount(kind: kind, name: name, maximum: maximum)) }
            }
        }
        var lines: [String] = []
        for scale in [0, 2] {
            let input = try AllocationInput(projects: [AllocationProject(id: "x", cost: 1)], budget: 1, moneyScale: scale, kind: .approval, ballots: [])
            for reason in reasons { lines.append(reason.summary(in: input)) }
        }
        for names in [[:], ["WK001401": "Korrewegwijk", "noord": "Noord"]] {
            for reason in reasons { lines.append(reason.dutch(areaNames: names)) }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: ProcessInfo.processInfo.environment["GOLDEN_OUT"] ?? "/tmp/report-golden.txt", atomically: true, encoding: .utf8)
    }
}
