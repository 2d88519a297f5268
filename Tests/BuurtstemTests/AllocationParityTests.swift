import Foundation
import Testing
@testable import Buurtstem

/// The shared Pabulib folder (`../shared/pabulib` beside the package root), if present.
enum SharedPabulib {
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/pabulib")

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("expected").path)
    }

    /// The reference files' names without extension, sorted.
    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("expected").path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    static func instance(_ name: String) throws -> PabulibInstance {
        try PabulibReader().read(contentsOf: folder.appendingPathComponent("instances/\(name).pb").path)
    }

    static func expected(_ name: String) throws -> Expected {
        let data = try Data(contentsOf: folder.appendingPathComponent("expected/\(name).json"))
        return try JSONDecoder().decode(Expected.self, from: data)
    }

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
    }
}

@Suite("Parity with the Pabulib reference outcomes", .enabled(if: SharedPabulib.isAvailable, "../shared/pabulib is absent: the parity test needs the shared reference data beside the package"))
struct AllocationParityTests {
    /// One test per file, so each large instance is parsed once: every stored key must give the same funded set,
    /// total cost and (for Add1) run count and per-voter budget; the city's official winners must come out of
    /// every key listed in `official_matches`.
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
            outcomes += try SharedPabulib.expected(name).outcomes.values.filter { $0.timeout != true }.count
        }
        #expect(outcomes >= 200, "\(outcomes) reference outcomes")
    }

    @Test("every reference outcome and every matching official outcome reproduces", arguments: SharedPabulib.names)
    func reproduces(_ name: String) throws {
        let instance = try SharedPabulib.instance(name)
        let election = try instance.allocationInput(file: name)
        let expected = try SharedPabulib.expected(name)
        var funded: [String: Set<String>] = [:]
        for (key, outcome) in expected.outcomes.sorted(by: { $0.key < $1.key }) where outcome.timeout != true {
            let options = try AllocationOptions(flags: outcome.flags)
            let result = try Allocator.allocate(election, options: options)
            let ids = Set(result.selected.map { election.projects[$0].id })
            funded[key] = ids
            #expect(ids == Set(outcome.selected ?? []), "\(name) \(key)")
            #expect(election.format(result.totalCost) == outcome.total_cost, "\(name) \(key)")
            if let add1 = outcome.add1 {
                #expect(result.equalShares?.runs == add1.rounds, "\(name) \(key) runs")
                #expect(result.equalShares?.perVoterBudget == add1.final_per_voter_budget, "\(name) \(key) per-voter budget")
            }
        }
        if let official = expected.official_selected {
            for key in expected.official_matches {
                let ids = try #require(funded[key], "\(name): no computed outcome for \(key)")
                #expect(ids == Set(official), "\(name) official outcome under \(key)")
            }
        }
    }
}
