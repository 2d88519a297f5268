import ArgumentParser
import Buurtstem

/// `buurtstem store`: the database file itself.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Copy the database (e.g. for a second voting location).",
        subcommands: [Copy.self]
    )

    /// `buurtstem store copy`.
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a consistent copy of the database to a new file.",
            discussion: "Use this, not cp: a copied file can miss writes still in the -wal file."
        )

        @Option(help: "The new file.")
        var to: String

        @OptionGroup var store: StoreOptions

        func run() throws {
            try store.open().copy(to: to)
            print("Copied \(store.db) to \(to).")
        }
    }
}
