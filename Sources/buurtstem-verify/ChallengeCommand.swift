import ArgumentParser
import BuurtstemVerifier
import Foundation

/// `buurtstem-verify challenge FILE-or-TEXT --pinned DIR`: checks a ballot a kiosk opened at the resident's request
/// (the Benaloh challenge; docs/record.md, "Checking a ballot: the Benaloh challenge").
struct ChallengeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "buurtstem-verify challenge",
        abstract: "Check a ballot a kiosk opened ('Controleer deze stem'): that it encrypts the choices it shows.",
        discussion: """
        At the review step of a secret election the kiosk shows a ballot code, then, if you ask to check the ballot, \
        opens it: it shows the choices and the randomness of the encryption as text and as a QR code. This command \
        encrypts those choices again with that randomness under the election key of the pre-publication you pinned \
        and recomputes the ballot code. If it is the code the kiosk showed BEFORE you asked to check, the kiosk \
        encrypted exactly these choices. An opened ballot never counts; the resident votes again. Exits 0 when the \
        opening is honest, 1 when it is not.
        """
    )

    @Argument(help: ArgumentHelp("The opened ballot: a file holding its text, or the text itself (starting with '{'), or '-' to read it from standard input.",
                                 valueName: "file-or-text"))
    var opening: String

    @Option(help: ArgumentHelp("The election's pre-publication folder (made by 'buurtstem election publish'), with its definition.json.",
                               valueName: "dir"))
    var pinned: String

    @Flag(help: "Print the outcome as JSON.")
    var json = false

    func run() throws {
        let text: String
        if opening == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else if opening.trimmingCharacters(in: .whitespaces).hasPrefix("{") {
            text = opening
        } else {
            do { text = try String(contentsOfFile: opening, encoding: .utf8) } catch {
                throw ValidationError("\(opening) cannot be read (\(error.localizedDescription)): give the file with the opened ballot's text, or the text itself")
            }
        }
        let outcome: OpenedBallotCheck.Outcome
        do {
            let pin = try PrePublicationPin.load(folder: URL(fileURLWithPath: pinned))
            outcome = try OpenedBallotCheck.check(text: text, pin: pin)
        } catch let error as PinError {
            throw ValidationError(error.message)
        } catch let error as OpenedBallotCheck.Failure {
            throw ValidationError(error.message)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(outcome), as: UTF8.self))
        } else {
            print(Self.text(outcome))
        }
        if !outcome.passed { throw ExitCode.failure }
    }

    /// The outcome for people, in Dutch and English.
    static func text(_ outcome: OpenedBallotCheck.Outcome) -> String {
        var lines = ["Geopende stem / Opened ballot: '\(outcome.title)' (\(outcome.election)), area \(outcome.area), \(outcome.ballotType)",
                     "  Keuzes / choices:"]
        if outcome.choices.isEmpty { lines.append("    (geen / none)") }
        for choice in outcome.choices {
            lines.append("    \(choice.project) \(choice.title ?? "(unknown project)"): \(choice.value)")
        }
        lines.append("  Controlecode volgens de stemzuil / ballot code the kiosk gave: \(outcome.claimedCode)")
        lines.append("  Controlecode herberekend / ballot code recomputed:             \(outcome.recomputedCode ?? "(could not be recomputed)")")
        if outcome.passed {
            lines.append("OK: these choices, encrypted with this randomness under the pinned election key, give this ballot code. "
                + "Compare it with the code the kiosk showed BEFORE you chose to check: if it is the same, the kiosk encrypted exactly these choices. "
                + "Dit geopende stembiljet telt niet mee / this opened ballot does not count.")
        } else {
            for problem in outcome.problems { lines.append("FAIL: \(problem)") }
            lines.append("Verdict: this opening is NOT honest. Report it to the staff, the gemeente and the observers.")
        }
        return lines.joined(separator: "\n")
    }
}
