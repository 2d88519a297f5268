@testable import BuurtstemKiosk
import Buurtstem
import Foundation
import Testing

/// The engine's errors never name a command (ErrorModelTests); the CLI names its command for the remedy.
@Suite("The CLI's words for the engine's remedies")
struct ErrorWordingTests {
    @Test("a refusal whose fix is another step prints the command to run")
    func remedyCommand() throws {
        let (cli, _) = try StemdagCommandTests.prepared()
        let tally = try cli.run("tally", "--election", "kw-now")
        #expect(tally.status != 0)
        #expect(tally.stderr.contains("the tally is made after the polls close; run 'buurtstem polls close --election kw-now'"),
                "\(tally.stderr)")
        let unknown = try cli.run("kiosk", "checkpoint", "--election", "kw-now", "--kiosk", "nope")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("has no kiosk 'nope'; its kiosks: bibliotheek, buurthuis"), "\(unknown.stderr)")
        #expect(!unknown.stderr.contains("; run '"), "no remedy, no command: \(unknown.stderr)")

        let empty = try CLI.inTemporaryDirectory()
        let noDatabase = try empty.run("register", "show")
        #expect(noDatabase.stderr.contains("; run 'buurtstem init --gemeente NAME --code GMxxxx'"), "\(noDatabase.stderr)")
    }
}

/// The kiosk's staff screen says an engine remedy in its own words: its button, or the organiser's task.
@Suite("The kiosk's words for the engine's remedies")
struct KioskErrorWordingTests {
    @Test("a remedy the screen can carry out names its button; any other names the organiser's task, never a command")
    func screenWords() {
        let close = KioskFailure.staff(BuurtstemError(.wrongState, "kiosk k has no final checkpoint", remedy: .closePolls(election: "e", kiosk: "k")))
        #expect(close.status == 409)
        #expect(close.message.en == "That did not work: kiosk k has no final checkpoint. Choose 'Close kiosk (end of day)' on this screen.")
        #expect(close.message.nl.contains("'Stemzuil sluiten (einde dag)'"))
        let other = KioskFailure.staff(BuurtstemError(.wrongState, "x", remedy: .issuePasses(election: "e")))
        #expect(other.message.en.contains("Ask the election's organiser to issue the passes of 'e'"))
        #expect(!other.message.en.contains("buurtstem ") && !other.message.nl.contains("--"))
    }
}
