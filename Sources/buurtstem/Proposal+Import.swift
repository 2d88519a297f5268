import ArgumentParser
import Buurtstem
import Foundation

extension ProposalCommand {
    /// `buurtstem proposal import`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register aanvragen in bulk from a form's CSV export: all or nothing.",
            discussion: """
            A header row names the columns: title, contact, area, amount, costs (required); description, own_hours, \
            own_money, co_funders, goals (optional). costs and co_funders are lists NAME=AMOUNT separated by ';' \
            (Materiaal=450.00;Huur=150), goals a list separated by ';'. Every bad line is reported with its line and \
            column; if there is any, nothing is stored.
            """
        )

        @Argument(help: "The CSV file.")
        var file: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let summary = try ProposalImport.run(try readInput(file), file: file, into: try store.open(), now: try commandClock())
            try output.emit(summary) {
                "Received \(summary.ids.count) proposals (ids \(summary.ids.first ?? 0)-\(summary.ids.last ?? 0)), \(Money.format(summary.requestedCents)) requested in all."
            }
        }
    }
}
