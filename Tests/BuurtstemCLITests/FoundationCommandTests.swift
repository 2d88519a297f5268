import Foundation
import Testing

@Suite("buurtstem: foundation commands")
struct FoundationCommandTests {
    @Test("every command answers --help", arguments: [
        [], ["init"], ["areas"], ["areas", "import"], ["register"], ["register", "import"], ["register", "show"],
        ["register", "list"], ["check"],
    ])
    func help(command: [String]) throws {
        let cli = try CLI.inTemporaryDirectory()
        let result = try cli.run(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE"))
    }

    @Test("init, areas import, register import and register show work on the shipped samples")
    func happyPath() throws {
        let cli = try CLI.inTemporaryDirectory()
        let initialised = try cli.run("init", "--gemeente", "Groningen", "--code", "GM0014")
        #expect(initialised.status == 0, "\(initialised.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("buurtstem.sqlite").path))
        #expect(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("buurtstem-issuing.key").path))
        #expect(try cli.run("areas", "import", CLI.shipped("Examples/groningen/areas.csv")).status == 0)
        let imported = try cli.run("register", "import", CLI.shipped("Examples/groningen/households.csv"), "--json")
        #expect(imported.status == 0)
        let summary = try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any]
        #expect((summary?["snapshot"] as? [String: Any])?["householdCount"] as? Int == 46)
        let shown = try cli.run("register", "show")
        #expect(shown.stdout.contains("WK001401 Korrewegwijk"))
        #expect(shown.stdout.contains("BU00140401 Hoogkerk-Dorp, De Buitenhof"))
        let json = try cli.run("register", "show", "--json")
        let overview = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((overview?["wijken"] as? [Any])?.count == 4)
        #expect(try cli.run("check").status == 0)
    }

    @Test("a malformed CSV: non-zero exit, one line per problem on stderr, no stack trace, store unchanged")
    func malformed() throws {
        let cli = try CLI.inTemporaryDirectory()
        try cli.run("init", "--gemeente", "Groningen", "--code", "GM0014")
        try cli.run("areas", "import", CLI.shipped("Examples/groningen/areas.csv"))
        try cli.run("register", "import", CLI.shipped("Examples/groningen/households.csv"))
        let result = try cli.run("register", "import", CLI.shipped("Examples/groningen/households-malformed.csv"))
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        for line in [3, 4, 5, 6, 7, 9] {
            #expect(result.stderr.contains("households-malformed.csv:\(line)"))
        }
        #expect(result.stderr.contains("nothing was stored"))
        #expect(!result.stderr.contains("Fatal error"))
        let list = try cli.run("register", "list", "--json")
        let snapshots = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [Any]
        #expect(snapshots?.count == 1)
    }

    @Test("errors are clear: no database, no passphrase, existing database, unreadable file")
    func errors() throws {
        var cli = try CLI.inTemporaryDirectory()
        let noDatabase = try cli.run("register", "show")
        #expect(noDatabase.status != 0)
        #expect(noDatabase.stderr.contains("buurtstem init"))
        cli.environment = [:]
        let noPassphrase = try cli.run("init", "--gemeente", "Ede", "--code", "GM0228")
        #expect(noPassphrase.status != 0)
        #expect(noPassphrase.stderr.contains("BUURTSTEM_PASSPHRASE"))
        cli.environment = ["BUURTSTEM_PASSPHRASE": "cli test passphrase"]
        #expect(try cli.run("init", "--gemeente", "Ede", "--code", "GM0228").status == 0)
        let again = try cli.run("init", "--gemeente", "Ede", "--code", "GM0228")
        #expect(again.status != 0)
        #expect(again.stderr.contains("never overwrites"))
        let missing = try cli.run("areas", "import", "nope.csv")
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("cannot read nope.csv"))
        let badCode = try cli.run("init", "--gemeente", "Ede", "--code", "0228", "--db", "other.sqlite")
        #expect(badCode.status != 0)
        #expect(badCode.stderr.contains("GM followed by 4 digits"))
    }

    @Test("kill -9 during a register import leaves either the whole snapshot or none, and a sound store")
    func killDuringImport() throws {
        let cli = try CLI.inTemporaryDirectory()
        try cli.run("init", "--gemeente", "Groningen", "--code", "GM0014")
        try cli.run("areas", "import", CLI.shipped("Examples/groningen/areas.csv"))
        var csv = "household_id,buurt,residents,eligible\n"
        for index in 0..<120_000 { csv += "H\(index),BU0014010\(index % 4),\(index % 5 + 1),\(index % 2)\n" }
        let file = cli.directory.appendingPathComponent("big.csv")
        try Data(csv.utf8).write(to: file)
        var killedMidway = 0
        for delay in [0.05, 0.15, 0.3, 0.5, 0.8, 1.2] {
            let process = try cli.start(["register", "import", file.path])
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning { killedMidway += 1 }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let check = try cli.run("check")
            #expect(check.status == 0, "after kill at \(delay)s: \(check.stdout)\(check.stderr)")
        }
        #expect(killedMidway > 0, "no import was interrupted; the test did not test anything")
        let list = try cli.run("register", "list", "--json")
        let snapshots = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
        for snapshot in snapshots { #expect(snapshot["householdCount"] as? Int == 120_000) }
        #expect(try cli.run("register", "import", file.path).status == 0)
        #expect(try cli.run("check").status == 0)
    }
}

