import ArgumentParser
import Buurtstem
import Foundation

extension ChequesCommand {
    /// `buurtstem cheques issue`.
    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue one cheque per household of the round's snapshot and write the print files.",
            discussion: """
            Each cheque gets a random code; the print folder (--print-to, new or empty) gets per buurt an HTML file \
            with one page per household (address, code, QR code, instructions in Dutch and English) and cheques.csv. \
            The database keeps only a hash of each code. Pass the imported register file with --addresses to print \
            addresses (it must be byte for byte the imported file); without it pages show the household id. The \
            issued set is signed with the gemeente's issuing key, and a new ledger key for the round is sealed next \
            to the database (same passphrase source: BUURTSTEM_PASSPHRASE or a prompt). Destroy the print folder \
            after printing. A round is issued once.
            """
        )

        @Option(help: "The round's id.")
        var round: String

        @Option(help: "The folder for the print files (new or empty).")
        var printTo: String

        @Option(help: "The imported register CSV with the address columns.")
        var addresses: String?

        @Option(help: "A web address for the QR code and the instructions; the code is appended to it.")
        var redeemURL: String?

        @Option(help: "A YAML file with what the letter says beyond the data: sender, the round's name (title), where to hand a cheque in on paper (redeem), a help line (docs/letters.md).")
        var letter: String?

        @OptionGroup var keys: RoundKeyOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let issuingKey = try ChequeKeys.issuingKey(store: store, path: keys.key, passphrase: .standard)
            let ledgerPassphrase = try Passphrase.standard.obtain(purpose: "new ledger key of cheque round \(round)", confirm: true)
            let addressFile = try addresses.map { ChequeIssuer.AddressFile(bytes: try readInput($0), name: $0) }
            var lastReport = Date.distantPast
            let summary = try ChequeIssuer.issue(
                round: round, in: store, issuingKey: issuingKey,
                ledgerKey: .init(path: keys.ledgerKeyPath(db: self.store.db, round: round), passphrase: ledgerPassphrase),
                printTo: URL(fileURLWithPath: printTo), addresses: addressFile, redeemURL: redeemURL,
                letter: try letter.map { try LetterDetails.parse(try readInput($0), file: $0) } ?? LetterDetails(),
                now: try commandClock()
            ) { done, total in
                if Date().timeIntervalSince(lastReport) >= 1 || done == total {
                    lastReport = Date()
                    printError("issuing cheques: \(done) of \(total) (\(total > 0 ? done * 100 / total : 100)%)")
                }
            }
            try output.emit(summary) {
                """
                Issued \(summary.cheques) cheques of round \(summary.round), EUR \(Money.plain(summary.totalCents)) in all.
                  issued set root: \(summary.root) (signed by the issuing key)
                  ledger key:      \(summary.ledgerKeyFile) (sealed, mode 0600)
                  print folder:    \(summary.printFolder) (\(summary.printFiles.count) files, \(summary.withAddresses ? "with addresses" : "household ids, no addresses"))
                The database keeps only a hash of each code. Destroy the print folder after printing.
                """
            }
        }
    }
}
