import ArgumentParser
import Buurtstem
import BuurtstemCrypto
import Foundation

/// `buurtstem polls`: opening and closing the polls.
struct PollsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "polls",
        abstract: "Open and close the polls of an election.",
        subcommands: [Open.self, Close.self]
    )

    /// `buurtstem polls open`.
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open the polls: ballots are accepted, no passes or kiosks can be added.")

        @Option(help: "The election id.")
        var election: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let opened = try Polls.open(election: election, store: try store.open())
            try output.emit(["election": opened.id, "state": opened.state.rawValue]) { "The polls of \(opened.id) are open." }
        }
    }

    /// `buurtstem polls close`.
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close the polls: final signed checkpoints of every kiosk log; no more ballots.",
            discussion: "Needs every kiosk's sealed key (BUURTSTEM_KIOSK_PASSPHRASE or BUURTSTEM_PASSPHRASE, or a prompt)."
        )

        @Option(help: "The election id.")
        var election: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let checkpoints = try Polls.close(election: election, store: store, timeMillis: nowMillis()) { kiosk in
                try KeyFile.unseal(kiosk.keyFile, expected: try PublicKey(bytes: [UInt8](kiosk.publicKey)), passphrase: .kiosk)
            }
            try output.emit(checkpoints) {
                (["The polls of \(election) are closed. Final checkpoints:"]
                    + checkpoints.map { "  \($0.logId): \($0.size) ballots, tree head \(Hex.encode($0.root))" }).joined(separator: "\n")
            }
        }
    }
}
