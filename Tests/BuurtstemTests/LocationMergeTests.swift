import BuurtstemRecord
import Foundation
import GRDB
import Testing
@testable import Buurtstem

/// `polls merge` refuses every store it cannot merge soundly, and then changes nothing.
@Suite("Merging a location's store")
struct LocationMergeTests {
    static let one = [Choice(project: "KW-01", value: 1)]

    /// The main store (fixture) and a location's copy of it, made after issuing and adding the kiosks.
    static func withLocation() throws -> (StemdagFixture, Store, String) {
        let fixture = try StemdagFixture()
        let path = fixture.folder.appendingPathComponent("location-\(UUID().uuidString).sqlite").path
        try fixture.store.copy(to: path)
        return (fixture, try Store.open(path: path), path)
    }

    static func ballotCount(_ store: Store) throws -> Int {
        try store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ballot") ?? 0 }
    }

    @Test("a store of another gemeente is refused")
    func otherGemeente() throws {
        let (fixture, _, _) = try Self.withLocation()
        let other = try StemdagFixture()
        _ = try BallotBox(store: other.store).cast(election: "test-kw", kiosk: "buurthuis", code: other.codes[0], choices: Self.one)
        let error = #expect(throws: BuurtstemError.self) {
            try LocationMerge.merge(election: "test-kw", from: other.store.path, into: fixture.store)
        }
        #expect(error?.message.contains("belongs to another gemeente") == true)
        #expect(try Self.ballotCount(fixture.store) == 0)
    }

    @Test("a store with another definition or pass set is refused")
    func otherDefinition() throws {
        let (fixture, location, path) = try Self.withLocation()
        try location.write { try $0.execute(sql: "UPDATE election SET definitionHash = zeroblob(32)") }
        let error = #expect(throws: BuurtstemError.self) { try LocationMerge.merge(election: "test-kw", from: path, into: fixture.store) }
        #expect(error?.message.contains("another definition or pass set") == true)
    }

    @Test("a store with a kiosk this store does not know is refused")
    func unknownKiosk() throws {
        let (fixture, location, path) = try Self.withLocation()
        _ = try BallotBox(store: location).cast(election: "test-kw", kiosk: "buurthuis", code: fixture.codes[0], choices: Self.one)
        try location.write { db in
            try db.execute(sql: "INSERT INTO kiosk SELECT electionId, 'ghost', publicKey, registrationSignature, keyFile, area, closed FROM kiosk WHERE name = 'buurthuis'")
            try db.execute(sql: "UPDATE ballot SET kiosk = 'ghost'")
        }
        let error = #expect(throws: BuurtstemError.self) { try LocationMerge.merge(election: "test-kw", from: path, into: fixture.store) }
        #expect(error?.message.contains("kiosk 'ghost', which this store does not know") == true, "\(error?.message ?? "")")
        #expect(try Self.ballotCount(fixture.store) == 0)
    }

    @Test("logs that differ at a position (a fork) are refused and nothing is merged")
    func fork() throws {
        let (fixture, location, path) = try Self.withLocation()
        _ = try BallotBox(store: fixture.store).cast(election: "test-kw", kiosk: "buurthuis", code: fixture.codes[0], choices: Self.one)
        _ = try BallotBox(store: location).cast(election: "test-kw", kiosk: "buurthuis", code: fixture.codes[1], choices: Self.one)
        _ = try BallotBox(store: location).cast(election: "test-kw", kiosk: "bibliotheek", code: fixture.codes[2], choices: Self.one)
        let error = #expect(throws: BuurtstemError.self) { try LocationMerge.merge(election: "test-kw", from: path, into: fixture.store) }
        #expect(error?.message.contains("the logs forked") == true)
        #expect(try Self.ballotCount(fixture.store) == 1, "the bibliotheek ballot was not merged either")
    }

    @Test("ballots beyond a log's final checkpoint here are refused")
    func beyondFinal() throws {
        let (fixture, location, path) = try Self.withLocation()
        let keys = fixture.kioskKeys
        _ = try Polls.close(election: "test-kw", store: fixture.store, timeMillis: 1, only: ["buurthuis"]) { keys[$0.name]! }
        _ = try BallotBox(store: location).cast(election: "test-kw", kiosk: "buurthuis", code: fixture.codes[0], choices: Self.one)
        let error = #expect(throws: BuurtstemError.self) { try LocationMerge.merge(election: "test-kw", from: path, into: fixture.store) }
        #expect(error?.message.contains("was closed here at 0 ballots") == true, "\(error?.message ?? "")")
        #expect(try Self.ballotCount(fixture.store) == 0)
        #expect(try fixture.store.check() == [])
    }
}
