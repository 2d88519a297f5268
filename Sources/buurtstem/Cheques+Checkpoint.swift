import BuurtstemCrypto
import ArgumentParser
import Buurtstem
import Foundation

extension ChequesCommand {
    /// `buurtstem cheques checkpoint`.
    struct Checkpoint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a checkpoint of a round's redemption ledger with the round's ledger key.",
            discussion: """
            A checkpoint fixes the ledger as it stands (size and Merkle tree head); every later checkpoint must be \
            consistent with it, so nothing redeemed can later be changed or dropped unnoticed. Publish checkpoints as \
            you make them (e.g. daily); settle makes the final one.
            """
        )

        @Option(help: "The round's id.")
        var round: String

        @OptionGroup var keys: RoundKeyOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let ledgerKey = try ChequeKeys.ledgerKey(round: round, store: store, path: keys.ledgerKey, passphrase: .standard)
            let checkpoint = try ChequeCheckpoint.make(round: round, in: store, ledgerKey: ledgerKey, now: try commandClock())
            try output.emit(checkpoint) {
                "Checkpoint of \(checkpoint.logId): \(checkpoint.size) entries, tree head \(Hex.encode(checkpoint.root)), "
                    + "signed by \(checkpoint.signer.hex.prefix(16))..."
            }
        }
    }
}
