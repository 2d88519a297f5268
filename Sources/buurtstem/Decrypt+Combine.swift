import ArgumentParser
import Buurtstem
import Foundation

extension DecryptCommand {
    /// `buurtstem decrypt combine`.
    struct Combine: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Combine any t trustees' decryption shares and store the decoded ballots.",
            discussion: """
            Every share is checked against its trustee's verification key; a failing one is left out and named. With \
            fewer than t valid shares nothing is stored and the message says how many are present and needed. A \
            plaintext that is not a valid ballot is counted as invalid. Then 'buurtstem tally' and 'record export'.
            """
        )

        @Option(help: "The election id.")
        var election: String

        @Option(parsing: .upToNextOption, help: "The trustees' decryption share files.")
        var shares: [String]

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let files = try shares.map { (path: $0, bytes: try readInput($0)) }
            let summary = try DecryptionCombine.combine(election: election, store: store, files: files)
            try output.emit(summary) {
                "Mix stage \(summary.stage) of '\(election)' decrypted with the shares of trustees "
                    + summary.trustees.map(String.init).joined(separator: ", ")
                    + ": \(summary.valid) valid ballot(s), \(summary.invalid) invalid."
                    + (summary.excluded.isEmpty ? "" : "\nLeft out: " + summary.excluded.joined(separator: "; "))
                    + "\nNext: buurtstem tally --election \(election)"
            }
        }
    }
}