@Suite("buurtstem demo")
struct DemoCommandTests {
    @Test("the demo runs the whole story and ends with the verifier's pass; a rerun works in the same folder")
    func demo() throws {
        let cli = try CLI.inTemporaryDirectory()
        for _ in 0..<2 {
            let result = try cli.run("demo", "--households", "600", "--out", "demo")
            #expect(result.status == 0, "\(result.stderr)")
            // A secret election: three trustees, two mix stages, trustees 1 and 3 decrypt while 2 is away, and the
            // same choices counted in the clear fund the same projects.
            #expect(result.stdout.contains("secret ballot: 3 trustees, any 2 of whom decrypt"), "\(result.stdout)")
            #expect(result.stdout.contains("count day: 2 mix stages (stage-1.json, stage-2.json), decrypted by trustees 1 and 3 (trustee 2 away)"))
            #expect(result.stdout.contains("the same choices counted in the clear: the same projects are funded, with the same votes per project"))
            #expect(result.stdout.contains("Verifier: every one of its") && result.stdout.contains("--pinned"))
            #expect(result.stdout.contains("refused, the same pass again"))
            #expect(result.stdout.contains("Void: ballot buurthuis"))
            #expect(result.stdout.contains("funded"))
            #expect(result.stdout.contains("Cheque round demo-najaar"))
            #expect(result.stdout.contains("refused, a cheque handed in a second time"))
            // The round of aanvragen: rejections with reasons, a recusal refused, money flowing back, a verified record.
            // The wijkteam decided one admitted aanvraag directly; the others went onto the stemdag's ballot. Two are
            // paid in instalments and completed (the wijkteam's and one the vote funded), one the vote funded is stopped.
            #expect(result.stdout.contains("Aanvragen: 3 getoetst: afgewezen, 2 gefinancierd, 11 niet gefinancierd, 2 uitgevoerd, 1 gestopt, 1 ingetrokken."), "\(result.stdout)")
            #expect(result.stdout.contains("decided by the wijkteam, without a vote: proposal 20, gefinancierd at € 7.150,00: Besluit van het wijkteam: gefinancierd. De wandelroute"), "\(result.stdout)")
            #expect(result.stdout.contains("projects from aanvragen (toegelaten after the toetsing): aanvraag-1, aanvraag-2,"))
            #expect(result.stdout.contains("(belangenverstrengeling)") && result.stdout.contains("flowing back from the stopped one"))
            #expect(result.stdout.contains("Verifier: every one of its 10 checks passed (buurtstem-verify"), "\(result.stdout)")
        }
        let verified = try cli.run([cli.directory.appendingPathComponent("demo/record-demo-wijkstemdag").path], tool: "buurtstem-verify")
        #expect(verified.status == 0)
        // Each trustee's folder (their own machine) holds their sealed key and share; the record is a secret one.
        for trustee in 1...3 {
            for file in ["trustee.key", "card.json", "dealing.json", "share.key", "election-key.json"] {
                #expect(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("demo/trustees/trustee-\(trustee)/\(file)").path), "\(trustee) \(file)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("demo/trustees/trustee-2/decryption.json").path))
        let index = try String(contentsOf: cli.directory.appendingPathComponent("demo/record-demo-wijkstemdag/record.json"), encoding: .utf8)
        #expect(index.contains("buurtstem-record/3") && index.contains("decryption/trustee-1.json") && index.contains("decryption/trustee-3.json"))
        let paper = try String(contentsOf: cli.directory.appendingPathComponent("demo/record-demo-wijkstemdag/ballots/papier.jsonl"), encoding: .utf8)
        #expect(!paper.isEmpty && paper.contains("\"ciphertexts\"") && !paper.contains("choices"))
        // The demo pre-published the stemdag before its polls opened and verified the record pinned to it.
        let prePublication = cli.directory.appendingPathComponent("demo/prepublication-demo-wijkstemdag")
        let published = try JSONSerialization.jsonObject(with: Data(contentsOf: prePublication.appendingPathComponent("prepublication.json"))) as? [String: Any]
        let fingerprint = try #require(published?["fingerprint"] as? String)
        let record = cli.directory.appendingPathComponent("demo/record-demo-wijkstemdag").path
        for pin in [["--pinned", prePublication.path], ["--fingerprint", fingerprint]] {
            let pinned = try cli.run([record] + pin, tool: "buurtstem-verify")
            #expect(pinned.status == 0 && pinned.stdout.contains("Pinned pre-publication \(fingerprint)") && !pinned.stdout.contains("WARNING"), "\(pinned.stdout)")
        }
        // The demo's secret tally equals the plaintext tally of the same choices, contest by contest.
        let json = try cli.run("demo", "--households", "600", "--out", "demo", "--json")
        #expect(json.status == 0, "\(json.stderr)")
        let view = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let stemdag = try #require((view["demo"] as? [String: Any])?["stemdag"] as? [String: Any])
        let plaintext = try #require(stemdag["plaintext"] as? [String: Any])
        let secretFunded = (stemdag["allocations"] as? [[String: Any]] ?? []).map { $0["funded"] as? [String] ?? [] }
        #expect(secretFunded.count == 3 && secretFunded.allSatisfy { !$0.isEmpty })
        #expect(plaintext["funded"] as? [[String]] == secretFunded)
        #expect(plaintext["sameFunded"] as? Bool == true && plaintext["sameCounts"] as? Bool == true)
        // The ballot held exactly the admitted aanvragen (20 less 3 rejected and 1 withdrawn) but the one the wijkteam
        // decided on directly, and the payments followed the decisions: the aanvragen paid are the wijkteam's and
        // among those the secret count funded, and those are the funded ones.
        let proposals = try #require((view["demo"] as? [String: Any])?["proposals"] as? [String: Any])
        let onBallot = try #require(proposals["onBallot"] as? [Int])
        let decisions = proposals["decisions"] as? [Any] ?? []
        let admitted = stride(from: 0, to: decisions.count - 1, by: 2).compactMap { index -> Int? in
            (decisions[index + 1] as? String)?.hasPrefix("Afgewezen") == false ? decisions[index] as? Int : nil
        }
        let wijkteam = try #require(proposals["wijkteam"] as? [String: Any])
        let byWijkteam = try #require(wijkteam["proposal"] as? Int)
        #expect(wijkteam["outcome"] as? String == "funded" && (wijkteam["reasons"] as? String)?.hasPrefix("Besluit van het wijkteam: gefinancierd.\n") == true, "\(wijkteam)")
        #expect(admitted.contains(byWijkteam) && !onBallot.contains(byWijkteam))
        #expect(onBallot.count == 15 && onBallot == admitted.filter { $0 != byWijkteam }.sorted(), "\(onBallot) \(admitted)")
        let contestProjects = (stemdag["tally"] as? [String: Any])?["contests"] as? [[String: Any]] ?? []
        let ballotIds = contestProjects.flatMap { ($0["projects"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
        #expect(ballotIds.filter { $0.hasPrefix("aanvraag-") }.sorted() == onBallot.map { "aanvraag-\($0)" }.sorted())
        let fundedByVote = secretFunded.flatMap { $0 }.filter { $0.hasPrefix("aanvraag-") }.compactMap { Int($0.dropFirst("aanvraag-".count)) }.sorted()
        #expect(proposals["funded"] as? [Int] == fundedByVote && fundedByVote.count >= 3)
        let paidPairs = proposals["paidCents"] as? [Int] ?? []
        let paidIds = stride(from: 0, to: paidPairs.count, by: 2).map { paidPairs[$0] }
        #expect(paidIds.count == 3 && paidIds.contains(byWijkteam) && Set(paidIds.filter { $0 != byWijkteam }).isSubset(of: fundedByVote))
        let statuses = Dictionary(uniqueKeysWithValues: (proposals["statuses"] as? [[String: Any]] ?? []).map { ($0["status"] as? String ?? "", $0["count"] as? Int ?? 0) })
        #expect(statuses["completed"] == 2 && statuses["stopped"] == 1 && statuses["withdrawn"] == 1 && statuses["rejected"] == 3, "\(statuses)")
        let trustees = try #require(stemdag["trustees"] as? [String: Any])
        #expect(trustees["decryptedBy"] as? [Int] == [1, 3] && trustees["absent"] as? [Int] == [2] && trustees["invalid"] as? Int == 0)
        let other = try CLI.inTemporaryDirectory()
        try "keep me".write(to: other.directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let refused = try other.run("demo", "--out", ".")
        #expect(refused.status != 0 && refused.stderr.contains("not a Buurtstem demo folder"))
    }
}
