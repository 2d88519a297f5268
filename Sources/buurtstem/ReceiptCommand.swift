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
            abstract: "Confirm, with a Merkle inclusion proof against the kiosk's signed final checkpoint, that the ballot of a receipt is in the record and counts.",
            discussion: """
            Runs locally on the published record; nothing is sent anywhere. Exits 0 only when the ballot is in the \
            record and counts; a ballot that is in the record but void (its pass had voted earlier elsewhere) exits 3.
            """
        )

        @Option(help: "The published record folder.")
        var record: String

        @Option(help: "The tracking code on the receipt.")
        var receipt: String

        @OptionGroup var pinned: PinnedKeyOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let proof = try ReceiptCheck.check(record: URL(fileURLWithPath: record), trackingCode: receipt, issuingKey: try pinned.key())
            try output.emit(proof) {
                var located = "kiosk \(proof.kiosk), position \(proof.position) of \(proof.treeSize); inclusion proof of \(proof.path.count) hashes "
                    + "verified against the kiosk's signed final tree head \(proof.root.prefix(16))..."
                if proof.encrypted {
                    located += "\n  Geheime stemming / Secret ballot: the record holds your ballot encrypted. It proves that your ballot is included, "
                        + "but neither the record nor this receipt shows your choices."
                }
                if let code = proof.ballotCode {
                    located += "\n  Controlecode / Ballot code of the encrypted ballot in the record: \(code). It must be the code the kiosk "
                        + "showed before you cast and printed on your receipt; if it is not, report it to the gemeente and the observers."
                }
                guard proof.void else {
                    return "Uw stem telt mee in de gepubliceerde uitslag / Your ballot is in the published record and counts.\n  " + located
                }
                if proof.revoked {
                    return """
                    Uw stem telt NIET mee / Your ballot does NOT count: it is in the record, but VOID.
                      \(located)
                      Deze stempas is vervangen en ingetrokken / This pass was revoked when a new pass was made for the household at the
                      gemeente's desk; a revoked pass never counts, the new pass does.
                      If nobody in your household asked for a new pass, report this to the gemeente and the observers.
                    """
                }
                return """
                Uw stem telt NIET mee / Your ballot does NOT count: it is in the record, but VOID.
                  \(located)
                  The same pass had already voted earlier, at kiosk \(proof.countedKiosk ?? "?") position \(proof.countedPosition ?? 0) \
                (\(proof.encrypted ? "by " : "")\(proof.countedTimeMillis.map(HouseholdText.time) ?? "?")); only that first ballot counts.
                  If you did not vote earlier yourself, your pass was used by someone else: report this to the gemeente and the observers.
                """
            }
            if proof.void { throw ExitCode(3) }
        }
    }
}
