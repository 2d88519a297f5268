import Foundation
import Testing
@testable import Buurtstem

/// The shared Pabulib folder (`../shared/pabulib` beside the package root), if present: real instances to read.
enum SharedPabulib {
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/pabulib")

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("instances").path)
    }

    /// The instances' names without extension, sorted.
    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("instances").path)) ?? []
        return files.filter { $0.hasSuffix(".pb") }.map { String($0.dropLast(3)) }.sorted()
    }

    static func instance(_ name: String) throws -> PabulibInstance {
        try PabulibReader().read(contentsOf: folder.appendingPathComponent("instances/\(name).pb").path)
    }
}

/// The test fixtures folder, found from this file's path so the package needs no resources.
enum Fixtures {
    /// `Tests/Fixtures/Pabulib`: outside the test target's folder, so SwiftPM needs no resource declaration.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Pabulib")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func instance(_ name: String) throws -> PabulibInstance {
        try PabulibReader().read(contentsOf: path(name))
    }
}

/// Reads `text` as a .pb file named `test.pb`, expecting an error; returns it.
private func readError(_ text: String) -> PabulibError? {
    do {
        _ = try PabulibReader().read(Array(text.utf8), file: "test.pb")
        return nil
    } catch {
        return error
    }
}

private let validHead = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\np1;10\np2;20\nVOTES\nvoter_id;vote\n"

@Suite("Pabulib format")
struct PabulibFormatTests {
    @Test("reads META, PROJECTS and VOTES of the shipped approval example")
    func readsApproval() throws {
        let instance = try Fixtures.instance("add1-example.pb")
        #expect(instance.voteType == .approval)
        #expect(instance.budget == DecimalAmount(units: 20, scale: 0))
        #expect(instance.meta("description") == "Add1 example; X and Y")
        #expect(instance.meta("budget_per_category") == "10,20")
        #expect(instance.projects.map(\.id) == ["X", "Y"])
        #expect(instance.projectField("name", of: instance.projects[0]) == "Speeltuin \"De Wip\"")
        #expect(instance.votes.map(\.projects) == [["Y"], ["Y"], ["X", "Y"], ["X"]])
        let election = try instance.allocationInput()
        #expect(election.voterCount == 4)
        #expect(election.approvalCounts == [2, 3])
        #expect(election.ballots.count == 3)  // voters 1 and 2 merge into one class of weight 2
        #expect(election.projects[0].categories == ["play"])
    }

    @Test("reads cumulative points, decimal costs and an empty ballot (CRLF lines)")
    func readsCumulative() throws {
        let instance = try Fixtures.instance("cumulative.pb")
        #expect(instance.voteType == .cumulative)
        #expect(instance.votes[1].points == [3, 2, 2])
        #expect(instance.votes[2].projects.isEmpty)
        let election = try instance.allocationInput()
        #expect(election.moneyScale == 2)
        #expect(election.budget == 10050)
        #expect(election.projects.map(\.cost) == [4025, 6000, 3000])
        #expect(election.pointTotals == [6, 4, 2])
        #expect(election.voterCount == 3)
        #expect(election.format(election.projects[0].cost) == "40.25")
    }

    @Test("writing then reading gives back the same instance", arguments: ["add1-example.pb", "cumulative.pb"])
    func roundTripsFixtures(_ name: String) throws {
        let instance = try Fixtures.instance(name)
        let written = PabulibWriter().bytes(instance)
        #expect(try PabulibReader().read(written, file: name) == instance)
        let crlf = PabulibWriter(lineEnding: "\r\n").bytes(instance)
        #expect(try PabulibReader().read(crlf, file: name) == instance)
    }

    @Test("quotes exactly the fields that need it")
    func quoting() {
        #expect(PabulibWriter.quoted("plain text") == "plain text")
        #expect(PabulibWriter.quoted("a;b") == "\"a;b\"")
        #expect(PabulibWriter.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(PabulibWriter.quoted("two\nlines") == "\"two\nlines\"")
    }

    @Test("every shared instance round-trips", .enabled(if: SharedPabulib.isAvailable, "../shared/pabulib is absent"),
          arguments: SharedPabulib.names)
    func roundTripsShared(_ name: String) throws {
        let instance = try SharedPabulib.instance(name)
        let again = try PabulibReader().read(PabulibWriter().bytes(instance), file: name)
        #expect(again == instance)
    }

