import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB
import Testing
@testable import Buurtstem

/// The one close: a kiosk's final checkpoint and the refusal of later casts in one transaction; the polls close
/// when the last kiosk of a store does, whichever path closes it.
@Suite("Closing the polls")
struct CloseTests {
    static let one = [Choice(project: "KW-01", value: 1)]

    @Test("a cast racing a kiosk's close lands inside its final checkpoint or is refused, never after it")
    func closeRace() async throws {
        var racedTrials = 0
        for trial in 0..<6 {
            let fixture = try StemdagFixture()
            let box = BallotBox(store: fixture.store)
            let key = try #require(fixture.kioskKeys["bibliotheek"])
            // Another kiosk stays open on the same store, so the election stays open while bibliotheek closes.
            let outcomes = await withTaskGroup(of: Result<Receipt, any Error>?.self) { group in
                for (index, code) in fixture.codes.enumerated() {
                    group.addTask {
                        if index == fixture.codes.count / 3 {
                            _ = try? Polls.close(election: "test-kw", store: fixture.store, timeMillis: 1, only: ["bibliotheek"]) { _ in key }
                            return nil
                        }
                        return Result { try box.cast(election: "test-kw", kiosk: "bibliotheek", code: code, choices: Self.one) }
                    }
                }
                var all: [Result<Receipt, any Error>] = []
                for await outcome in group { if let outcome { all.append(outcome) } }
                return all
            }
            let receipts = outcomes.compactMap { try? $0.get() }
            let refused = outcomes.filter { if case .failure(CastError.pollsClosed) = $0 { true } else { false } }.count
            #expect(receipts.count + refused == outcomes.count, "trial \(trial): every cast either got a receipt or was refused as closed")
            let final = try #require(try KioskLog(store: fixture.store, election: "test-kw", kiosk: "bibliotheek").checkpoints().last)
            for receipt in receipts {
                #expect(receipt.sequence < final.size, "trial \(trial): a receipt at position \(receipt.sequence) after the final checkpoint at \(final.size)")
            }
            #expect(final.size == UInt64(receipts.count), "trial \(trial)")
            #expect(try fixture.store.check() == [], "trial \(trial)")
            #expect(try fixture.store.election("test-kw").state == .open, "buurthuis is still open")
            if !receipts.isEmpty && refused > 0 { racedTrials += 1 }
        }
        // The close must have landed mid-run at least once, or this test proved nothing.
        #expect(racedTrials > 0, "no trial had casts both before and after the close")
    }

    @Test("closing one kiosk of two leaves the other voting; closing the last closes the polls")
    func oneKioskAtATime() throws {
        let fixture = try StemdagFixture()
        let box = BallotBox(store: fixture.store)
        _ = try box.cast(election: "test-kw", kiosk: "bibliotheek", code: fixture.codes[0], choices: Self.one)
        _ = try box.cast(election: "test-kw", kiosk: "buurthuis", code: fixture.codes[1], choices: Self.one)
        let keys = fixture.kioskKeys
        let first = try Polls.close(election: "test-kw", store: fixture.store, timeMillis: 1, only: ["bibliotheek"]) { keys[$0.name]! }
        #expect(first.map(\.logId) == ["election/test-kw/kiosk/bibliotheek"])
        #expect(try fixture.store.election("test-kw").state == .open)
        #expect(throws: CastError.pollsClosed) {
            try box.cast(election: "test-kw", kiosk: "bibliotheek", code: fixture.codes[2], choices: Self.one)
        }
        _ = try box.cast(election: "test-kw", kiosk: "buurthuis", code: fixture.codes[2], choices: Self.one)
        #expect(throws: BuurtstemError.self) {
            try Polls.close(election: "test-kw", store: fixture.store, timeMillis: 2, only: ["bibliotheek"]) { keys[$0.name]! }
        }
        let second = try Polls.close(election: "test-kw", store: fixture.store, timeMillis: 2, only: ["buurthuis"]) { keys[$0.name]! }
        #expect(second.first?.size == 2)
        #expect(try fixture.store.election("test-kw").state == .closed)
        #expect(try fixture.store.check() == [])
        let tally = try Tally.count(election: "test-kw", store: fixture.store)
        #expect(tally.contests.reduce(0) { $0 + $1.ballotsCounted } == 3)
    }

    @Test("closing every kiosk closes only those still open")
    func closeTheRest() throws {
        let fixture = try StemdagFixture()
        let keys = fixture.kioskKeys
        _ = try Polls.close(election: "test-kw", store: fixture.store, timeMillis: 1, only: ["buurthuis"]) { keys[$0.name]! }
        let rest = try Polls.close(election: "test-kw", store: fixture.store, timeMillis: 2) { keys[$0.name]! }
        #expect(rest.map(\.logId) == ["election/test-kw/kiosk/bibliotheek"])
        #expect(try fixture.store.election("test-kw").state == .closed)
        #expect(throws: BuurtstemError.self) { try Polls.close(election: "test-kw", store: fixture.store, timeMillis: 3) { keys[$0.name]! } }
    }

    @Test("a location merge that brings the last final checkpoint closes the polls of the main store")
    func mergeCloses() throws {
        let fixture = try StemdagFixture()
        let keys = fixture.kioskKeys
        let location = fixture.folder.appendingPathComponent("location.sqlite").path
        try fixture.store.copy(to: location)
        let second = try Store.open(path: location)
        _ = try BallotBox(store: second).cast(election: "test-kw", kiosk: "buurthuis", code: fixture.codes[0], choices: Self.one)
        _ = try Polls.close(election: "test-kw", store: second, timeMillis: 1, only: ["buurthuis"]) { keys[$0.name]! }
        #expect(try second.election("test-kw").state == .open, "the location's store still has bibliotheek open")
        _ = try Polls.close(election: "test-kw", store: fixture.store, timeMillis: 1, only: ["bibliotheek"]) { keys[$0.name]! }
        #expect(try fixture.store.election("test-kw").state == .open)
        _ = try LocationMerge.merge(election: "test-kw", from: location, into: fixture.store)
        #expect(try fixture.store.election("test-kw").state == .closed)
        #expect(try fixture.store.check() == [])
    }
}

