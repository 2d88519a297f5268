import BuurtstemCrypto
import ArgumentParser
import Buurtstem
import BuurtstemRecord
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
            checkpoint signed with the ledger key. Allowed after the valid-until day, or earlier with --before-expiry. \
            Aanvragen that became initiatives of the round (initiative add --from-proposal) move to gefinancierd or \
            niet gefinancierd in the same step, with the collected amount against the target as the published reason.
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
            try SettlementView(report: report, plan: funders, proposals: try ProposalInitiative.proposals(round: round, in: store)).emit(output)
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
            let store = try store.open()
            let report = try SettlementReport.load(round: round, from: store)
            try SettlementView(report: report, plan: funders, proposals: try ProposalInitiative.proposals(round: round, in: store)).emit(output)
        }
    }
}

/// A settlement with, when a plan is named, its co-funding, and the aanvragen its initiatives came from: the
/// report's own JSON with `coFunding` and `proposals` keys added.
struct SettlementView: Encodable {
    let report: SettlementReport
    let coFunding: CoFunding?
    /// The aanvragen the round decided, with their outcome; nil when no initiative came from one.
    let proposals: [ProposalOutcome]?

    /// An aanvraag that became one of the round's initiatives, and what the settlement made of it.
    struct ProposalOutcome: Encodable {
        let proposal: Int64
        let initiative: Int64
        let status: ProposalStatus
    }

    init(report: SettlementReport, plan: BudgetPlan?, proposals: [Int64: Int64] = [:]) throws {
        self.report = report
        let outcomes = report.initiatives.compactMap { line in
            proposals[line.initiative].map { ProposalOutcome(proposal: $0, initiative: line.initiative, status: line.funded ? .funded : .notFunded) }
        }
        self.proposals = outcomes.isEmpty ? nil : outcomes
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

    private enum CodingKeys: String, CodingKey { case coFunding, proposals }

    func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(coFunding, forKey: .coFunding)
        try container.encodeIfPresent(proposals, forKey: .proposals)
    }

    func emit(_ output: OutputOptions) throws {
        let decided = proposals.map { list in
            "Aanvragen decided by this round (their log entries give the reason):\n"
                + list.map { "  proposal \($0.proposal) (initiative \($0.initiative)): \($0.status.dutch)" }.joined(separator: "\n")
        }
        try output.emit(self) { [report.text, coFunding?.text, decided].compactMap { $0 }.joined(separator: "\n\n") }
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