    @Test("the shared Amsterdam META constraints are understood", .enabled(if: SharedPabulib.isAvailable, "../shared/pabulib is absent"))
    func amsterdamConstraints() throws {
        let a252 = try SharedPabulib.instance("Netherlands_Amsterdam_252").declaredConstraints()
        #expect(a252.areaBudgets == ["Oostelijke Eilanden": 150_000, "Haarlemmerhouttuinen": 100_000, "Other": 250_000])
        let a166 = try SharedPabulib.instance("Netherlands_Amsterdam_166").declaredConstraints()
        #expect(a166.categoryBudgets["Armoede"] == 52_000)
        #expect(a166.leftover == .fundFitting)
        let a324 = try SharedPabulib.instance("Netherlands_Amsterdam_324").declaredConstraints()
        #expect(a324.leftover == .partialOne)
        let lodz = try SharedPabulib.instance("Poland_Lodz_2024").declaredConstraints()
        #expect(lodz.minimumSupport == 100)
    }

    @Test("malformed files name the line and field", arguments: [
        ("key;value\nbudget;1\n", 1, nil as String?, "must start with a line reading META"),
        ("META\nkey;value\nbudget;abc\n", 3, "META budget", "not an amount"),
        ("META\nkey;value\nbudget;1\nbudget;2\n", 4, "META budget", "appears twice"),
        ("META\nkey;value\nbudget;1\nvote_type;ranked\n", 4, "META vote_type", "unknown vote type"),
        ("META\nkey;value\nvote_type;approval\nPROJECTS\n", 4, "META budget", "has no budget"),
        ("META\nkey;value\nbudget;1\nvote_type;approval\nVOTES\n", 5, "VOTES", "expected the section PROJECTS"),
        ("META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nid;cost\n", 6, "PROJECTS", "no column project_id"),
        (validHead.replacingOccurrences(of: "p2;20", with: "p2;twenty"), 8, "PROJECTS cost", "is not a cost"),
        (validHead.replacingOccurrences(of: "p2;20", with: "p1;20"), 8, "PROJECTS project_id", "used twice"),
        (validHead.replacingOccurrences(of: "p2;20", with: "p2;20;extra"), 8, "PROJECTS", "has 3 fields but the header has 2"),
        (validHead + "v1;p1\nv2;p9\n", 12, "VOTES vote", "not in PROJECTS"),
        (validHead + "v1;p1\nv1;p2\n", 12, "VOTES voter_id", "used twice"),
        (validHead + "v1;\"p1\n", 11, nil, "never closed"),
        (validHead.replacingOccurrences(of: "approval", with: "choose-1") + "v1;p1,p2\n", 11, "VOTES vote", "may name one at most"),
        (validHead.replacingOccurrences(of: "approval", with: "cumulative").replacingOccurrences(of: "voter_id;vote", with: "voter_id;vote;points")
            + "v1;p1,p2;3\n", 11, "VOTES points", "points has 1 values"),
        (validHead.replacingOccurrences(of: "approval", with: "scoring").replacingOccurrences(of: "voter_id;vote", with: "voter_id;vote;points")
            + "v1;p1;x\n", 11, "VOTES points", "not a whole number"),
    ])
    func malformed(_ text: String, _ line: Int, _ field: String?, _ fragment: String) throws {
        let error = try #require(readError(text))
        #expect(error.line == line)
        #expect(error.field == field)
        #expect(error.message.contains(fragment), "\(error)")
        #expect(error.description.hasPrefix("test.pb:\(line): "))
    }

    @Test("counts in META must match the rows")
    func countsMustMatch() throws {
        let text = validHead.replacingOccurrences(of: "budget;100", with: "budget;100\nnum_votes;3") + "v1;p1\n"
        let error = try #require(readError(text))
        #expect(error.field == "META num_votes")
        #expect(error.message.contains("META says 3 but the file has 1"))
    }

    @Test("a repeated project on an approval ballot counts once, as pabutools reads it")
    func approvalRepeat() throws {
        let instance = try PabulibReader().read(Array((validHead + "v1;p1,p1,p2\n").utf8), file: "test.pb")
        #expect(instance.votes[0].projects == ["p1", "p2"])
        #expect(try PabulibReader().read(PabulibWriter().bytes(instance), file: "test.pb") == instance)
    }

    @Test("a repeated project on a points ballot has its points added up, with a warning naming the line")
    func pointsRepeat() throws {
        let head = validHead.replacingOccurrences(of: "approval", with: "cumulative")
            .replacingOccurrences(of: "voter_id;vote", with: "voter_id;vote;points")
        let instance = try PabulibReader().read(Array((head + "v1;p1,p1,p2,p1;1,2,3,4\nv2;p2;1\n").utf8), file: "test.pb")
        #expect(instance.votes[0].projects == ["p1", "p2"])
        #expect(instance.votes[0].points == [7, 3])
        #expect(instance.warnings.count == 1)
        #expect(instance.warnings.first?.line == 11)
        #expect(instance.warnings.first?.description.hasPrefix("test.pb:11: VOTES vote: the vote names p1 more than once; their points are added up") == true)
        let election = try instance.allocationInput()
        #expect(election.pointTotals == [7, 4])
        #expect(election.approvalCounts == [1, 2])
    }

