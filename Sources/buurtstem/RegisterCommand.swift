import ArgumentParser
import Buurtstem
import Foundation

/// `buurtstem register`: household register snapshots.
struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Import the household register and show it per wijk and buurt.",
        subcommands: [Import.self, Show.self, List.self]
    )

    /// `buurtstem register import FILE.csv`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import households from a CSV file as a new register snapshot.",
            discussion: """
            Columns: household_id,buurt,residents,eligible[,address...]. household_id is pseudonymous (e.g. a BAG id); \
            address columns are only used for printing later and are never stored. Every row is checked; one bad \
            row refuses the whole file, with one message per bad line. Earlier snapshots stay.
            """
        )

        @Argument(help: "The CSV file.")
        var file: String

        @Option(help: "The minimum age behind the 'eligible' column.")
        var eligibleAge: Int = 16

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let summary = try RegisterImport.run(try readInput(file), file: file, eligibleAge: eligibleAge, into: store)
            let snapshot = summary.snapshot
            try output.emit(summary) {
                """
                Register snapshot \(snapshot.id ?? 0) imported from \(snapshot.sourceName): \(snapshot.householdCount) households, \
                \(snapshot.residentCount) residents, \(snapshot.eligibleCount) aged \(snapshot.eligibleAge)+.
                \(summary.addressColumnsIgnored > 0 ? "The \(summary.addressColumnsIgnored) address columns were not stored; keep the file for printing." : "The file has no address columns.")
                """
            }
        }
    }

    /// `buurtstem register show`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Households and eligible residents per wijk and buurt."
        )

        @Option(help: "The snapshot to show (default: the latest).")
        var snapshot: Int64?

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let overview = try RegisterOverview.load(from: try store.open(), snapshot: snapshot)
            try output.emit(overview) { overview.table }
        }
    }

    /// `buurtstem register list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the register snapshots.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let snapshots = try store.open().registerSnapshots()
            try output.emit(snapshots) {
                guard !snapshots.isEmpty else { return "No register imported yet." }
                return snapshots.map {
                    "snapshot \($0.id ?? 0)  \($0.importedAt.formatted(.iso8601))  \($0.sourceName)  "
                        + "\($0.householdCount) households, \($0.eligibleCount) aged \($0.eligibleAge)+"
                }.joined(separator: "\n")
            }
        }
    }
}

extension RegisterOverview {
    /// A plain-text table: each wijk with its total, then its buurten.
    var table: String {
        var lines = ["Register snapshot \(snapshot.id ?? 0) (\(snapshot.sourceName)), eligible = aged \(snapshot.eligibleAge)+",
                     "", pad("area", "households", "residents", "eligible")]
        for wijk in wijken {
            lines.append(pad("\(wijk.wijk.code) \(wijk.wijk.name)", wijk.wijk.households, wijk.wijk.residents, wijk.wijk.eligible))
            for buurt in wijk.buurten {
                lines.append(pad("  \(buurt.code) \(buurt.name)", buurt.households, buurt.residents, buurt.eligible))
            }
        }
        lines.append(pad("total", snapshot.householdCount, snapshot.residentCount, snapshot.eligibleCount))
        return lines.joined(separator: "\n")
    }

    private func pad(_ name: String, _ a: some CustomStringConvertible, _ b: some CustomStringConvertible,
                     _ c: some CustomStringConvertible) -> String {
        func left(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
        func right(_ text: String, _ width: Int) -> String { text.count >= width ? text : String(repeating: " ", count: width - text.count) + text }
        return left(name, 44) + right(a.description, 12) + right(b.description, 11) + right(c.description, 10)
    }
}
