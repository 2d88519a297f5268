import ArgumentParser
import Buurtstem
import Foundation

/// `buurtstem budget`: area budget plans.
struct BudgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget",
        abstract: "Check area budget plans (caps per class of wijk, funders' shares, totals) to the cent.",
        subcommands: [Check.self]
    )

    /// `buurtstem budget check FILE`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that a budget plan's counts, subtotals, total and funders' amounts add up, to the cent.",
            discussion: """
            The format is described in docs/budgets.md; examples are in Budgets/. Exits 0 only when every number \
            adds up; otherwise names each line that does not, with the exact difference. No database is needed; \
            with --db, the areas are also held against the database's wijken and buurten.
            """
        )

        @Argument(help: "The budget plan (YAML).")
        var file: String

        @Option(name: .long, help: "Also check the areas against this database's wijken and buurten.")
        var db: String?

        @OptionGroup var output: OutputOptions

        func run() throws {
            let known = try db.map { try KnownAreas(store: try Store.open(path: $0)) }
            let text = try readText(file)
            let check = try BudgetCheck.check(text, file: file, known: known)
            // A plan that does not add up is an error for people (stderr), but for scripts it is still the
            // checked plan, with the right amounts next to the stated ones.
            guard check.addsUp || output.json else { throw InputError(check.problems) }
            try output.emit(check) { Self.summary(check, database: db) }
            if !check.addsUp { throw ExitCode.failure }
        }

        /// The plan as a table, for people.
        static func summary(_ check: BudgetCheck, database: String?) -> String {
            let width = max(check.classes.map(\.name.count).max() ?? 0, check.funders.map(\.name.count).max() ?? 0)
            let amounts = check.classes.map(\.subtotalCents) + check.funders.compactMap(\.amountCents) + [check.totalCents]
            let amountWidth = amounts.map { Money.format($0).count }.max() ?? 0
            func pad(_ text: String, _ count: Int) -> String { text + String(repeating: " ", count: max(0, count - text.count)) }
            func money(_ cents: Int64) -> String { let text = Money.format(cents); return String(repeating: " ", count: amountWidth - text.count) + text }
            let caps = check.classes.map { "\($0.count) × \(Money.format($0.capCents))" }
            let capWidth = max(caps.map(\.count).max() ?? 0, check.funders.map(\.shareText.count).max() ?? 0)
            var lines = ["Budget plan \(check.id): \(check.title) (\(check.gemeente), \(check.firstYear)-\(check.lastYear))"]
            for (item, cap) in zip(check.classes, caps) {
                lines.append("  \(pad(item.name, width))  \(pad(cap, capWidth))  \(money(item.subtotalCents))")
            }
            lines.append("  \(pad("total", width))  \(pad("", capWidth))  \(money(check.totalCents))")
            for funder in check.funders {
                lines.append("  \(pad(funder.name, width))  \(pad(funder.shareText, capWidth))  \(money(funder.amountCents ?? 0))")
            }
            let against = database.map { ", and every area is a wijk or buurt of \($0)" } ?? ""
            lines.append("Every number adds up to the cent: \(check.areaCount) areas in \(check.classes.count) classes, "
                + "\(check.funders.count) funders\(against).")
            return lines.joined(separator: "\n")
        }
    }
}
