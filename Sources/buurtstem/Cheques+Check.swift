import ArgumentParser
import BuurtstemVerifier
import Foundation

extension ChequesCommand {
    /// `buurtstem cheques check`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Was my cheque redeemed, when, and for which initiative?",
            discussion: """
            Runs locally on the round's published record; the code is never sent anywhere (only its hash is in the \
            record). If your cheque was redeemed and you did not give it away, report it to the gemeente. In a round \
            whose redemptions are signed by the cheques (format 2) it also checks that the record holds your cheque's \
            key and that the redemption is signed with it; one that is not was made without your code: exit status 3.
            """
        )

        @Option(help: "The round's published record folder.")
        var record: String

        @Option(help: "The code printed on your cheque.")
        var code: String

        @OptionGroup var pinned: PinnedKeyOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let answer = try ChequeCheck.check(record: URL(fileURLWithPath: record), code: code, issuingKey: try pinned.key())
            try output.emit(answer) {
                guard let redemption = answer.redemptions.first else {
                    return "Uw cheque is niet ingewisseld / Your cheque was not redeemed (round \(answer.round), issued in buurt \(answer.buurt))."
                }
                let funded = redemption.funded.map { $0 ? "funded" : "not funded (the value went back to the gemeente)" } ?? "the round is not settled yet"
                let binding = switch redemption.signedByCheque {
                case true?: " Signed with your cheque's own key: only someone who had your code could have made it."
                case false?: " WARNING: this redemption is NOT signed with your cheque's key: it was made or changed without your code. "
                    + "Report it to the gemeente and to observers."
                case nil: " (This round is of format 1: its redemptions are not signed with the cheques' keys, so if you did not give "
                    + "your cheque away, someone holding the gemeente's ledger key made this redemption.)"
                }
                return "Uw cheque is ingewisseld / Your cheque was redeemed on \(HouseholdText.time(redemption.timeMillis)) (\(redemption.channel)) "
                    + "for initiative \(redemption.initiative), \"\(redemption.initiativeTitle)\": \(funded)." + binding
            }
            // A redemption the cheque did not sign is one the household did not make: not a pass.
            if answer.redemptions.contains(where: { $0.signedByCheque == false }) { throw ExitCode(3) }
        }
    }
}
