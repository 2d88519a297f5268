import BuurtstemCrypto
import ArgumentParser
import Buurtstem
import Foundation

extension ChequesCommand {
    /// `buurtstem cheques settle`.
    struct Settle: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Settle a round: fund the initiatives that reached their target; final.",
            discussion: """
            Initiatives whose collected value reached their target are funded with all they collected; the value \
            given to the others goes back to the gemeente, as does that of unredeemed cheques. Reports the reach \
            (households that redeemed) per buurt and wijk. Signed with the issuing key, together with a final ledger \
            checkpoint signed with the ledger key. Allowed after the valid-until day, or earlier with --before-expiry.
            """
        )

        @Option(help: "The round's id.")
        var round: String

        @Flag(help: "Settle before the cheques expire; they can then no longer be redeemed.")
        var beforeExpiry = false

        @Option(help: "A budget plan (YAML, docs/budgets.md) whose funders pay the funded initiatives by their shares; read before anything is settled.")
        var plan: String?

        @OptionGroup var keys: RoundKeyOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            // The plan is read and checked first: a plan that does not add up settles nothing.
            let funders = try plan.map { try SettlementView.plan($0) }
            let report = try ChequeSettlement.settle(
                round: round, in: store, issuingKey: try ChequeKeys.issuingKey(store: store, path: keys.key, passphrase: .standard),
                ledgerKey: try ChequeKeys.ledgerKey(round: round, store: store, path: keys.ledgerKey, passphrase: .standard),
                                                     now: try commandClock(), beforeExpiry: beforeExpiry)
            try SettlementView(report: report, plan: funders).emit(output)
        }
    }

    /// `buurtstem cheques report`.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a settled round's settlement and reach per buurt and wijk.")

        @Option(help: "The round's id.")
        var round: String

        @Option(help: "A budget plan (YAML, docs/budgets.md) whose funders pay the funded initiatives by their shares.")
        var plan: String?

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let funders = try plan.map { try SettlementView.plan($0) }
            let report = try SettlementReport.load(round: round, from: try store.open())
            try SettlementView(report: report, plan: funders).emit(output)
        }
    }
}

/// A settlement with, when a plan is named, its co-funding: the report's own JSON with a `coFunding` key added.
struct SettlementView: Encodable {
    let report: SettlementReport
    let coFunding: CoFunding?

    init(report: SettlementReport, plan: BudgetPlan?) throws {
        self.report = report
        coFunding = try plan.map { plan in
            try CoFunding(items: report.initiatives.filter(\.funded).map {
                CoFunding.Item.initiative($0.initiative, title: $0.title, buurt: $0.buurt, fundedCents: $0.fundedCents)
            }, plan: plan)
        }
    }

    /// The plan in `path`, refused unless every number adds up.
    static func plan(_ path: String) throws -> BudgetPlan {
        let plan = try BudgetPlanFile.parse(try readText(path), file: path)
        try BudgetCheck.requireAddsUp(plan, using: "funders' shares")
        return plan
    }

    private enum CodingKeys: String, CodingKey { case coFunding }

    func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(coFunding, forKey: .coFunding)
    }

    func emit(_ output: OutputOptions) throws {
        try output.emit(self) { [report.text, coFunding?.text].compactMap { $0 }.joined(separator: "\n\n") }
    }
}

extension SettlementReport {
    /// The settlement as text: money per initiative, totals, reach per wijk and buurt.
    var text: String {
        func euros(_ cents: Int64) -> String { "EUR " + Money.plain(cents) }
        func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
            let gap = String(repeating: " ", count: max(0, width - text.count))
            return right ? gap + text : text + gap
        }
        let s = settlement
        var lines = ["Settlement of cheque round \(round) (\(ChequeCalendar.text(millis: s.settledAtMillis))), final.", ""]
        lines.append(pad("initiative", 44) + pad("target", 14, right: true) + pad("cheques", 9, right: true)
            + pad("collected", 14, right: true) + "  outcome")
        for line in initiatives {
            lines.append(pad("\(line.initiative) \(line.title)".prefix(43).description, 44) + pad(euros(line.targetCents), 14, right: true)
                + pad("\(line.cheques)", 9, right: true) + pad(euros(line.collectedCents), 14, right: true)
                + (line.funded ? "  funded \(euros(line.fundedCents))" : "  not funded"))
        }
        lines += ["",
                  "issued:      \(euros(s.issuedCents))",
                  "redeemed:    \(euros(s.redeemedCents))",
                  "  funded:    \(euros(s.fundedCents)) (to initiatives that reached their target)",
                  "  returned:  \(euros(s.returnedCents)) (given to initiatives that did not; back to the gemeente)",
                  "unredeemed:  \(euros(s.unredeemedCents)) (back to the gemeente)",
                  "ledger:      \(s.ledgerSize) entries, tree head \(Hex.encode(s.ledgerRoot))",
                  "",
                  "Reach: households that gave their cheque, of the households that got one"]
        func reach(_ area: Activation, indent: String) -> String {
            pad(indent + "\(area.code) \(area.name)", 44) + pad("\(area.redeemed) of \(area.households)", 16, right: true)
                + pad(String(format: "%.1f %%", area.percent), 10, right: true)
        }
        for wijk in wijken {
            lines.append(reach(wijk, indent: ""))
            for buurt in buurten where AreaCode.wijk(ofBuurt: buurt.code) == wijk.code { lines.append(reach(buurt, indent: "  ")) }
        }
        lines.append(reach(total, indent: ""))
        return lines.joined(separator: "\n")
    }
}
