import Buurtstem
import Foundation
import Testing

/// The engine's one error model (issue 20): typed errors whose messages never name a front end's commands or
/// options; a remedy is a ``Remedy`` the CLI and the kiosk each say in their own words.
@Suite("The engine's errors")
struct ErrorModelTests {
    /// One of each remedy. The exhaustive switch in ``covered(_:)`` fails to compile when a case is added and not
    /// listed here.
    static let remedies: [Remedy] = [
        .initialise, .importAreas, .importRegister, .listRegisterSnapshots, .showRegister, .issuePasses(election: "e"),
        .addKiosk(election: "e"), .openPolls(election: "e"), .publishElection(election: "e"), .closePolls(election: "e", kiosk: nil),
        .closePolls(election: "e", kiosk: "k"), .decryptBallots(election: "e"), .checkStore,
        .issueCheques(round: "r"), .settleBeforeExpiry(round: "r"), .settleCheques(round: "r"), .exportCheques(round: "r"),
        .listChequeRounds, .listInitiatives, .createElection, .listProposals, .loadCriteria, .startReview(proposal: 1),
        .assessProposal(proposal: 1), .decideProposal(proposal: 1), .createElectionFromProposals,
        .decideByWijkteam(proposal: 1), .showProposal(proposal: 1),
    ]

    static func covered(_ remedy: Remedy) {
        switch remedy {
        case .initialise, .importAreas, .importRegister, .listRegisterSnapshots, .showRegister, .issuePasses, .addKiosk,
             .openPolls, .publishElection, .closePolls, .decryptBallots, .checkStore, .issueCheques, .settleBeforeExpiry,
             .settleCheques, .exportCheques, .listChequeRounds, .listInitiatives, .createElection, .listProposals,
             .loadCriteria, .startReview, .assessProposal, .decideProposal, .createElectionFromProposals,
             .decideByWijkteam, .showProposal:
            break
        }
    }

    /// Whether `text` names a command ("buurtstem ...") or an option ("--out").
    static func namesTheCLI(_ text: String) -> Bool {
        text.contains("buurtstem ") || text.contains("--")
    }

    @Test("no remedy's plain words name a command or an option")
    func remedyWords() {
        for remedy in Self.remedies {
            Self.covered(remedy)
            #expect(!Self.namesTheCLI(remedy.description), "\(remedy)")
        }
    }

    /// The engine's other refusals, scanned like ``BuurtstemError``: how each expression opens, and how many of
    /// them the engine has at least (a scan that finds few is broken).
    static let otherErrors: [(opener: String, atLeast: Int)] = [
        ("AllocationError(", 15), ("CastError.pollsNotOpen(", 1), (".invalidBallot(", 5), ("InputError(", 10),
        ("Problem(", 5), ("problem(", 100), ("problems.append((", 10), ("PabulibError(", 15), ("TrusteeFileError(", 15),
    ]

    @Test("no engine error's message in the sources names a command or an option")
    func sourceMessages() throws {
        var checked = 0
        for (file, text) in try Self.engineSources() {
            for message in Self.errorExpressions(in: text) {
                checked += 1
                #expect(!Self.namesTheCLI(message), "\(file): \(message)")
            }
        }
        // The engine raises well over a hundred kinds of refusal; a scan that finds few is broken.
        #expect(checked > 150)
    }

    @Test("no allocation, cast, input-file, Pabulib or trustee-file refusal in the sources names a command or an option")
    func otherSourceMessages() throws {
        let sources = try Self.engineSources(targets: ["Sources/Buurtstem", "Sources/BuurtstemSite", "Sources/BuurtstemRecord"])
        for (opener, atLeast) in Self.otherErrors {
            var checked = 0
            for (file, text) in sources {
                for message in Self.errorExpressions(in: text, opener: opener) {
                    checked += 1
                    #expect(!Self.namesTheCLI(message), "\(file): \(message)")
                }
            }
            #expect(checked >= atLeast, "\(opener) found \(checked) times")
        }
    }

