import ArgumentParser
import Buurtstem
import BuurtstemSite
import Foundation

/// `buurtstem report`: the public results site of an election or cheque round, or the raad's year view.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the public results site of an election, a cheque round or a year (static HTML, JSON, CSV).",
        discussion: """
        Writes a self-contained site into --out (index.html without scripts or external assets, report.json and CSV \
        files): what was decided and by which rule, every project with votes, cost and the reason, money per wijk, \
        turnout and reach per wijk and buurt with under-represented buurten flagged, and how to verify it yourself. \
        Give exactly one of --election, --round, --year or --from/--to. Buurten with fewer than 50 households are \
        shown merged with others (docs/reports.md). Reads the store only; --out must be new, empty or an earlier site.

        An election's figures are the store's one tally, the computation 'record export' signs. Without --record the \
        site is that tally, not yet the published result; with --record it shows what was signed: the record's \
        result.json must verify with the gemeente's issuing key and equal the tally field by field (counts, votes, \
        points, funded projects and order, funded cost, voids), else it is refused naming the field: export the \
        record again.
        """
    )

    @Option(help: "A closed election's id.")
    var election: String?

    @Option(help: "A settled cheque round's id.")
    var round: String?

    @Flag(help: "The aanvragen: an overview and a page per proposal with its timeline, decision, reasons and payments.")
    var proposals = false

    @Option(help: "A calendar year for the raad's view, e.g. 2026.")
    var year: Int?

    @Option(help: "The first day of the raad's view (YYYY-MM-DD), with --to.")
    var from: String?

    @Option(help: "The last day of the raad's view (YYYY-MM-DD), with --from.")
    var to: String?

    @Option(help: "With a year view: show only this wijk (its CBS code, e.g. WK001407).")
    var area: String?

    @Option(help: "The folder for the site (new, empty, or an earlier site, which is replaced).")
    var out: String

    @Option(help: "Flag an area when its share of ballots (or redeemed cheques) is more than this percentage below its share of passes (or cheques) issued, relatively; 0 to 100.")
    var margin: Int = ReachPrivacy.defaultMarginPercent

    @Option(help: "The published record's folder: with --election its signed result must be this store's tally, field by field; its files are listed with their SHA-256 on the site.")
    var record: String?

    @Option(help: "A budget plan (YAML, docs/budgets.md): with --election or --round, each funded project or initiative split across its funders (whole cents, largest remainder); with a year view, each wijk's cap.")
    var plan: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        let chosen = [election != nil, round != nil, year != nil, from != nil || to != nil, proposals].filter { $0 }.count
        guard chosen == 1 else {
            throw ValidationError("give exactly one of --election ID, --round ID, --year YYYY, --from DAY --to DAY or --proposals")
        }
        if proposals, record != nil || plan != nil { throw ValidationError("--proposals takes no --record or --plan") }
        if (from != nil) != (to != nil) { throw ValidationError("--from and --to go together: give both days, e.g. --from 2026-01-01 --to 2026-06-30") }
        if record != nil, year != nil || from != nil { throw ValidationError("--record goes with --election or --round, not with a year view") }
        if area != nil, year == nil, from == nil { throw ValidationError("--area goes with a year view (--year or --from/--to)") }
    }

    func run() throws {
        try ReachPrivacy.checkMargin(margin)
        let store = try store.open()
        let folder = URL(fileURLWithPath: out)
        let recordFolder = record.map { URL(fileURLWithPath: $0) }
        // The plan is read and checked before anything is written.
        let budgetPlan = try plan.map { try BudgetPlanFile.parse(try readText($0), file: $0) }
        if proposals {
            let report = try ProposalsOverview.load(store: store)
            let index = try ResultsSite.write(try ResultsSite.files(report), to: folder)
            try output.emit(report) {
                "Aanvragen site: \(report.proposals.count) proposals, a page each.\nOpen it: \(index)"
            }
        } else if let election {
            var report = try ElectionReport.load(election: election, store: store, marginPercent: margin, record: recordFolder)
            if let budgetPlan { try report.setFunders(plan: budgetPlan) }
            let index = try ResultsSite.write(try ResultsSite.files(report, record: recordFolder, site: folder), to: folder)
            try output.emit(report) { Self.summary(report, index: index) }
        } else if let round {
            var report = try ChequeRoundReport.load(round: round, store: store, marginPercent: margin, record: recordFolder)
            if let budgetPlan { try report.setFunders(plan: budgetPlan) }
            let index = try ResultsSite.write(try ResultsSite.files(report, record: recordFolder, site: folder), to: folder)
            try output.emit(report) { Self.summary(report, index: index) }
        } else {
            let period = try year.map(ReportPeriod.year) ?? ReportPeriod.days(from: from ?? "", to: to ?? "")
            var report = try YearReport.load(period: period, store: store, area: area)
            if let budgetPlan { try report.setCaps(plan: budgetPlan) }
            let index = try ResultsSite.write(try ResultsSite.files(report), to: folder)
            try output.emit(report) { Self.summary(report, index: index) }
        }
    }

    static func flagged(_ reach: Reach) -> String {
        reach.flagged.isEmpty ? "no buurt under-represented (margin \(reach.marginPercent) %)"
            : "under-represented (margin \(reach.marginPercent) %): " + reach.flagged.map { "\($0.name) \(Percent.text($0.turnoutPercent))" }.joined(separator: ", ")
    }

    static func summary(_ report: ElectionReport, index: String) -> String {
        """
        Results site of \(report.election) (\(report.title)): \(report.ballotsCounted) ballots of \(report.passesIssued) passes \
        (\(Percent.text(report.turnoutPercent))), \(report.contests.flatMap(\.projects).filter(\.funded).count) projects funded.
          \(flagged(report.reach))
        Open it: \(index)
        """
    }

    static func summary(_ report: ChequeRoundReport, index: String) -> String {
        """
        Results site of cheque round \(report.round): \(report.chequesRedeemed) of \(report.chequesIssued) cheques redeemed \
        (\(Percent.text(report.reach.total.turnoutPercent))), \(report.initiatives.filter(\.funded).count) of \(report.initiatives.count) initiatives funded.
          \(flagged(report.reach))
        Open it: \(index)
        """
    }

    static func summary(_ report: YearReport, index: String) -> String {
        """
        Year view \(report.period.from) to \(report.period.to): \(report.items.filter(\.included).count) of \(report.items.count) votes and rounds \
        counted; budget \(Money.format(report.total.budgetCents)), committed \(Money.format(report.total.committedCents)).
        Open it: \(index)
        """
    }
}
