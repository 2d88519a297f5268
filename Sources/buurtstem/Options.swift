import ArgumentParser
import Buurtstem
import BuurtstemCrypto
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

/// Reads a text file people edit (a definition, a plan, a ballots file): UTF-8, or a clear error with the line.
func readText(_ path: String) throws -> String {
    try UTF8Text.decode(try readInput(path), file: path)
}

/// The gemeente's sealed issuing key, for commands that sign.
struct IssuingKeyOptions: ParsableArguments {
    @Option(name: .customLong("key"), help: "The sealed issuing key file (default: next to the database).")
    var keyFile: String?

    /// Opens the issuing key of `store`, asking for the passphrase if BUURTSTEM_PASSPHRASE is not set.
    func unseal(_ store: Store, database: String) throws -> SigningKey {
        try KeyFile.unseal(keyFile ?? Gemeente.defaultKeyPath(forDatabase: database), expected: try store.issuingPublicKey(),
                           passphrase: .standard)
    }
}

/// Milliseconds since 1970 now.
func nowMillis() -> Int64 {
    Int64(Date().timeIntervalSince1970 * 1000)
}
