import ArgumentParser
import Buurtstem
import BuurtstemCrypto
import Foundation

/// `buurtstem record`: the published record.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Export the published record of a closed election, for observers and buurtstem-verify.",
        subcommands: [Export.self]
    )

    /// `buurtstem record export`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the election's record (docs/record.md) into a new folder, signed with the issuing key."
        )

        @Option(help: "The election id.")
        var election: String

        @Option(help: "A new (or empty) folder for the record.")
        var out: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var key: IssuingKeyOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let issuingKey = try key.unseal(store, database: self.store.db)
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
