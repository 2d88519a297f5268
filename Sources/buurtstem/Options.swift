import ArgumentParser
import Buurtstem
import Foundation

/// Where the store is; shared by every command that opens it.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file.")
    var db: String = "buurtstem.sqlite"

    /// Opens the existing store, with a clear error when there is none yet.
    func open() throws -> Store {
        try Store.open(path: db)
    }
}

/// Human output by default; `--json` for machines.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print machine-readable JSON instead of text.")
    var json = false

    /// Prints `value` as JSON, or `human()` as text.
    func emit<T: Encodable>(_ value: T, human: () -> String) throws {
        if json {
            print(try JSONOutput.string(value))
        } else {
            print(human())
        }
    }
}

/// Reads an input file named on the command line, with a clear error when it cannot.
func readInput(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ValidationError("cannot read \(path): check that the file exists and that you may read it")
    }
    return [UInt8](data)
}
