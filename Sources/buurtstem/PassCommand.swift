import ArgumentParser
import BuurtstemVerifier
import Foundation

/// `buurtstem pass check`: a household asks the published record whether its stempas was used.
struct PassCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pass",
        abstract: "Check your stempas against the published record.",
        subcommands: [Check.self]
    )

    /// `buurtstem pass check`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Was my pass used? Where and when, and did that ballot count?",
            discussion: """
            Runs locally on the published record; the code is never sent anywhere. If your pass was used and you did \
            not vote, someone voted in your name: report it to the gemeente and the observers. Exits 0 when the check \
            ran (used or not), non-zero for a wrong code or a record that is not the gemeente's.
            """
        )

        @Option(help: "The published record folder.")
        var record: String

        @Option(name: .customLong("pass"), help: "The code printed on your stempas.")
        var code: String

        @OptionGroup var pinned: PinnedKeyOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let answer = try PassCheck.check(record: URL(fileURLWithPath: record), code: code, issuingKey: try pinned.key())
            try output.emit(answer) {
                guard !answer.uses.isEmpty else {
                    return "Uw stempas is niet gebruikt / Your pass was not used (issued for \(answer.area); no ballot in the record names it)."
                }
                var lines = ["Uw stempas is gebruikt / Your pass was used (issued for \(answer.area)):"]
                for use in answer.uses {
                    lines.append("  \(answer.encrypted ? "by " : "")\(HouseholdText.time(use.timeMillis)) at kiosk \(use.kiosk), position \(use.position), receipt \(use.trackingCode): "
                        + (use.counted ? "counted" : answer.revoked ? "VOID (the pass was revoked when a new pass was made for your household)" : "VOID (the pass had voted earlier)"))
                }
                if answer.encrypted {
                    lines.append("Geheime stemming / Secret ballot: the record holds each ballot encrypted and does not show its choices; "
                        + "a ballot's time is that of the kiosk's first checkpoint after it.")
                }
                lines.append("If you did not cast \(answer.uses.count == 1 ? "this ballot" : "these ballots"), report it to the gemeente and the observers.")
                return lines.joined(separator: "\n")
            }
        }
    }
}
