import ArgumentParser
import BuurtstemVerifier
import Foundation

/// `buurtstem receipt check`: a resident checks that their ballot was counted.
struct ReceiptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt",
        abstract: "Check a receipt against the published record.",
        subcommands: [Check.self]
    )

    /// `buurtstem receipt check`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Confirm, with a Merkle inclusion proof against the kiosk's signed final checkpoint, that the ballot of a receipt is in the record."
        )

        @Option(help: "The published record folder.")
        var record: String

        @Option(help: "The tracking code on the receipt.")
        var receipt: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let proof = try ReceiptCheck.check(record: URL(fileURLWithPath: record), trackingCode: receipt)
            try output.emit(proof) {
                """
                Uw stem zit in de gepubliceerde uitslag / Your ballot is in the published record.
                  kiosk \(proof.kiosk), position \(proof.position) of \(proof.treeSize); inclusion proof of \(proof.path.count) hashes \
                verified against the kiosk's signed final tree head \(proof.root.prefix(16))...
                """ + (proof.void ? "\n  Note: this ballot is void: the same pass had already voted earlier at another kiosk." : "")
            }
        }
    }
}