/// `Store.check` is the oracle of every kill -9 test: each kind of damage must be reported.
@Suite("The store's own check")
struct StoreCheckTests {
    /// A closed election with three ballots at bibliotheek and an interim checkpoint after two.
    static func closedStore() throws -> StemdagFixture {
        let fixture = try StemdagFixture()
        let box = BallotBox(store: fixture.store)
        for code in fixture.codes.prefix(3) {
            _ = try box.cast(election: "test-kw", kiosk: "bibliotheek", code: code, choices: CloseTests.one)
            if code == fixture.codes[1] {
                try KioskLog(store: fixture.store, election: "test-kw", kiosk: "bibliotheek").checkpoint(kioskKey: fixture.kioskKeys["bibliotheek"]!, timeMillis: 1)
            }
        }
        _ = try Polls.close(election: "test-kw", store: fixture.store, timeMillis: 2) { fixture.kioskKeys[$0.name]! }
        #expect(try fixture.store.check() == [])
        return fixture
    }

    @Test("each kind of damage is named", arguments: [
        ("ballot after the final checkpoint", "ballots after its final checkpoint"),
        ("gap in the log", "the log jumps"),
        ("changed ballot", "does not match its stored leaf hash"),
        ("checkpoint off the log", "does not match the log"),
        ("pass used without a ballot", "marked used without a ballot"),
        ("kiosk reopened", "has a final checkpoint but is not marked closed"),
        ("register totals", "totals do not match"),
    ])
    func damage(kind: String, expected: String) throws {
        let fixture = try Self.closedStore()
        try fixture.store.write { db in
            switch kind {
            case "ballot after the final checkpoint":
                try db.execute(sql: """
                    INSERT INTO ballot (electionId, kiosk, sequence, pass, area, choices, timeMillis, signature, leafHash)
                    SELECT electionId, kiosk, 3, pass, area, choices, timeMillis, signature, leafHash FROM ballot WHERE sequence = 2 AND kiosk = 'bibliotheek'
                    """)
            case "gap in the log":
                try db.execute(sql: "DELETE FROM ballot WHERE kiosk = 'bibliotheek' AND sequence = 1")
                try db.execute(sql: "DELETE FROM passUse WHERE pass NOT IN (SELECT pass FROM ballot)")
            case "changed ballot":
                try db.execute(sql: "UPDATE ballot SET choices = '[{\"project\":\"KW-02\",\"value\":1}]' WHERE kiosk = 'bibliotheek' AND sequence = 0")
            case "checkpoint off the log":
                try db.execute(sql: "UPDATE checkpoint SET root = zeroblob(32) WHERE kiosk = 'bibliotheek' AND final = 0")
            case "pass used without a ballot":
                try db.execute(sql: "DELETE FROM ballot WHERE kiosk = 'bibliotheek' AND sequence = 2")
            case "kiosk reopened":
                try db.execute(sql: "UPDATE kiosk SET closed = 0 WHERE name = 'buurthuis'")
            default:
                try db.execute(sql: "UPDATE registerSnapshot SET householdCount = householdCount + 1")
            }
        }
        let problems = try fixture.store.check()
        #expect(problems.contains { $0.contains(expected) }, "\(kind): \(problems)")
    }
}
