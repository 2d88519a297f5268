@testable import BuurtstemKiosk
import Buurtstem
import BuurtstemRecord
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

    @Test("a ballot before the polls open names the command that opens them")
    func pollsNotOpen() throws {
        let (cli, codes) = try StemdagCommandTests.prepared()
        let vote = try cli.run("vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--pass", codes[0], "--choices", "KW-01")
        #expect(vote.status != 0)
        #expect(vote.stderr.contains("the polls of 'kw-now' have not been opened"), "\(vote.stderr)")
        #expect(vote.stderr.contains("; run 'buurtstem polls open --election kw-now'"), "\(vote.stderr)")
    }

    @Test("an allocation setting the engine refuses is named as the allocate command's option")
    func allocationFlag() throws {
        let cli = try CLI.inTemporaryDirectory()
        let path = projectRoot.appendingPathComponent("Tests/Fixtures/Pabulib/add1-example.pb").path
        let coin = try cli.run("allocate", path, "--rule", "greedy", "--tie-break", "coin")
        #expect(coin.status != 0)
        // The tie-break is read as the engine's enum: the parser names the option and every valid value.
        #expect(coin.stderr.contains("'coin' is invalid for '--tie-break") && coin.stderr.contains("'cost-votes-lot'"), "\(coin.stderr)")
        let seedless = try cli.run("allocate", path, "--rule", "greedy", "--tie-break", "cost-votes-lot")
        #expect(seedless.status != 0 && seedless.stderr.contains("--tie-break cost-votes-lot needs --lot-seed HEX"), "\(seedless.stderr)")
        let lot = try cli.run("allocate", path, "--rule", "greedy", "--tie-break", "cost-votes-lot", "--lot-seed", "0a0b", "--json")
        #expect(lot.status == 0, "\(lot.stderr)")
        let completion = try cli.run("allocate", path, "--rule", "greedy", "--completion", "add1")
        #expect(completion.stderr.contains("the completion add1 only applies to the rule mes; drop the completion or use the rule mes (--completion)"),
                "\(completion.stderr)")
    }

    @Test("a proposal status and a cheque channel are read as the engine's enums: the Dutch names work, another word is refused listing every choice")
    func typedOptions() throws {
        let cli = try ProposalVerifyTests.fixture.get().cli
        let later = try cli.run("proposal", "list", "--status", "later")
        #expect(later.status != 0 && later.stderr.contains("'later' is invalid for '--status"), "\(later.stderr)")
        let soon = try cli.run("proposal", "move", "--id", "4", "--to", "soon")
        #expect(soon.status != 0 && soon.stderr.contains("'soon' is invalid for '--to"), "\(soon.stderr)")
        for refusal in [later, soon] {
            #expect(ProposalStatus.allCases.allSatisfy { refusal.stderr.contains("- \($0.rawValue)\n") }, "every status is listed: \(refusal.stderr)")
        }
        // The fixture: 1 in execution, 2 rejected, 3 withdrawn, 4 received. Each spelling people type finds its proposal.
        for (typed, id) in [("in_execution", 1), ("in-execution", 1), ("In uitvoering", 1), ("getoetst: afgewezen", 2), ("afgewezen", 2),
                            ("ingetrokken", 3), ("ontvangen", 4), ("RECEIVED", 4)] {
            let list = try cli.run("proposal", "list", "--status", typed, "--json")
            let ids = (try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])?.compactMap { $0["id"] as? Int }
            #expect(list.status == 0 && ids == [id], "\(typed): \(list.stdout) \(list.stderr)")
        }
        let fax = try cli.run("cheques", "redeem", "--code", "X", "--initiative", "1", "--channel", "fax")
        #expect(fax.status != 0 && fax.stderr.contains("'fax' is invalid for '--channel")
                && RedemptionChannel.allCases.allSatisfy { fax.stderr.contains("'\($0.rawValue)'") },
                "\(fax.stderr)")
    }

    @Test("allocate options it cannot read or combine are refused in the command's words, before any allocation")
    func allocationOptionsRefused() throws {
        let cli = try CLI.inTemporaryDirectory()
        let path = projectRoot.appendingPathComponent("Tests/Fixtures/Pabulib/add1-example.pb").path
        let seedAlone = try cli.run("allocate", path, "--rule", "greedy", "--lot-seed", "0a0b")
        #expect(seedAlone.status != 0 && seedAlone.stderr.contains("--lot-seed only applies to --tie-break cost-votes-lot"), "\(seedAlone.stderr)")
        // The seed is read by the one hex decoder: a sign is not a hex digit (Int's radix parser would take "+f").
        for seed in ["+f+f", "0a0", "zz", ""] {
            let bad = try cli.run("allocate", path, "--rule", "greedy", "--tie-break", "cost-votes-lot", "--lot-seed", seed)
            #expect(bad.status != 0 && bad.stderr.contains("--lot-seed \(seed) is not hexadecimal"), "\(seed): \(bad.stderr)")
        }
        let ruleless = try cli.run("allocate", path, "--completion", "add1")
        #expect(ruleless.status != 0 && ruleless.stderr.contains("give --rule RULE, or --official"), "\(ruleless.stderr)")
        let valueless = try cli.run("allocate", path, "--rule")
        #expect(valueless.status != 0 && valueless.stderr.contains("Missing value for '--rule"), "\(valueless.stderr)")
        let unknown = try cli.run("allocate", path, "--rule", "greedy", "--bogus")
        #expect(unknown.status != 0 && unknown.stderr.contains("Unknown option '--bogus'"), "\(unknown.stderr)")
        for refused in [seedAlone, ruleless, valueless, unknown] { #expect(refused.stdout.isEmpty, "\(refused.stdout)") }
    }

    @Test("a refused proposal names the command and its options, the engine only the fields")
    func proposalOptions() throws {
        let (cli, _) = try StemdagCommandTests.prepared()
        let added = try cli.run("proposal", "add", "--title", "Moestuin", "--contact", "06-12345678", "--area", "BU99999999",
                                "--amount", "300", "--cost", "Zaad=200")
        #expect(added.status != 0)
        #expect(added.stderr.contains("buurtstem proposal add (--area): 'BU99999999' is not a buurt or wijk"), "\(added.stderr)")
        #expect(added.stderr.contains("buurtstem proposal add (--cost):"), "\(added.stderr)")
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