    @Test("the engine's allocation refusals name the setting as a value, and they and a cast's remedy are said without the CLI's words")
    func allocationAndCastWords() throws {
        let election = try AllocationInput(projects: [AllocationProject(id: "A", cost: 6), AllocationProject(id: "B", cost: 4)], budget: 10,
                                           kind: .approval, ballots: [[(project: 0, points: 1)], [(project: 0, points: 1), (project: 1, points: 1)]])
        var weightedMES = AllocationOptions(rule: .mes)
        weightedMES.weighting = RankingWeighting(weightsPer10000: [5000], values: [[0], [40]])
        var shortWeighting = AllocationOptions(rule: .greedy)
        shortWeighting.weighting = RankingWeighting(weightsPer10000: [5000], values: [[0]])
        // What a front end can still get wrong with typed options; a value it cannot read (an unknown tie-break, a
        // seed that is not hex) never reaches the engine: ErrorWordingTests (CLI tests) checks the command's words.
        let refused: [(AllocationOptions, AllocationError.Setting)] = [
            (AllocationOptions(rule: .greedy, completion: .add1), .completion),
            (weightedMES, .weighting),
            (shortWeighting, .weighting),
            (AllocationOptions(rule: .greedy, constraints: AllocationConstraints(exclusions: [["A"]])), .exclusions),
            (AllocationOptions(rule: .greedy, constraints: AllocationConstraints(exclusions: [["A", "Z"]])), .exclusions),
        ]
        for (options, setting) in refused {
            let error = #expect(throws: AllocationError.self) { try Allocator.allocate(election, options: options) }
            #expect(error?.setting == setting, "\(options)")
            #expect(!Self.namesTheCLI(error?.message ?? "--"), "\(options): \(error?.message ?? "")")
        }
        let cast = CastError.pollsNotOpen("the polls of 'e' have not been opened", remedy: .openPolls(election: "e"))
        #expect(cast.remedy == .openPolls(election: "e") && !Self.namesTheCLI(cast.description))
    }

    /// The files allowed to say a command or an option, and why: the verifier's command that the report publishes
    /// for observers to run (an instruction to the public, not a refusal).
    static let mayNameTheCLI = ["Sources/Buurtstem/Reports/ReportVerification.swift"]

