import ArgumentParser
import Buurtstem
import Foundation

/// `buurtstem stempas`: voting passes.
struct StempasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stempas",
        abstract: "Issue an election's stempassen (voting passes).",
        subcommands: [Issue.self, Replace.self]
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

        @OptionGroup var letterInputs: LetterInputs
        @OptionGroup var store: StoreOptions
        @OptionGroup var key: IssuingKeyOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let (book, details) = try letterInputs.load(election: election, store: store)
            let issuingKey = try key.unseal(store, database: self.store.db)
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

    /// `buurtstem stempas replace`.
    struct Replace: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a lost or damaged stempas at the desk: a new letter for the household, the old pass revoked if its code is at hand.",
            discussion: """
            Staff look the household up in the register extract the election was issued from and give its household \
            id. With --revoke-code (the code on the damaged letter) the old pass is revoked: it must be unused, and a \
            later vote with it is refused; a ballot a location with its own store took with it is void at the tally \
            (a revoked pass never counts, the new pass does). Replace only at the main store's desk. Without it (a lost letter) the new pass is issued without revocation; the \
            record counts those per area (docs/operations.md, "A lost or damaged stempas"). The new letter goes to \
            --print-to: print it, hand it over, destroy the folder.
            """
        )

        @Option(help: "The election id.")
        var election: String

        @Option(help: "The household id in the election's register snapshot (look the address up in the register extract).")
        var household: String

        @Option(help: "Where every resident votes: whose pass, the N of \"bewoner N van M\" on the old letter.")
        var resident: Int?

        @Option(help: "The code on the old (damaged) letter: revokes that pass. Leave out when the letter is lost.")
        var revokeCode: String?

        @Option(help: "A new folder for the replacement letter.")
        var printTo: String

        @OptionGroup var letterInputs: LetterInputs
        @OptionGroup var store: StoreOptions
        @OptionGroup var key: IssuingKeyOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let (book, details) = try letterInputs.load(election: election, store: store)
            let issuingKey = try key.unseal(store, database: self.store.db)
            let summary = try StempasReplacement.replace(
                election: election, store: store, issuingKey: issuingKey, household: household, resident: resident,
                revokingCode: revokeCode, addresses: book, printFolder: URL(fileURLWithPath: printTo), letter: details)
            try output.emit(summary) {
                [
                    "Replacement stempas \(summary.sequence + 1) of \(summary.election) issued for area \(summary.area).",
                    summary.revoked == nil
                        ? "No old code given: the old pass stays valid (counted as a replacement without revocation in the record)."
                        : "The old pass is revoked: a vote with it is refused.",
                    "Letter: \(summary.printFolder) (destroy it after printing: it holds the new code).",
                ].joined(separator: "\n")
            }
        }
    }

    /// What a stempas letter is printed from besides the store: the addresses and the letter file.
    struct LetterInputs: ParsableArguments {
        @Option(help: "The register CSV the snapshot was imported from, for the addresses.")
        var addresses: String?

        @Option(help: "A YAML file with what the letter says beyond the data: sender, kiosk locations and hours, the paper option, where to read about the projects, a help line (docs/letters.md).")
        var letter: String?

        /// The address book (against `election`'s snapshot) and the letter's details, read from the files given.
        func load(election: String, store: Store) throws -> (AddressBook?, LetterDetails) {
            let definition = try store.election(election).decodedDefinition()
            let book = try addresses.map {
                try AddressBook(try readInput($0), file: $0, snapshot: try store.registerSnapshot(definition.registerSnapshot))
            }
            return (book, try letter.map { try LetterDetails.parse(try readInput($0), file: $0) } ?? LetterDetails())
        }
    }
}