    @Test("a repeated project on a ranking keeps its first place")
    func rankingRepeat() throws {
        let head = validHead.replacingOccurrences(of: "approval", with: "ordinal")
        let instance = try PabulibReader().read(Array((head + "v1;p2,p1,p2\n").utf8), file: "test.pb")
        #expect(instance.votes[0].projects == ["p2", "p1"])
        #expect(instance.warnings.map(\.line) == [11])
        #expect(try instance.allocationInput(positionalPoints: 3).pointTotals == [2, 3])
    }

    @Test("text after a closing quote is read as Python's csv reads it, with a warning")
    func quoteRepair() throws {
        let text = validHead.replacingOccurrences(of: "p2;20", with: "p2;\"20\"0") + "v1;p2\n"
        let instance = try PabulibReader().read(Array(text.utf8), file: "test.pb")
        #expect(instance.projects[1].cost == DecimalAmount(parsing: "200"))
        #expect(instance.warnings.map(\.line) == [8])
        #expect(instance.warnings.first?.message.contains("closing quote") == true)
        // Other CSV files keep the strict reading.
        #expect(throws: CSVSyntaxError.self) { try CSVReader(delimiter: ";").records(Array("a;\"b\"c\n".utf8)) }
    }

    @Test("a missing file is reported by name")
    func missingFile() {
        #expect(throws: PabulibError.self) { try PabulibReader().read(contentsOf: "/nonexistent/none.pb") }
    }
}

/// META rule `equalshares` (what a Buurtstem election with `mes` and no completion exports) runs MES without
/// completion under `--official`, not greedy and not Add1.
@Suite("Official rule equalshares")
struct OfficialEqualSharesTests {
    static let file = """
        META
        key;value
        description;test
        num_projects;3
        num_votes;3
        budget;10
        vote_type;approval
        rule;equalshares
        PROJECTS
        project_id;cost;votes
        A;6;2
        B;4;1
        C;4;2
        VOTES
        voter_id;vote
        1;A,C
        2;A,C
        3;B

        """

    @Test("equalshares funds what MES funds without completion: one of A and C, where greedy funds both")
    func equalSharesRunsMES() throws {
        let instance = try PabulibReader().read(Array(Self.file.utf8), file: "test.pb")
        let official = try instance.officialAllocation(file: "test.pb")
        #expect(official.rule == .equalShares)
        #expect(official.options.rule == .mes && official.options.completion == .none)
        let funded = try Allocator.allocate(official.election, options: official.options).selected
        #expect(funded.count == 1 && (funded == [0] || funded == [2]), "\(funded)")
        let greedy = try Allocator.allocate(official.election, options: AllocationOptions(rule: .greedy, tieBreak: .lexico)).selected
        #expect(Set(greedy) == [0, 2])
    }
}

/// The `-comparison` rules (Wieliczka): the Equal Shares outcome against greedy's, kept unless more voters prefer
/// greedy's, as pabulib-checker 1.0.8 defines the step.
@Suite("Official rule comparison step")
struct OfficialComparisonTests {
    static func file(rule: String, projects: String, votes: String) -> String {
        "META\nkey;value\ndescription;test\nnum_projects;3\nbudget;10\nvote_type;approval\nrule;\(rule)\n"
            + "PROJECTS\nproject_id;cost;votes\n\(projects)VOTES\nvoter_id;vote\n\(votes)"
    }

    func run(_ text: String) throws -> (funded: Set<String>, comparison: String?) {
        let instance = try PabulibReader().read(Array(text.utf8), file: "test.pb")
        let (outcome, comparison) = try instance.officialAllocation(file: "test.pb").run()
        return (Set(outcome.selected.map { instance.projects[$0].id }), comparison)
    }

    @Test("greedy's outcome is kept when more voters prefer it: A for three voters against nothing")
    func greedyKept() throws {
        let text = Self.file(rule: "equalshares-comparison", projects: "A;10;3\nB;5;2\nC;5;2\n",
                             votes: "1;A\n2;A\n3;A\n4;B\n5;C\n6;B\n7;C\n".replacingOccurrences(of: "6;B\n7;C\n", with: ""))
        let (funded, comparison) = try run(text)
        #expect(funded == ["A"])
        #expect(comparison == "0 voters prefer the Equal Shares outcome, 3 the greedy one: greedy kept")
    }

    @Test("the Equal Shares outcome is kept when as many or more voters prefer it: B and C for four against A for three")
    func equalSharesKept() throws {
        let text = Self.file(rule: "equalshares/add1-comparison", projects: "A;10;3\nB;5;2\nC;5;2\n",
                             votes: "1;A\n2;A\n3;A\n4;B\n5;B\n6;C\n7;C\n")
        let (funded, comparison) = try run(text)
        #expect(funded == ["B", "C"])
        #expect(comparison == "4 voters prefer the Equal Shares outcome, 3 the greedy one: Equal Shares kept")
    }
}
