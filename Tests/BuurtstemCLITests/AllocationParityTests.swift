import Foundation
import Testing

/// `../shared/pabulib` beside the package root: the Pabulib instances, their reference outcomes and the official files.
enum SharedPabulib {
    static let folder = projectRoot.deletingLastPathComponent().appendingPathComponent("shared/pabulib")

    /// Whether the reference outcomes are there.
    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("expected").path)
    }

    /// The reference files' names without extension, sorted.
    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("expected").path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The reference outcomes of `name` (expected/NAME.json, schema in the folder's README).
    static func expected(_ name: String) throws -> Expected {
        let data = try Data(contentsOf: folder.appendingPathComponent("expected/\(name).json"))
        return try JSONDecoder().decode(Expected.self, from: data)
    }

    /// The part of expected/NAME.json the parity test compares.
    struct Expected: Decodable {
        struct Outcome: Decodable {
            let flags: [String]
            let selected: [String]?
            let total_cost: String?
            let timeout: Bool?
            let add1: Add1?
        }
        struct Add1: Decodable {
            let rounds: Int
            let final_per_voter_budget: String
        }
        let official_selected: [String]?
        let official_matches: [String]
        let outcomes: [String: Outcome]

        /// The outcomes the tools computed in time: the ones to reproduce.
        var computed: [(key: String, outcome: Outcome)] {
            outcomes.filter { $0.value.timeout != true }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
    }
}

/// `buurtstem allocate FILE.pb <flags> --json` on every shared instance, with the flags of every reference outcome,
/// as the shared data's README specifies: the printed funded set and total cost must be the research tools', and
/// for Add1 the number of MES runs and the final per-voter budget too.
@Suite("allocate reproduces the Pabulib reference outcomes",
       .enabled(if: SharedPabulib.isAvailable, "../shared/pabulib is absent: the parity test needs the shared reference data beside the package; skipped"))
struct AllocationParityTests {
    /// What the command prints that a reference outcome fixes, read from its JSON as any other program would.
    struct Printed: Decodable {
        struct EqualShares: Decodable {
            let runs: Int
            let per_voter_budget: String
        }
        let selected: [String]
        let total_cost: String
        let equal_shares: EqualShares?
    }

    /// The parity test below is one test per file: if files went missing or an expected file stopped decoding, it
    /// would check fewer without failing. This counts what the data holds and reads every expected file.
    @Test("every instance has a readable expected file: 29 instances and over 200 reference outcomes")
    func inventory() throws {
        let instances = try FileManager.default.contentsOfDirectory(atPath: SharedPabulib.folder.appendingPathComponent("instances").path)
            .filter { $0.hasSuffix(".pb") }.map { String($0.dropLast(3)) }.sorted()
        #expect(instances.count >= 29, "\(instances.count) instances")
        #expect(SharedPabulib.names == instances, "every instance has exactly one expected file")
        var outcomes = 0
        for name in SharedPabulib.names {
            outcomes += try SharedPabulib.expected(name).computed.count
        }
        #expect(outcomes >= 200, "\(outcomes) reference outcomes")
    }

    /// One test per file, one `allocate` process per stored key; the city's official winners must come out of every
    /// key listed in `official_matches`.
    @Test("every reference outcome and every matching official outcome reproduces", arguments: SharedPabulib.names)
    func reproduces(_ name: String) throws {
        let expected = try SharedPabulib.expected(name)
        let file = SharedPabulib.folder.appendingPathComponent("instances/\(name).pb").path
        let cli = try CLI.inTemporaryDirectory()
        var funded: [String: Set<String>] = [:]
        var checked = 0
        for (key, outcome) in expected.computed {
            let run = try cli.run(["allocate", file] + outcome.flags + ["--json"])
            guard run.status == 0 else {
                Issue.record("\(name) \(key): allocate \(outcome.flags.joined(separator: " ")) exited \(run.status): \(run.stderr)")
                continue
            }
            let printed = try JSONDecoder().decode(Printed.self, from: Data(run.stdout.utf8))
            let ids = Set(printed.selected)
            funded[key] = ids
            guard let selected = outcome.selected, let total = outcome.total_cost else {
                Issue.record("\(name) \(key): the reference has neither a timeout nor a selected set and total cost")
                continue
            }
            #expect(ids == Set(selected), "\(name) \(key)")
            #expect(printed.total_cost == total, "\(name) \(key)")
            if let add1 = outcome.add1 {
                #expect(printed.equal_shares?.runs == add1.rounds, "\(name) \(key) runs")
                #expect(printed.equal_shares?.per_voter_budget == add1.final_per_voter_budget, "\(name) \(key) per-voter budget")
            }
            checked += 1
        }
        // Every outcome the tools computed was compared, and there was one at least.
        let outcomes = expected.outcomes.values.filter { $0.timeout != true }.count
        #expect(checked > 0 && checked == outcomes, "\(name): checked \(checked) of \(outcomes) reference outcomes")
        if let official = expected.official_selected {
            for key in expected.official_matches {
                let ids = try #require(funded[key], "\(name): no computed outcome for \(key)")
                #expect(ids == Set(official), "\(name) official outcome under \(key)")
            }
        }
    }
}
