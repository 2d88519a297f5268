import ArgumentParser
import Buurtstem

/// `buurtstem check`: is the store sound (after a crash, say)?
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the database's integrity and the engine's invariants.",
        discussion: "Exits 0 when the store is sound, 1 with one line per problem otherwise."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let problems = try store.open().check()
        try output.emit(["problems": problems]) {
            problems.isEmpty ? "The store \(store.db) is sound." : problems.joined(separator: "\n")
        }
        if !problems.isEmpty { throw ExitCode.failure }
    }
}
