import Buurtstem
import BuurtstemVerifier
import Foundation
import Testing

/// ../shared/pabulib beside the package: the real instances and the research tools' reference outcomes.
enum SharedPabulib {
    /// The package root is three levels up from this file (Tests/BuurtstemVerifierTests/this file).
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/pabulib")

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("expected").path)
    }

    /// The instance names (without `.pb`), or none when the folder is absent.
    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("instances").path)) ?? []
        return files.filter { $0.hasSuffix(".pb") }.map { String($0.dropLast(3)) }.sorted()
    }
}

/// The part of expected/NAME.json the agreement needs.
private struct ReferenceFile: Decodable {
    struct Outcome: Decodable {
        let flags: [String]
        let selected: [String]?
        let timeout: Bool?
    }

    let outcomes: [String: Outcome]
    let projects: Int?
    let votes: Int?

    private enum CodingKeys: String, CodingKey {
        case outcomes, projects = "num_projects", votes = "num_votes"
    }
}

/// The verifier's allocation must give the research tools' `selected` set for every stored key of every instance.
///
/// Every key of every instance is checked, in debug builds (as in CI) too: the verifier's MES and Phragmén visit
/// candidates lazily and count money over a common denominator (docs/verifier-allocation.md, "How the verifier
/// computes it"). Each key is its own test case (the file is read for each; reading is well under a second), and its
/// time is printed. `AGREEMENT_ONLY=TEXT` in the environment checks only the keys whose "instance key" contains TEXT.
@Suite(
    "Verifier allocation agrees with the Pabulib reference outcomes",
    .enabled(if: SharedPabulib.isAvailable, "../shared/pabulib is absent: the agreement test needs the shared reference data beside the package"))
struct PabulibAgreementTests {
    /// One reference outcome to reproduce: an instance and one of its keys.
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let key: String
        var description: String { "\(name) \(key)" }
    }

    /// Every stored key of every instance, as separate cases so that both cores share even one instance's keys. The
    /// Add1 keys (many MES runs each) of the largest instances (voters x projects) come first, so that no long case
    /// starts last.
    static var cases: [Case] {
        var cases: [(Case, weight: Int)] = []
        for name in SharedPabulib.names {
            let folder = SharedPabulib.folder
            guard let data = try? Data(contentsOf: folder.appendingPathComponent("expected/\(name).json")),
                  let reference = try? JSONDecoder().decode(ReferenceFile.self, from: data) else {
                // An unreadable expected file is a case of its own, which fails reading it: never fewer checks in silence.
                cases.append((Case(name: name, key: Self.unreadable), Int.max))
                continue
            }
            let size = (reference.projects ?? 0) * (reference.votes ?? 0)
            for key in reference.outcomes.keys {
                if let only = ProcessInfo.processInfo.environment["AGREEMENT_ONLY"], !"\(name) \(key)".contains(only) { continue }
                cases.append((Case(name: name, key: key), key.contains("add1") ? size * 100 : size))
            }
        }
        return cases.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.0.description < $1.0.description }.map(\.0)
    }

    /// The key of the case that stands for an expected file that could not be read or decoded.
    static let unreadable = "(expected file unreadable)"

    /// The cases are made from the data when the suite loads: this counts them, so that a data folder that lost
    /// files, or a filter left in the environment, cannot pass with fewer checks.
    @Test("every instance gives its keys as cases: 29 instances, over 200 reference outcomes",
          .enabled(if: ProcessInfo.processInfo.environment["AGREEMENT_ONLY"] == nil, "AGREEMENT_ONLY selects a subset"))
    func inventory() {
        #expect(Set(Self.cases.map(\.name)).count >= 29, "instances with cases")
        #expect(Self.cases.count >= 200, "\(Self.cases.count) cases")
    }

    @Test("the reference outcome of one key of one instance", arguments: cases)
    func agrees(case reference: Case) throws {
        let folder = SharedPabulib.folder
        let data = try Data(contentsOf: folder.appendingPathComponent("expected/\(reference.name).json"))
        let outcome = try #require(try JSONDecoder().decode(ReferenceFile.self, from: data).outcomes[reference.key])
        if outcome.timeout == true { return }
        guard let expected = outcome.selected else {
            Issue.record("\(reference): the reference outcome has neither a selected set nor a timeout")
            return
        }
        // The engine's reader is only used to read the file; the allocation under test is the verifier's own.
        let instance = try PabulibReader().read(contentsOf: folder.appendingPathComponent("instances/\(reference.name).pb").path)
        let election = try Self.election(instance)
        let options = try Self.options(outcome.flags)
        let start = ContinuousClock.now
        let funded = try TextbookAllocation.allocate(
            election, rule: options.rule, satisfaction: options.satisfaction, completion: options.completion,
            tieBreak: options.tieBreak)
        print("agreement \(reference): \(ContinuousClock.now - start)")
        #expect(Set(funded) == Set(expected), "\(reference)")
    }

    /// The instance as the verifier reads a record: money in units of 10^-scale, ordinal and choose-1 as approval.
    private static func election(_ instance: PabulibInstance) throws -> VerifierElection {
        let scale = instance.moneyScale
        var unit: Int64 = 1
        for _ in 0..<scale { unit *= 10 }
        var index: [String: Int] = [:]
        var projects: [VerifierProject] = []
        for project in instance.projects {
            let cost = try #require(project.cost.units(atScale: scale))
            index[project.id] = projects.count
            projects.append(VerifierProject(id: project.id, cost: cost))
        }
        let ballots: [[(project: Int, points: Int64)]] = try instance.votes.map { vote in
            try vote.projects.enumerated().map { k, id in (try #require(index[id]), vote.points?[k] ?? 1) }
        }
        return VerifierElection(
            projects: projects, budget: try #require(instance.budget.units(atScale: scale)),
            kind: instance.voteType.hasPoints ? .cardinal : .approval, ballots: ballots, currencyUnit: unit)
    }

    /// The `buurtstem allocate` flags of a reference outcome, as arguments of `TextbookAllocation.allocate`.
    private static func options(_ flags: [String]) throws
        -> (rule: String, satisfaction: String?, completion: String?, tieBreak: VerifierTieBreak)
    {
        var values: [String: String] = [:]
        for pair in stride(from: 0, to: flags.count - 1, by: 2) { values[flags[pair]] = flags[pair + 1] }
        let tieBreak: VerifierTieBreak
        switch values["--tie-break"] ?? "lexico" {
        case "lexico": tieBreak = .lexico
        case "cost-votes": tieBreak = .costVotes
        case let other: throw TextbookAllocationError("the reference uses tie-break \(other), which this test does not map")
        }
        return (try #require(values["--rule"]), values["--satisfaction"], values["--completion"], tieBreak)
    }
}
