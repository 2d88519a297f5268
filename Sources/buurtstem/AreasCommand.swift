import ArgumentParser
import Buurtstem
import Foundation

/// `buurtstem areas`: the gemeente's wijken and buurten.
struct AreasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "areas",
        abstract: "Import and list wijken and buurten (CBS codes).",
        subcommands: [Import.self]
    )

    /// `buurtstem areas import FILE.csv`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import wijken and buurten from a CSV file with columns code,name[,wijk].",
            discussion: """
            Each row is a wijk (WK + 6 digits) or a buurt (BU + 8 digits) of the gemeente. A buurt's wijk follows \
            from its code. Importing again adds new areas and renames existing ones. All or nothing.
            """
        )

        @Argument(help: "The CSV file.")
        var file: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let summary = try AreaImport.run(try readInput(file), file: file, into: store)
            try output.emit(summary) {
                "Imported \(file): \(summary.wijkenAdded) wijken and \(summary.buurtenAdded) buurten added, "
                    + "\(summary.renamed) renamed, \(summary.unchanged) unchanged."
            }
        }
    }
}
