import ArgumentParser
import Buurtstem
import Foundation

extension ChequesCommand {
    /// `buurtstem cheques export`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a round's published record for observers.",
            discussion: """
            Writes round.json, issued.json, issued-cheques.jsonl, initiatives.jsonl, ledger.jsonl, checkpoints.jsonl \
            and, once settled, settlement.json into --out (new or empty), as docs/record.md defines them, then \
            record.json: the SHA-256 of every file, signed with the gemeente's issuing key. Initiators' contacts are \
            never exported; the record holds code hashes, never codes or households.
            """
        )

        @Option(help: "The round's id.")
        var round: String

        @Option(help: "The folder to write (new or empty).")
        var out: String

        @Option(help: "The gemeente's sealed issuing key, which signs the record's index (default: next to the database, NAME-issuing.key).")
        var key: String?

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let issuingKey = try ChequeKeys.issuingKey(store: store, path: key, passphrase: .standard)
            let summary = try ChequeRecordExport.export(round: round, from: store, to: URL(fileURLWithPath: out), issuingKey: issuingKey)
            try output.emit(summary) {
                "Exported the record of round \(round) to \(summary.folder): \(summary.issued) issued cheques, "
                    + "\(summary.ledgerEntries) ledger entries, \(summary.checkpoints) checkpoints, "
                    + (summary.settled ? "settlement." : "not settled yet.")
            }
        }
    }
}
