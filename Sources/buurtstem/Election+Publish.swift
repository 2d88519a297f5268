import ArgumentParser
import Buurtstem
import BuurtstemCrypto
import Foundation

extension ElectionCommand {
    /// `buurtstem election publish`.
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pre-publish an election before the polls open: a signed folder and its fingerprint.",
            discussion: """
            Writes a new folder with prepublication.json (signed: the definition hash, the issued passes per area \
            next to the eligible households or residents of the register snapshot, the kiosks' keys), the signed \
            definition, the commitment, the issued passes and the kiosk registrations. With --print-folder the \
            fingerprint is put on every letter 'stempas issue' printed there. Publish the folder: observers keep it and verify the record with \
            'buurtstem-verify RECORD --pinned DIR' or '--fingerprint CODE'. Only after 'stempas issue' and \
            'kiosk add', before 'polls open'; running it again writes the same pre-publication.
            """
        )

        @Option(help: "The election id.")
        var election: String

        @Option(help: "A new (or empty) folder for the pre-publication.")
        var out: String

        @Option(help: "The print folder 'stempas issue --print-to' made: its letters get the fingerprint.")
        var printFolder: String?

        @OptionGroup var store: StoreOptions
        @OptionGroup var key: IssuingKeyOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let issuingKey = try key.unseal(store, database: self.store.db)
            let summary = try ElectionPublication.publish(election: election, store: store, issuingKey: issuingKey,
                                                          folder: URL(fileURLWithPath: out),
                                                          printFolder: printFolder.map { URL(fileURLWithPath: $0) })
            try output.emit(summary) {
                var lines = ["\(summary.new ? "Pre-published" : "Wrote the pre-publication made before of") \(election) to \(summary.folder).",
                             "Fingerprint: \(summary.fingerprint)",
                             "  (print it on every letter and the kiosk's start screen; observers pin it with buurtstem-verify --fingerprint)"]
                for area in summary.areas {
                    lines.append("  \(area.area): \(area.issued) passes issued, \(area.eligible) eligible in the register snapshot")
                }
                lines.append("  kiosks: \(summary.kiosks.joined(separator: ", "))")
                for folder in summary.lettersStamped { lines.append("  the letters in \(folder) now show the fingerprint") }
                if summary.lettersStamped.isEmpty {
                    lines.append("  no --print-folder given: put the fingerprint on the letters before printing")
                }
                return lines.joined(separator: "\n")
            }
        }
    }
}
