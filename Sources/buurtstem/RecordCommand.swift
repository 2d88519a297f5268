import ArgumentParser
import Buurtstem
import BuurtstemCrypto
import Foundation

/// `buurtstem record`: the published record.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Export the published record of a closed election, or of the proposals log, for observers and buurtstem-verify.",
        subcommands: [Export.self]
    )

    /// `buurtstem record export`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the election's record, or with --proposals the proposals log's (docs/record.md), into a new folder, signed with the issuing key."
        )

        @Option(help: "The election id.")
        var election: String?

        @Flag(help: "Export the gemeente's proposals log instead of an election (signs a checkpoint of the whole log first).")
        var proposals = false

        @Option(help: "A new (or empty) folder for the record.")
        var out: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var key: IssuingKeyOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard (election == nil) == proposals else {
                throw ValidationError("give either --election ID or --proposals")
            }
        }

        func run() throws {
            let store = try store.open()
            let issuingKey = try key.unseal(store, database: self.store.db)
            guard let election else {
                let summary = try ProposalRecordExport.export(from: store, to: URL(fileURLWithPath: out), issuingKey: issuingKey, now: try commandClock())
                try output.emit(summary) {
                    "Exported the proposals record to \(summary.folder): \(summary.proposals) proposals, \(summary.entries) log entries, "
                        + "\(summary.checkpoints) checkpoints.\n"
                        + "Anyone can check it with the gemeente's published key: buurtstem-verify \(summary.folder) --issuing-key \(issuingKey.publicKey.hex)"
                }
                return
            }
            let summary = try ElectionRecordExport.export(election: election, store: store, issuingKey: issuingKey,
                                                          folder: URL(fileURLWithPath: out))
            try output.emit(summary) {
                "Exported the record of \(election) to \(summary.folder): \(summary.files.count) files, "
                    + "\(summary.result.logs.reduce(0) { $0 + $1.size }) ballots, \(summary.result.voids.count) void.\n"
                    + "Anyone can check it with the gemeente's published key: buurtstem-verify \(summary.folder) --issuing-key \(issuingKey.publicKey.hex)"
            }
        }
    }
}
