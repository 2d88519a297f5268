import Buurtstem
import Foundation
import Testing

@Suite("buurtstem: a wijkstemdag from the command line")
struct StemdagCommandTests {
    /// A CLI folder with the Groningen register, the shipped Korrewegwijk election moved to a window around now,
    /// two kiosks and issued passes; returns the CLI and the pass codes.
    /// `extraHouseholds` adds that many households in the Korrewegwijk (one pass each) to the shipped register.
    static func prepared(id: String = "kw-now", extraHouseholds: Int = 0, edit: (String) -> String = { $0 }) throws -> (CLI, [String]) {
        let cli = try CLI.inTemporaryDirectory()
        try cli.run("init", "--gemeente", "Groningen", "--code", "GM0014")
        try cli.run("areas", "import", CLI.shipped("Examples/groningen/areas.csv"))
        var register = try String(contentsOfFile: CLI.shipped("Examples/groningen/households.csv"), encoding: .utf8)
        for index in 0..<extraHouseholds {
            register += "00140100009\(String(100_000 + index).suffix(5)),BU00140100,1,1,\"Extra \(index)\",\"9713 AA Groningen\"\n"
        }
        try register.write(to: cli.directory.appendingPathComponent("households.csv"), atomically: true, encoding: .utf8)
        try cli.run("register", "import", "households.csv")
        let formatter = ISO8601DateFormatter()
        let text = try String(contentsOfFile: CLI.shipped("Ballots/wijkstemdag-korrewegwijk-2026.yaml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                if line.hasPrefix("id:") { return "id: \(id)" }
                if line.hasPrefix("  open:") { return "  open: \(formatter.string(from: Date().addingTimeInterval(-3600)))" }
                if line.hasPrefix("  close:") { return "  close: \(formatter.string(from: Date().addingTimeInterval(3600)))" }
                return String(line)
            }.joined(separator: "\n")
        try edit(text).write(to: cli.directory.appendingPathComponent("now.yaml"), atomically: true, encoding: .utf8)
        let created = try cli.run("election", "create", "now.yaml")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try cli.run("kiosk", "add", "--election", id, "--name", "bibliotheek").status == 0)
        #expect(try cli.run("kiosk", "add", "--election", id, "--name", "buurthuis").status == 0)
        let issued = try cli.run("stempas", "issue", "--election", id, "--print-to", "print", "--addresses", "households.csv")
        #expect(issued.status == 0, "\(issued.stderr)")
        let csv = try String(contentsOf: cli.directory.appendingPathComponent("print/stempassen.csv"), encoding: .utf8)
        let codes = csv.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[2]) }
        return (cli, codes)
    }

    /// Pre-publishes election `id` (into a new folder), as 'polls open' requires; before 'store copy', so the
    /// copies have it too.
    static func publish(_ cli: CLI, id: String = "kw-now") throws {
        let published = try cli.run("election", "publish", "--election", id, "--out", "prepub-\(UUID().uuidString)")
        #expect(published.status == 0, "\(published.stderr)")
    }

    @Test("the shipped examples are accepted as they are")
    func shippedExamples() throws {
        let cli = try CLI.inTemporaryDirectory()
        try cli.run("init", "--gemeente", "Groningen", "--code", "GM0014")
        try cli.run("areas", "import", CLI.shipped("Examples/groningen/areas.csv"))
        try cli.run("register", "import", CLI.shipped("Examples/groningen/households.csv"))
        for file in ["wijkstemdag-korrewegwijk-2026.yaml", "buurtbegroting-oosterpark-2026.yaml", "buurtbegroting-groningen-stad-2027.yaml"] {
            let result = try cli.run("election", "create", CLI.shipped("Ballots/\(file)"))
            #expect(result.status == 0, "\(file): \(result.stderr)")
        }
    }

    @Test("a bad definition gets one message per problem with its line, and nothing is stored")
    func badDefinition() throws {
        let cli = try CLI.inTemporaryDirectory()
        try cli.run("init", "--gemeente", "Groningen", "--code", "GM0014")
        try cli.run("areas", "import", CLI.shipped("Examples/groningen/areas.csv"))
        try cli.run("register", "import", CLI.shipped("Examples/groningen/households.csv"))
        let text = try String(contentsOfFile: CLI.shipped("Ballots/wijkstemdag-korrewegwijk-2026.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  - area: WK001401", with: "  - area: WK009999")
            .replacingOccurrences(of: "        cost: 65000", with: "        cost: 650000")
            .replacingOccurrences(of: "  max: 3", with: "  max: 3\n  maximum: 4")
            .replacingOccurrences(of: "      - id: KW-06", with: "      - id: KW-05")
        try text.write(to: cli.directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let result = try cli.run("election", "create", "bad.yaml")
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad.yaml:20 (ballot.maximum)"))
        #expect(result.stderr.contains("unknown area 'WK009999'"))
        #expect(result.stderr.contains("more than the contest's budget"))
        #expect(result.stderr.contains("project id KW-05 is used twice"))
        #expect(result.stderr.contains("unknown key 'maximum'"))
        #expect(try cli.run("election", "list").stdout.contains("No elections"))
    }

    @Test("a definition or budget plan with a byte that is not UTF-8 is refused with its line, nothing stored")
    func notUTF8() throws {
        let cli = try CLI.groningen()
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: CLI.shipped("Ballots/wijkstemdag-korrewegwijk-2026.yaml"))))
        let third = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }[1] + 1
        bytes.insert(0xE9, at: third + 2)
        try Data(bytes).write(to: cli.directory.appendingPathComponent("latin1.yaml"))
        let created = try cli.run("election", "create", "latin1.yaml")
        #expect(created.status != 0)
        #expect(created.stderr.contains("latin1.yaml:3: the line is not valid UTF-8"), "\(created.stderr)")
        #expect(try cli.run("election", "list").stdout.contains("No elections"))
        var plan = [UInt8](try Data(contentsOf: URL(fileURLWithPath: CLI.shipped("Budgets/groningen-wijkvernieuwing-2011-2014.yaml"))))
        plan.append(contentsOf: [0x23, 0x20, 0xFC, 0x0A])
        try Data(plan).write(to: cli.directory.appendingPathComponent("plan.yaml"))
        let checked = try cli.run("budget", "check", "plan.yaml")
        #expect(checked.status != 0)
        #expect(checked.stderr.contains("plan.yaml:") && checked.stderr.contains("not valid UTF-8"), "\(checked.stderr)")
    }

    @Test("issue, vote at two kiosks, every rejection, close, tally: from the command line")
    func fullDay() throws {
        let (cli, codes) = try Self.prepared()
        #expect(codes.count == 19)
        let html = try String(contentsOf: cli.directory.appendingPathComponent("print/stempassen-0001.html"), encoding: .utf8)
        #expect(html.contains(codes[0]) && html.contains("<svg") && html.contains("Bedumerweg"))
        let early = try cli.run("vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--pass", codes[0], "--choices", "KW-01")
        #expect(early.status != 0 && early.stderr.contains("polls are not open"))
        try Self.publish(cli)
        #expect(try cli.run("polls", "open", "--election", "kw-now").status == 0)
        let voted = try cli.run("vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--pass", codes[0], "--choices", "KW-01,KW-03")
        #expect(voted.status == 0)
        #expect(voted.stdout.contains("tracking code") && !voted.stdout.contains("KW-0"))
        #expect(try cli.run("vote", "--election", "kw-now", "--kiosk", "buurthuis", "--pass", codes[1], "--choices", "KW-03").status == 0)
        var typo = Array(codes[2])
        typo[1] = typo[1] == "A" ? "B" : "A"
        let rejections: [([String], String)] = [
            (["--pass", codes[0], "--choices", "KW-02"], "already been used"),
            (["--pass", String(typo), "--choices", "KW-02"], "typing error"),
            (["--pass", "000-000-000-000-000-000-000-000-000", "--choices", "KW-02"], "typing error"),
            (["--pass", codes[2], "--choices", "KW-01,KW-02,KW-03,KW-04"], "at most 3"),
            (["--pass", codes[2], "--choices", "XX-01"], "not on the ballot"),
        ]
        for (arguments, message) in rejections {
            let result = try cli.run(["vote", "--election", "kw-now", "--kiosk", "buurthuis"] + arguments)
            #expect(result.status != 0)
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal"))
        }
        // Paper ballots from a file saved on Windows (CRLF line ends): each line is its own ballot.
        try "\(codes[4]) KW-02\r\n\(codes[5]) KW-04,KW-06\r\n".write(to: cli.directory.appendingPathComponent("paper.txt"), atomically: true, encoding: .utf8)
        let paper = try cli.run("vote", "--election", "kw-now", "--kiosk", "buurthuis", "--file", "paper.txt")
        #expect(paper.status == 0, "\(paper.stdout)\(paper.stderr)")
        #expect(paper.stdout.split(separator: "\n").filter { $0.contains(": ok ") }.count == 2)
        #expect(try cli.run("kiosk", "checkpoint", "--election", "kw-now", "--kiosk", "bibliotheek").status == 0)
        #expect(try cli.run("polls", "close", "--election", "kw-now").status == 0)
        let closed = try cli.run("vote", "--election", "kw-now", "--kiosk", "buurthuis", "--pass", codes[3], "--choices", "KW-02")
        #expect(closed.status != 0 && closed.stderr.contains("closed"))
        let tally = try cli.run("tally", "--election", "kw-now", "--json")
        #expect(tally.status == 0)
        let json = (try JSONSerialization.jsonObject(with: Data(tally.stdout.utf8)) as? [String: Any])?["tally"] as? [String: Any]
        let contest = (json?["contests"] as? [[String: Any]])?.first
        #expect(contest?["ballotsCounted"] as? Int == 4)
        let projects = contest?["projects"] as? [[String: Any]] ?? []
        #expect(projects.first { $0["id"] as? String == "KW-03" }?["ballots"] as? Int == 2)
        #expect(try cli.run("check").status == 0)
    }

    @Test("the polls do not open before the election is pre-published, unless explicitly without, and the verifier then says so")
    func openNeedsPrePublication() throws {
        let (cli, codes) = try Self.prepared()
        let refused = try cli.run("polls", "open", "--election", "kw-now")
        #expect(refused.status != 0 && refused.stderr.contains("was not pre-published")
            && refused.stderr.contains("buurtstem election publish --election kw-now --out DIR"), "\(refused.stderr)")
        #expect(try cli.run("election", "show", "--election", "kw-now", "--json").stdout.contains("\"issued\""))
        let opened = try cli.run("polls", "open", "--election", "kw-now", "--without-prepublication")
        #expect(opened.status == 0 && opened.stdout.contains("without a pre-publication"), "\(opened.stderr)")
        #expect(try cli.run("vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--pass", codes[0], "--choices", "KW-01").status == 0)
        #expect(try cli.run("polls", "close", "--election", "kw-now").status == 0)
        #expect(try cli.run("record", "export", "--election", "kw-now", "--out", "record").status == 0)
        let verified = try cli.run([cli.directory.appendingPathComponent("record").path], tool: "buurtstem-verify")
        #expect(verified.status == 0 && verified.stdout.contains("WARNING: NOT PRE-PUBLISHED"), "\(verified.stdout)")
    }

    @Test("a malformed choice is refused with a message, never a crash; in a file it refuses only its line")
    func malformedChoices() throws {
        let (cli, codes) = try Self.prepared()
        try Self.publish(cli)
        #expect(try cli.run("polls", "open", "--election", "kw-now").status == 0)
        for choices in ["=", "KW-01,=", "=KW-01"] {
            let result = try cli.run("vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--pass", codes[0], "--choices", choices)
            #expect(result.status == 1, "\(choices): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("project id is missing"), "\(choices): \(result.stderr)")
        }
        try "\(codes[0]) =\n\(codes[1]) KW-01\n".write(to: cli.directory.appendingPathComponent("paper.txt"), atomically: true, encoding: .utf8)
        let file = try cli.run("vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--file", "paper.txt")
        #expect(file.status == 2)
        #expect(file.stdout.contains("paper.txt:1: refused") && file.stdout.contains("paper.txt:2: ok"), "\(file.stdout)")
    }

    @Test("two kiosks on one store close one at a time from the command line, and the tally follows")
    func closeKioskByKiosk() throws {
        let (cli, codes) = try Self.prepared()
        try Self.publish(cli)
        #expect(try cli.run("polls", "open", "--election", "kw-now").status == 0)
        #expect(try cli.run("vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--pass", codes[0], "--choices", "KW-01").status == 0)
        #expect(try cli.run("vote", "--election", "kw-now", "--kiosk", "buurthuis", "--pass", codes[1], "--choices", "KW-01").status == 0)
        #expect(try cli.run("polls", "close", "--election", "kw-now", "--kiosk", "bibliotheek").status == 0)
        #expect(try cli.run("tally", "--election", "kw-now").status != 0, "buurthuis is still open")
        #expect(try cli.run("vote", "--election", "kw-now", "--kiosk", "buurthuis", "--pass", codes[2], "--choices", "KW-02").status == 0)
        let closed = try cli.run("polls", "close", "--election", "kw-now", "--kiosk", "buurthuis")
        #expect(closed.status == 0, "\(closed.stderr)")
        let tally = try cli.run("tally", "--election", "kw-now")
        #expect(tally.status == 0, "\(tally.stderr)")
        #expect(try cli.run("check").status == 0)
    }

    @Test("kill -9 during a burst of casts loses no acknowledged ballot and leaves the logs consistent")
    func killDuringCasts() throws {
        // Enough passes that a run takes far longer than the wait for its first acknowledgements, even on a busy
        // machine: each kill lands while casts are still going on.
        let (cli, codes) = try Self.prepared(extraHouseholds: 300)
        try Self.publish(cli)
        #expect(try cli.run("polls", "open", "--election", "kw-now").status == 0)
        let lines = codes.map { "\($0) KW-01,KW-05" }.joined(separator: "\n") + "\n"
        let file = cli.directory.appendingPathComponent("paper.txt")
        try lines.write(to: file, atomically: true, encoding: .utf8)
        var acknowledged: [String] = []
        var killedMidRun = 0
        // Each run is killed right after its k-th acknowledgement, so the kill lands while casts are going on.
        for k in [1, 3, 5] {
            let out = Pipe()
            let process = Process()
            process.executableURL = CLI.productsDirectory.appendingPathComponent("buurtstem")
            process.arguments = ["vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--file", file.path]
            process.currentDirectoryURL = cli.directory
            process.environment = ProcessInfo.processInfo.environment.merging(cli.environment) { $1 }
            process.standardOutput = out
            try process.run()
            var printed = ""
            while printed.split(separator: "\n").filter({ $0.contains(": ok ") }).count < k {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                printed += String(decoding: chunk, as: UTF8.self)
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            printed += String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            acknowledged += printed.split(separator: "\n").filter { $0.contains(": ok ") }.map { String($0.split(separator: " ")[2]) }
            let store = try Store.open(path: cli.directory.appendingPathComponent("buurtstem.sqlite").path)
            let logged = try KioskLog(store: store, election: "kw-now", kiosk: "bibliotheek").treeHead().size
            if process.terminationReason == .uncaughtSignal, logged < UInt64(codes.count) { killedMidRun += 1 }
            #expect(try cli.run("check").status == 0)
        }
        // A run the kill did not interrupt proves nothing about a kill: at least one must have been cut short.
        #expect(killedMidRun > 0, "no kill landed while casts were going on")
        // Finish the day: the rest of the file is entered (already used passes are refused), then close.
        _ = try cli.run("vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--file", file.path)
        #expect(try cli.run("polls", "close", "--election", "kw-now").status == 0)
        let tally = try cli.run("tally", "--election", "kw-now", "--json")
        let json = (try JSONSerialization.jsonObject(with: Data(tally.stdout.utf8)) as? [String: Any])?["tally"] as? [String: Any]
        #expect(json?["ballotsInLogs"] as? Int == codes.count)
        let check = try cli.run("check")
        #expect(check.status == 0, "\(check.stdout)")
        // Every acknowledged tracking code is a ballot in the log.
        #expect(!acknowledged.isEmpty)
        let store = try Store.open(path: cli.directory.appendingPathComponent("buurtstem.sqlite").path)
        var logged: Set<String> = []
        try KioskLog(store: store, election: "kw-now", kiosk: "bibliotheek").forEachBallot { logged.insert(Receipt(ballot: $0).trackingCode) }
        for code in acknowledged {
            #expect(logged.contains(code), "acknowledged \(code) is missing")
        }
    }

    @Test("two locations with their own store: merge keeps every ballot, a pass used at both is void at the tally")
    func locations() throws {
        let (cli, codes) = try Self.prepared()
        try Self.publish(cli)
        #expect(try cli.run("store", "copy", "--to", "location2.sqlite").status == 0)
        for db in ["buurtstem.sqlite", "location2.sqlite"] {
            #expect(try cli.run("polls", "open", "--election", "kw-now", "--db", db).status == 0)
        }
        for code in codes[0..<3] {
            #expect(try cli.run("vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--pass", code, "--choices", "KW-01").status == 0)
        }
        for code in codes[2..<5] {
            #expect(try cli.run("vote", "--db", "location2.sqlite", "--election", "kw-now", "--kiosk", "buurthuis", "--pass", code,
                                "--choices", "KW-02").status == 0)
        }
        #expect(try cli.run("polls", "close", "--election", "kw-now", "--kiosk", "bibliotheek").status == 0)
        #expect(try cli.run("polls", "close", "--election", "kw-now", "--kiosk", "buurthuis", "--db", "location2.sqlite").status == 0)
        #expect(try cli.run("polls", "merge", "--election", "kw-now", "--from", "location2.sqlite").status == 0)
        let tally = try cli.run("tally", "--election", "kw-now", "--json")
        let json = (try JSONSerialization.jsonObject(with: Data(tally.stdout.utf8)) as? [String: Any])?["tally"] as? [String: Any]
        #expect(json?["ballotsInLogs"] as? Int == 6)
        let voids = json?["voids"] as? [[String: Any]] ?? []
        #expect(voids.count == 1)
        #expect(voids.first?["countedKiosk"] as? String != voids.first?["kiosk"] as? String)
        #expect(try cli.run("check").status == 0)
    }
}
