import ArgumentParser
import Buurtstem
import Foundation

/// `buurtstem stempas`: voting passes.
struct StempasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stempas",
        abstract: "Issue an election's stempassen (voting passes).",
        subcommands: [Issue.self]
    )

    /// `buurtstem stempas issue`.
    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue one pass per household (or eligible resident) and write the print output.",
            discussion: """
            The print folder receives a printable HTML letter per pass (one A5 page: sender, address, area, code and \
            QR, where and when to vote, the paper option, help; --letter gives what the data does not hold) and a CSV \
            for the print shop. \
            The database keeps only public keys and signatures: destroy the print folder once printed. \
            Give the register file with address columns to --addresses to print addresses on the passes.
            """
        )

        @Option(help: "The election id.")
        var election: String

        @Option(help: "A new folder for the print output.")
        var printTo: String

        @Option(help: "The register CSV the snapshot was imported from, for the addresses.")
        var addresses: String?

        @Option(help: "A YAML file with what the letter says beyond the data: sender, kiosk locations and hours, the paper option, where to read about the projects, a help line (docs/letters.md).")
        var letter: String?

        @OptionGroup var store: StoreOptions
        @OptionGroup var key: IssuingKeyOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let definition = try store.election(election).decodedDefinition()
            let book = try addresses.map {
                try AddressBook(try readInput($0), file: $0, snapshot: try store.registerSnapshot(definition.registerSnapshot))
            }
            let issuingKey = try key.unseal(store, database: self.store.db)
            let details = try letter.map { try LetterDetails.parse(try readInput($0), file: $0) } ?? LetterDetails()
            let summary = try StempasIssuance.issue(election: election, store: store, issuingKey: issuingKey, addresses: book,
                                                    printFolder: URL(fileURLWithPath: printTo), letter: details) { done, total in
                Progress.report(done, total, what: "passes")
            }
            Progress.finish()
            try output.emit(summary) {
                var lines = ["Issued \(summary.total) stempassen for \(summary.election); commitment root \(summary.root)"]
                for area in summary.areas { lines.append("  \(area.area): \(area.count)") }
                if summary.householdsOutsideContests > 0 {
                    lines.append("\(summary.householdsOutsideContests) households live outside the election's areas and got no pass.")
                }
                lines.append("Print output: \(summary.printFolder) (destroy it after printing: it links households to passes).")
                return lines.joined(separator: "\n")
            }
        }
    }
}
