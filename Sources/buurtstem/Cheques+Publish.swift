import ArgumentParser
import Buurtstem
import Foundation

extension ChequesCommand.Round {
    /// `buurtstem cheques round publish`.
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pre-publish a cheque round before the first redemption: a signed folder and its fingerprint.",
            discussion: """
            Writes a new folder with prepublication.json (signed: the round's terms, the issued set's count, total, \
            Merkle root over the cheques and their keys, the ledger key, the cheques per buurt, and the initiatives \
            registered so far) and round.json, issued.json, issued-cheques.jsonl and initiatives.jsonl as in the \
            record. With --print-folder the fingerprint is put on every letter 'cheques issue' printed there. Observers \
            keep the folder and verify the round's record with 'buurtstem-verify RECORD --pinned DIR' or \
            '--fingerprint CODE'. Only after 'cheques issue' and before the first 'cheques redeem'; no initiative can \
            be added after it. Running it again writes the same pre-publication.
            """
        )

        @Option(help: "The round's id.")
        var round: String

        @Option(help: "A new (or empty) folder for the pre-publication.")
        var out: String

        @Option(help: "The print folder 'cheques issue --print-to' made: its letters get the fingerprint.")
        var printFolder: String?

        @Option(help: "The gemeente's sealed issuing key (default: next to the database, NAME-issuing.key).")
        var key: String?

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let issuingKey = try ChequeKeys.issuingKey(store: store, path: key, passphrase: .standard)
            let summary = try ChequeRoundPublication.publish(
                round: round, store: store, issuingKey: issuingKey, folder: URL(fileURLWithPath: out),
                printFolder: printFolder.map { URL(fileURLWithPath: $0) }, now: Int64(try commandClock().timeIntervalSince1970 * 1000))
            try output.emit(summary) {
                var lines = ["\(summary.new ? "Pre-published" : "Wrote the pre-publication made before of") round \(round) to \(summary.folder).",
                             "Fingerprint: \(summary.fingerprint)",
                             "  (print it on every cheque letter; observers pin it with buurtstem-verify --fingerprint)",
                             "  \(summary.cheques) cheques issued in \(summary.buurten.count) buurten; initiatives fixed: "
                                 + (summary.initiatives.isEmpty ? "none" : summary.initiatives.map(String.init).joined(separator: ", "))]
                for folder in summary.lettersStamped { lines.append("  the letters in \(folder) now show the fingerprint") }
                if summary.lettersStamped.isEmpty {
                    lines.append("  no --print-folder given: put the fingerprint on the letters before printing")
                }
                return lines.joined(separator: "\n")
            }
        }
    }
}
