import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing
@testable import BuurtstemVerifier

/// The allocation test vectors of the spec (TestVectors/allocation, docs/record.md "Allocation test vectors"): each
/// is run as a real election by the engine (published, cast at two kiosks with a checkpoint every few ballots,
/// closed, tallied, exported) and must fund exactly its expected projects; the exported record, pinned to its
/// pre-publication, must then pass `RecordVerifier`, whose allocation check recomputes the funded projects with the
/// verifier's textbook rules. A change to either implementation that alters an outcome fails here.
@Suite("Allocation test vectors: the engine and the verifier fund what the spec says")
struct AllocationVectorTests {
    /// One vector file (its format is described in TestVectors/allocation/README.md).
    struct Vector: Decodable, Sendable, CustomStringConvertible {
        struct Cast: Decodable, Sendable {
            let area: String
            let choices: [Choice]
        }

        let format: String
        let name: String
        let exercises: [String]
        let explanation: String
        let definition: String
        let kiosks: [String]
        let checkpointEvery: Int
        let ballots: [Cast]
        let expected: [String: [String]]

        var description: String { name }
    }

    static let folder = TestVectorFolder("allocation").folder

    static func vectors() throws -> [Vector] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted().map { name in
            try decoder.decode(Vector.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
        }
    }

    static let passphrase = "vector passphrase"

