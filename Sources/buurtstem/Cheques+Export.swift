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
            and, once settled, settlement.json into --out (new or empty), as docs/record.md defines them. Initiators' \
            contacts are never exported; the record holds code hashes, never codes or households.
            """
        )

        @Option(help: "The round's id.")
        var round: String

        @Option(help: "The folder to write (new or empty).")
        var out: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let summary = try ChequeRecordExport.export(round: round, from: try store.open(), to: URL(fileURLWithPath: out))
            try output.emit(summary) {
                "Exported the record of round \(round) to \(summary.folder): \(summary.issued) issued cheques, "
                    + "\(summary.ledgerEntries) ledger entries, \(summary.checkpoints) checkpoints, "
                    + (summary.settled ? "settlement." : "not settled yet.")
            }
        }
    }
}