    /// The CLI's command names, read from its sources (`commandName: "..."`): a scan that knows the commands finds
    /// a text that names one without the word `buurtstem` in front only when quoted, so both forms are searched.
    static func commandNames() throws -> [String] {
        let root = projectRoot.appendingPathComponent("Sources/buurtstem")
        let files = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".swift") }
        var names: Set<String> = []
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /commandName: "([a-z-]+)"/) { names.insert(String(match.1)) }
        }
        return names.sorted()
    }

    /// What a line of code (not a comment) says of the CLI: "buurtstem NAME" or 'NAME SUBCOMMAND' for a command, or an
    /// option such as --out after a blank, a quote or a parenthesis.
    static func cliWords(in line: String, commands: [String]) -> String? {
        let code = line.trimmingCharacters(in: .whitespaces)
        guard !code.hasPrefix("//") else { return nil }
        if let option = code.firstMatch(of: /(^|[\s'"(])--[a-z]/) { return String(option.0) }
        for command in commands {
            // Quoted, a command is followed by its subcommand ('election list'); a lone quoted word is data ('kiosk' in SQL).
            let quoted = try? Regex("'\(command)( [a-z-]+)+'")
            if code.contains("buurtstem \(command)") || quoted.map({ code.contains($0) }) == true { return command }
        }
        return nil
    }

    @Test("no text of the engine or the record library names a command or an option, letters and read-mes included")
    func everyText() throws {
        let commands = try Self.commandNames()
        #expect(commands.count > 20 && commands.contains("polls") && commands.contains("allocate"), "\(commands)")
        var lines = 0
        for (file, text) in try Self.engineSources(targets: ["Sources/Buurtstem", "Sources/BuurtstemRecord", "Sources/BuurtstemCrypto"])
            where !Self.mayNameTheCLI.contains(file) {
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                lines += 1
                if let words = Self.cliWords(in: String(line), commands: commands) {
                    Issue.record("\(file):\(number + 1) names the CLI (\(words)): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(lines > 20_000)
        // The scan finds what it looks for.
        #expect(Self.cliWords(in: #"throw fail("the file names no rule; choose one with --rule")"#, commands: commands) != nil)
        #expect(Self.cliWords(in: "Print only after 'buurtstem election publish': ...", commands: commands) != nil)
        #expect(Self.cliWords(in: #"return "use the id as 'election list' shows it""#, commands: commands) != nil)
        #expect(Self.cliWords(in: #"static let start = "<b><!--fingerprint-->""#, commands: commands) == nil)
        #expect(Self.cliWords(in: "COUNT(CASE r.channel WHEN 'kiosk' THEN 1 END) AS kiosk", commands: commands) == nil)
        #expect(Self.cliWords(in: "/// as `buurtstem vote --file` reads it", commands: commands) == nil)
    }

    @Test("a Pabulib file's refusal says the setting to choose in words and as a value, never the option")
    func pabulibWords() throws {
        func file(rule: String) -> [UInt8] {
            Array(("META\nkey;value\ndescription;test\nnum_projects;2\nbudget;10\nvote_type;approval\n" + (rule.isEmpty ? "" : "rule;\(rule)\n")
                + "PROJECTS\nproject_id;cost;votes\nA;6;2\nB;4;1\nVOTES\nvoter_id;vote\n1;A\n2;A,B\n").utf8)
        }
        for (rule, exclusions, setting) in [("", nil, AllocationError.Setting.rule), ("greedy-custom", nil, .rule), ("nonsense", nil, .rule),
                                            ("greedy-exclusive", nil, .exclusions), ("greedy", [["A", "B"]], .exclusions)] as [(String, [[String]]?, AllocationError.Setting)] {
            let instance = try PabulibReader().read(file(rule: rule), file: "test.pb")
            let error = #expect(throws: PabulibError.self) { try instance.officialAllocation(file: "test.pb", exclusions: exclusions) }
            #expect(error?.setting == setting, "\(rule)")
            #expect(!Self.namesTheCLI(error?.description ?? "--"), "\(rule): \(error?.description ?? "")")
        }
    }

    /// Every Swift file of `targets` (the engine and the site unless told), by its path from the package root, with its text.
    static func engineSources(targets: [String] = ["Sources/Buurtstem", "Sources/BuurtstemSite"]) throws -> [(file: String, text: String)] {
        let manager = FileManager.default
        var sources: [(file: String, text: String)] = []
        for target in targets {
            let root = projectRoot.appendingPathComponent(target)
            let files = try #require(manager.enumerator(atPath: root.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
            for file in files.sorted() {
                sources.append(("\(target)/\(file)", try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)))
            }
        }
        return sources
    }

    @Test("an engine error found by the scan is the one thrown, with its remedy")
    func thrown() throws {
        let (store, _) = try groningenStore()
        let error = #expect(throws: BuurtstemError.self) { try store.election("nope") }
        #expect(error?.kind == .notFound)
        #expect(error?.remedy == .createElection)
        #expect(!Self.namesTheCLI(error?.description ?? "--"))
        #expect(Self.errorExpressions(in: #"throw BuurtstemError(.badInput, "a (b) \(f(x)) c)" + f(x), remedy: .checkStore) // )"#)
            == [#"BuurtstemError(.badInput, "a (b) \(f(x)) c)" + f(x), remedy: .checkStore)"#])
    }

    /// The text of each `BuurtstemError(...)` (or other `opener`) expression in `source`, up to its closing parenthesis: parentheses in
    /// string literals do not count, those of their interpolations do.
    static func errorExpressions(in source: String, opener: String = "BuurtstemError(") -> [String] {
        var found: [String] = []
        var rest = Substring(source)
        while let start = rest.range(of: opener) {
            // A stack of contexts: a number is code at that parenthesis depth, nil is a string literal.
            var stack: [Int?] = [1]
            var end: String.Index?
            var index = start.upperBound
            while index < rest.endIndex, end == nil {
                let character = rest[index]
                switch stack[stack.count - 1] {
                case nil:
                    if character == "\\" {
                        let next = rest.index(after: index)
                        if next < rest.endIndex, rest[next] == "(" { stack.append(1); index = next }
                        else if next < rest.endIndex { index = next }
                    } else if character == "\"" { stack.removeLast() }
                case let depth?:
                    if character == "\"" { stack.append(nil) }
                    else if character == "(" { stack[stack.count - 1] = depth + 1 }
                    else if character == ")" {
                        if depth == 1 {
                            stack.removeLast()
                            if stack.isEmpty { end = rest.index(after: index) }
                        } else {
                            stack[stack.count - 1] = depth - 1
                        }
                    }
                }
                index = rest.index(after: index)
            }
            guard let end else { break }
            found.append(String(rest[start.lowerBound..<end]))
            rest = rest[end...]
        }
        return found
    }
}