    @Test("every vector: the engine funds the expected projects, and the verifier passes the pinned record", arguments: try vectors())
    func vector(_ vector: Vector) throws {
        #expect(vector.format == "buurtstem-allocation-vector/1")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("buurtstem-vector-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let root = Self.folder.deletingLastPathComponent().deletingLastPathComponent()
        let db = work.appendingPathComponent("store.sqlite").path
        _ = try Gemeente.initialise(name: "Groningen", code: "GM0014", databasePath: db,
                                    keyPath: work.appendingPathComponent("issuing.key").path, passphrase: Self.passphrase)
        let store = try Store.open(path: db)
        _ = try AreaImport.run([UInt8](try Data(contentsOf: root.appendingPathComponent("Examples/groningen/areas.csv"))), file: "areas.csv", into: store)
        _ = try RegisterImport.run([UInt8](try Data(contentsOf: root.appendingPathComponent("Examples/groningen/households.csv"))),
                                   file: "households.csv", eligibleAge: 16, into: store)
        let source = Passphrase(environment: [Passphrase.environmentVariable: Self.passphrase], interactive: false)
        let issuingKey = try KeyFile.unseal(work.appendingPathComponent("issuing.key").path, passphrase: source)

        // The vector's definition, with an id and its polling window moved around now so the ballots can be cast.
        let id = "vector-\(vector.name)"
        let formatter = ISO8601DateFormatter()
        let text = "id: \(id)\n" + vector.definition.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if line.hasPrefix("  open:") { return "  open: \(formatter.string(from: Date().addingTimeInterval(-3600)))" }
            if line.hasPrefix("  close:") { return "  close: \(formatter.string(from: Date().addingTimeInterval(3600)))" }
            return String(line)
        }.joined(separator: "\n")
        _ = try Election.create(try ElectionFile.parse(text, file: "\(vector.name).json", store: store), issuingKey: issuingKey, in: store)
        var kioskKeys: [String: SigningKey] = [:]
        for name in vector.kiosks {
            let path = work.appendingPathComponent("kiosk-\(name).key").path
            _ = try Kiosk.add(election: id, name: name, keyFile: path, passphrase: Self.passphrase, issuingKey: issuingKey, store: store)
            kioskKeys[name] = try KeyFile.unseal(path, passphrase: source)
        }
        let print = work.appendingPathComponent("print")
        _ = try StempasIssuance.issue(election: id, store: store, issuingKey: issuingKey, addresses: nil, printFolder: print)
        var codes: [String: [String]] = [:]
        for line in try String(contentsOf: print.appendingPathComponent("stempassen.csv"), encoding: .utf8).split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            codes[String(fields[1]), default: []].append(String(fields[2]))
        }
        let prePublication = work.appendingPathComponent("prepublication")
        _ = try ElectionPublication.publish(election: id, store: store, issuingKey: issuingKey, folder: prePublication)
        _ = try Polls.open(election: id, store: store)

        // Ballots in turn at the kiosks, each kiosk signing a checkpoint after every `checkpoint_every` of its ballots.
        let box = BallotBox(store: store)
        var cast: [String: Int] = [:]
        for (index, ballot) in vector.ballots.enumerated() {
            let kiosk = vector.kiosks[index % vector.kiosks.count]
            let code = try #require(codes[ballot.area]?.last, "\(vector.name): no pass left for area \(ballot.area)")
            codes[ballot.area]?.removeLast()
            _ = try box.cast(election: id, kiosk: kiosk, code: code, choices: ballot.choices)
            cast[kiosk, default: 0] += 1
            if cast[kiosk, default: 0] % vector.checkpointEvery == 0 {
                _ = try KioskLog(store: store, election: id, kiosk: kiosk).checkpoint(kioskKey: kioskKeys[kiosk]!, timeMillis: Self.now())
            }
        }
        _ = try Polls.close(election: id, store: store, timeMillis: Self.now()) { kioskKeys[$0.name]! }

        // The engine.
        let outcome = try ElectionOutcome.compute(election: id, store: store)
        let funded = Dictionary(uniqueKeysWithValues: outcome.allocations.map { ($0.area, $0.funded.sorted()) })
        #expect(funded == vector.expected.mapValues { $0.sorted() }, "\(vector.name): the engine funds \(funded)")

        // The verifier, on the exported record pinned to the pre-publication.
        let record = work.appendingPathComponent("record")
        _ = try ElectionRecordExport.export(election: id, store: store, issuingKey: issuingKey, folder: record)
        let report = RecordVerifier(folder: record, expectedIssuingKey: issuingKey.publicKey,
                                    pin: try PrePublicationPin.load(folder: prePublication)).verify()
        #expect(report.passed, "\(vector.name): \(report.checks.filter { !$0.passed }.map { "\($0.name): \($0.failures.map(\.message))" })")
        #expect(report.checks.first { $0.name == "allocation" }?.items == vector.expected.count)
        // Several checkpoints per log: the mid-day ones and the final one (a final checkpoint at the size of the last
        // mid-day one is that one).
        for kiosk in vector.kiosks where cast[kiosk, default: 0] >= 2 * vector.checkpointEvery {
            let checkpoints = try JSONDecoder().decode([Checkpoint].self, from: Data(contentsOf: record.appendingPathComponent(ElectionRecordFile.checkpoints(kiosk: kiosk))))
            #expect(checkpoints.count >= 2, "\(vector.name): kiosk \(kiosk) has \(checkpoints.count) checkpoint(s)")
        }
    }

    @Test("the vectors cover every ballot type, caps, a weighting, several areas and a project with no votes")
    func coverage() throws {
        let vectors = try Self.vectors()
        let definitions = vectors.map(\.definition).joined(separator: "\n")
        for type in ["choose-1", "approval", "knapsack", "cumulative", "ranking"] {
            #expect(definitions.contains("type: \(type)\n"), "no vector of ballot type \(type)")
        }
        for key in ["caps:", "weighting:", "minimum_points:", "max_funded:"] {
            #expect(definitions.contains(key), "no vector with \(key)")
        }
        #expect(vectors.contains { $0.expected.count >= 2 }, "no vector with several areas")
        #expect(vectors.contains { vector in
            let voted = Set(vector.ballots.flatMap { $0.choices.map(\.project) })
            return vector.definition.split(separator: "\n").contains { $0.hasPrefix("      - id: ") && !voted.contains(String($0.dropFirst(12))) }
        }, "no vector with a project nobody voted for")
        // Every vector is listed in the spec.
        let spec = try String(contentsOf: Self.folder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/record.md"), encoding: .utf8)
        for vector in vectors {
            #expect(spec.contains("`\(vector.name).json`"), "docs/record.md does not list \(vector.name).json")
        }
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
