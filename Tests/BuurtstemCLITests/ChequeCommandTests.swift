import Buurtstem
import BuurtstemDemo
import Foundation
import Testing

@Suite("buurtstem cheques and initiative")
struct ChequeCommandTests {
    /// A CLI folder with the shipped Groningen register imported.
    private func groningen() throws -> CLI {
        try CLI.groningen()
    }

    /// (household, buurt, code) of each printed cheque.
    private func printed(_ cli: CLI, folder: String = "print") throws -> [(household: String, buurt: String, code: String)] {
        let csv = try String(contentsOf: cli.directory.appendingPathComponent(folder).appendingPathComponent("cheques.csv"), encoding: .utf8)
        return csv.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",")
            return (String(fields[0]), String(fields[1]), String(fields.last!))
        }
    }

    private func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    @Test("every cheque and initiative command answers --help", arguments: [
        ["cheques"], ["cheques", "round"], ["cheques", "round", "create"], ["cheques", "round", "list"], ["cheques", "round", "show"],
        ["cheques", "issue"], ["cheques", "redeem"], ["cheques", "checkpoint"], ["cheques", "settle"], ["cheques", "report"],
        ["cheques", "export"], ["initiative"], ["initiative", "add"], ["initiative", "list"],
    ])
    func help(command: [String]) throws {
        let result = try CLI.inTemporaryDirectory().run(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE"))
    }

    @Test("the scope is read as the engine's enum, in any case; another word is refused naming the three")
    func scopeArgument() throws {
        let cli = try groningen()
        let planet = try cli.run("cheques", "round", "create", "--id", "r-1", "--value", "7.50", "--issue-date", "2026-03-01",
                                 "--valid-until", "2026-06-30", "--scope", "planet")
        #expect(planet.status != 0 && planet.stderr.contains("'planet' is invalid for '--scope") && planet.stderr.contains("'gemeente'"),
                "\(planet.stderr)")
        let upper = try cli.run("cheques", "round", "create", "--id", "r-1", "--value", "7.50", "--issue-date", "2026-03-01",
                                "--valid-until", "2026-06-30", "--scope", "WIJK", "--json")
        #expect(upper.status == 0, "\(upper.stderr)")
        #expect(try json(upper.stdout)["scope"] as? String == "wijk")
    }

    @Test("a whole round on the shipped register: issue, redeem online and in bulk, every rejection, settle, export")
    func wholeRound() throws {
        var cli = try groningen()
        cli.environment["BUURTSTEM_NOW"] = "2026-02-20T09:00:00Z"
        let created = try cli.run("cheques", "round", "create", "--id", "2026-voorjaar", "--value", "7.50", "--issue-date", "2026-03-01",
                                  "--valid-until", "2026-06-30", "--scope", "buurt", "--json")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try json(created.stdout)["valueCents"] as? Int == 750)
        let issue = try cli.run("cheques", "issue", "--round", "2026-voorjaar", "--print-to", "print",
                                "--addresses", CLI.shipped("Examples/groningen/households.csv"))
        #expect(issue.status == 0, "\(issue.stderr)")
        #expect(issue.stdout.contains("Issued 46 cheques") && issue.stderr.contains("issuing cheques: 46 of 46"))
        let cheques = try printed(cli)
        #expect(cheques.count == 46)
        let again = try cli.run("cheques", "issue", "--round", "2026-voorjaar", "--print-to", "print2")
        #expect(again.status != 0 && again.stderr.contains("already issued"))

        cli.environment["BUURTSTEM_NOW"] = "2026-03-10T10:00:00Z"
        let added = try cli.run("initiative", "add", "--round", "2026-voorjaar", "--buurt", "BU00140102", "--title", "Speelplek",
                                "--description", "Een speelplek bij de school", "--target", "15.00", "--deadline", "2026-05-31",
                                "--contact", "speelplek@example.nl", "--json")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(!added.stdout.contains("speelplek@example.nl"))
        #expect(try cli.run("initiative", "add", "--round", "2026-voorjaar", "--buurt", "BU00140103", "--title", "Moestuin",
                            "--target", "100", "--deadline", "2026-06-30").status == 0)
        let inBuurt = cheques.filter { $0.buurt == "BU00140102" }.map(\.code)
        func rejected(_ code: String, initiative: String = "1", _ expected: String) throws {
            let result = try cli.run("cheques", "redeem", "--code", code, "--initiative", initiative)
            #expect(result.status == 1, "\(code): \(result.stdout)")
            #expect(result.stderr.contains(expected), "\(result.stderr)")
            #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Usage:"))
        }
        // Before any redemption: the ledger's clock never runs back, so this must come first.
        cli.environment["BUURTSTEM_NOW"] = "2026-02-27T08:00:00Z"
        try rejected(inBuurt[0], "valid from 2026-03-01")
        cli.environment["BUURTSTEM_NOW"] = "2026-03-10T10:00:00Z"
        let online = try cli.run("cheques", "redeem", "--code", inBuurt[0], "--initiative", "1")
        #expect(online.status == 0 && online.stdout.contains("Cheque redeemed for initiative 1 'Speelplek'"), "\(online.stderr)")

        try rejected(inBuurt[0], "already redeemed at 2026-03-10T10:00:00Z")
        var typo = Array(inBuurt[1])
        typo[0] = typo[0] == "A" ? "B" : "A"
        try rejected(String(typo), "typing error")
        try rejected("ZZZZ-ZZZZ", "should have 17")
        // All-zero data with its correct check character: well-formed, never issued.
        try rejected("0000-0000-0000-0000-T", "not a cheque of this round")
        try rejected(cheques.first { $0.buurt == "BU00140100" }!.code, "for initiatives in buurt BU00140100")
        cli.environment["BUURTSTEM_NOW"] = "2026-06-01T08:00:00Z"
        try rejected(inBuurt[1], "the initiative stopped collecting")
        cli.environment["BUURTSTEM_NOW"] = "2026-07-01T08:00:00Z"
        try rejected(cheques.first { $0.buurt == "BU00140103" }!.code, initiative: "2", "expired")

        // Bulk: the paper cheques of buurt BU00140103, plus a stranger and a typo.
        cli.environment["BUURTSTEM_NOW"] = "2026-04-01T12:00:00Z"
        let paper = cheques.filter { $0.buurt == "BU00140103" }.map(\.code)
        let file = cli.directory.appendingPathComponent("paper.txt")
        try Data((paper + [inBuurt[2], "1234"]).joined(separator: "\n").utf8).write(to: file)
        let bulk = try cli.run("cheques", "redeem", "--file", file.path, "--initiative", "2")
        #expect(bulk.status == 1)
        let lines = bulk.stdout.split(separator: "\n")
        #expect(lines.filter { $0.contains(": redeemed, ledger entry") }.count == 6)
        #expect(lines.contains { $0.hasPrefix("line 7 ") && $0.contains("out-of-scope") })
        #expect(lines.contains { $0.hasPrefix("line 8 ") && $0.contains("mistyped") })
        #expect(bulk.stderr.contains("2 of 8 lines were rejected"))
        let again2 = try cli.run("cheques", "redeem", "--file", file.path, "--initiative", "2", "--json")
        let objects = try again2.stdout.split(separator: "\n").map { try json(String($0)) }
        #expect(objects.count == 9)
        #expect(objects.prefix(6).allSatisfy { $0["rejection"] as? String == "already-redeemed" })
        #expect((objects.last?["summary"] as? [String: Any])?["redeemed"] as? Int == 0)

        let listed = try cli.run("initiative", "list", "--round", "2026-voorjaar")
        #expect(listed.stdout.contains("'Speelplek'  EUR 7.50 of 15.00 (1 cheques)"))
        #expect(listed.stdout.contains("'Moestuin'  EUR 45.00 of 100.00 (6 cheques)"))
        #expect(!listed.stdout.contains("speelplek@example.nl"))
        #expect(try cli.run("initiative", "list", "--with-contact").stdout.contains("speelplek@example.nl"))
        let checkpoint = try cli.run("cheques", "checkpoint", "--round", "2026-voorjaar", "--json")
        #expect(checkpoint.status == 0, "\(checkpoint.stderr)")
        #expect(try json(checkpoint.stdout)["size"] as? Int == 7)

        let early = try cli.run("cheques", "settle", "--round", "2026-voorjaar")
        #expect(early.status != 0 && early.stderr.contains("--before-expiry"))
        cli.environment["BUURTSTEM_NOW"] = "2026-07-02T09:00:00Z"
        let settled = try cli.run("cheques", "settle", "--round", "2026-voorjaar", "--json")
        #expect(settled.status == 0, "\(settled.stderr)")
        let settlement = try json(settled.stdout)["settlement"] as? [String: Any] ?? [:]
        #expect(settlement["issuedCents"] as? Int == 34_500 && settlement["redeemedCents"] as? Int == 5250)
        #expect(settlement["fundedCents"] as? Int == 0 && settlement["returnedCents"] as? Int == 5250)
        #expect(settlement["unredeemedCents"] as? Int == 29_250)
        let report = try cli.run("cheques", "report", "--round", "2026-voorjaar")
        #expect(report.stdout.contains("BU00140103 Korrewegwijk-Zuid") && report.stdout.contains("6 of 6"))
        #expect(report.stdout.contains("GM0014 Groningen") && report.stdout.contains("7 of 46"))
        #expect(try cli.run("cheques", "settle", "--round", "2026-voorjaar").stderr.contains("already settled"))

        let exported = try cli.run("cheques", "export", "--round", "2026-voorjaar", "--out", "record")
        #expect(exported.status == 0, "\(exported.stderr)")
        let record = cli.directory.appendingPathComponent("record")
        let ledger = try String(contentsOf: record.appendingPathComponent("ledger.jsonl"), encoding: .utf8)
        #expect(ledger.split(separator: "\n").count == 7)
        for name in try FileManager.default.contentsOfDirectory(atPath: record.path) {
            let text = try String(contentsOf: record.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("speelplek@example.nl"))
        }
        #expect(try cli.run("cheques", "round", "show", "--round", "2026-voorjaar").stdout.contains("redeemed:     7 cheques, EUR 52.50"))
        #expect(try cli.run("check").status == 0)
    }

    @Test("--addresses must be the imported file; a changed file is refused with nothing issued")
    func addressMismatch() throws {
        let cli = try groningen()
        try cli.run("cheques", "round", "create", "--id", "r1", "--value", "5", "--issue-date", "2026-03-01",
                    "--valid-until", "2026-06-30", "--scope", "wijk")
        let original = try String(contentsOfFile: CLI.shipped("Examples/groningen/households.csv"), encoding: .utf8)
        try Data(original.replacingOccurrences(of: "Korreweg 176", with: "Korreweg 178").utf8)
            .write(to: cli.directory.appendingPathComponent("changed.csv"))
        let result = try cli.run("cheques", "issue", "--round", "r1", "--print-to", "print", "--addresses", "changed.csv")
        #expect(result.status != 0 && result.stderr.contains("SHA-256 differs"))
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("print").path))
        let show = try cli.run("cheques", "round", "show", "--round", "r1")
        #expect(show.stdout.contains("not issued yet"))
        let bad = try cli.run("cheques", "round", "create", "--id", "r2", "--value", "7.505", "--issue-date", "2026-03-01",
                              "--valid-until", "2026-06-30", "--scope", "buurt")
        #expect(bad.status != 0 && bad.stderr.contains("at most two decimals"))
    }

    /// A store with a gemeente-wide round over a synthetic register of `households`, issued without addresses.
    private func syntheticRound(households: Int) throws -> (CLI, [String]) {
        var cli = try CLI.inTemporaryDirectory()
        let gemeente = SyntheticGemeente(households: households)
        try Data(gemeente.areasCSV.utf8).write(to: cli.directory.appendingPathComponent("areas.csv"))
        try Data(gemeente.householdsCSV.utf8).write(to: cli.directory.appendingPathComponent("households.csv"))
        try cli.run("init", "--gemeente", "Groningen", "--code", "GM0014")
        try cli.run("areas", "import", "areas.csv")
        try cli.run("register", "import", "households.csv")
        cli.environment["BUURTSTEM_NOW"] = "2026-03-10T10:00:00Z"
        try cli.run("cheques", "round", "create", "--id", "r", "--value", "7.50", "--issue-date", "2026-03-01",
                    "--valid-until", "2026-06-30", "--scope", "gemeente")
        #expect(try cli.run("cheques", "issue", "--round", "r", "--print-to", "print").status == 0)
        #expect(try cli.run("initiative", "add", "--round", "r", "--buurt", "BU00140100", "--title", "A", "--target", "10",
                            "--deadline", "2026-06-30").status == 0)
        #expect(try cli.run("initiative", "add", "--round", "r", "--buurt", "BU00140700", "--title", "B", "--target", "10",
                            "--deadline", "2026-06-30").status == 0)
        return (cli, try printed(cli).map(\.code))
    }

    @Test("two processes redeem the same code at the same moment: exactly one wins")
    func raceBetweenProcesses() throws {
        let (cli, codes) = try syntheticRound(households: 40)
        for code in codes.prefix(4) {
            let processes = try ["1", "2"].map { initiative in
                try cli.start(["cheques", "redeem", "--code", code, "--initiative", initiative])
            }
            for process in processes { process.waitUntilExit() }
            #expect(processes.filter { $0.terminationStatus == 0 }.count == 1, "code \(code)")
        }
        let status = try cli.run("cheques", "round", "show", "--round", "r", "--json")
        #expect((try json(status.stdout))["redeemed"] as? Int == 4)
        #expect(try cli.run("check").status == 0)
    }

    @Test("kill -9 during a bulk redeem loses no acknowledged redemption and leaves a sound store")
    func killDuringBulkRedeem() throws {
        let (cli, codes) = try syntheticRound(households: 2500)
        let file = cli.directory.appendingPathComponent("codes.txt")
        try Data(codes.joined(separator: "\n").utf8).write(to: file)
        var acknowledged = 0
        var interrupted = 0
        for delay in [0.4, 0.9] {
            let process = Process()
            process.executableURL = CLI.productsDirectory.appendingPathComponent("buurtstem")
            process.arguments = ["cheques", "redeem", "--file", file.path, "--initiative", "1"]
            process.currentDirectoryURL = cli.directory
            process.environment = ProcessInfo.processInfo.environment.merging(cli.environment) { $1 }
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning { interrupted += 1 }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            // Only whole lines count as acknowledged: the kill may cut the last one.
            let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            let store = try Store.open(path: cli.directory.appendingPathComponent("buurtstem.sqlite").path)
            for line in lines where line.contains(": redeemed, ledger entry") {
                let number = Int(line.dropFirst(5).prefix { $0 != " " })!
                let redemption = try store.chequeRedemption(of: try ChequeCode.parse(codes[number - 1]), round: "r")
                #expect(redemption != nil, "acknowledged \(line) is not in the store")
                acknowledged += 1
            }
            #expect(try store.check().isEmpty)
            #expect(try cli.run("check").status == 0)
        }
        #expect(interrupted > 0, "no bulk redeem was interrupted; the test did not test anything")
        #expect(acknowledged > 0, "nothing was acknowledged before the kill")
        // Running the file again completes it: every cheque redeemed exactly once.
        let rest = try cli.run("cheques", "redeem", "--file", file.path, "--initiative", "1")
        let rejections = rest.stdout.split(separator: "\n").filter { $0.contains(": rejected (") }
        #expect(rejections.allSatisfy { $0.contains("already-redeemed") } && rejections.count >= acknowledged)
        let status = try json(try cli.run("cheques", "round", "show", "--round", "r", "--json").stdout)
        #expect(status["redeemed"] as? Int == 2500)
        #expect(try cli.run("check").status == 0)
    }
}
