@testable import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB
import Testing

/// Issue 19: `buurtstem stempas replace`: a new letter for a household, the old pass revoked when its code is at
/// hand; a revoked pass is refused with its own message; the record carries the signed chain.
@Suite("Replacing a stempas at the desk")
struct StempasReplaceTests {
    static let household = "0014010000100037"
    static let one = [Choice(project: "KW-01", value: 1)]

    /// The one code in a replacement letter folder.
    static func code(in folder: URL) throws -> String {
        let html = try String(contentsOf: folder.appendingPathComponent("stempas-vervanging.html"), encoding: .utf8)
        guard let start = html.range(of: "<div class=\"code\">"), let end = html[start.upperBound...].range(of: "</div>") else {
            throw BuurtstemError(.notFound, "no code in the replacement letter")
        }
        return String(html[start.upperBound..<end.lowerBound])
    }

    @Test("with the old code: the old pass is refused as revoked (admit and cast), the new one votes, the record has the chain")
    func revokeAndReplace() throws {
        let fixture = try StemdagFixture()
        let old = fixture.codes[0]
        let out = fixture.folder.appendingPathComponent("vervanging-1")
        let summary = try StempasReplacement.replace(election: "test-kw", store: fixture.store, issuingKey: fixture.issuingKey,
                                                     household: Self.household, revokingCode: old, addresses: nil, printFolder: out)
        #expect(summary.revoked != nil && summary.sequence == 0)
        let box = BallotBox(store: fixture.store)
        #expect(throws: CastError.revoked) { try box.admit(election: "test-kw", kiosk: "bibliotheek", code: old) }
        #expect(throws: CastError.revoked) { try box.cast(election: "test-kw", kiosk: "bibliotheek", code: old, choices: Self.one) }
        let new = try Self.code(in: out)
        _ = try box.cast(election: "test-kw", kiosk: "bibliotheek", code: new, choices: Self.one)
        #expect(throws: CastError.alreadyUsed) { try box.cast(election: "test-kw", kiosk: "buurthuis", code: new, choices: Self.one) }
        // Revoking the same letter again is refused; a second replacement without revocation chains on.
        #expect(throws: BuurtstemError.self) {
            try StempasReplacement.replace(election: "test-kw", store: fixture.store, issuingKey: fixture.issuingKey, household: Self.household,
                                           revokingCode: old, addresses: nil, printFolder: fixture.folder.appendingPathComponent("vervanging-2"))
        }
        let second = try StempasReplacement.replace(election: "test-kw", store: fixture.store, issuingKey: fixture.issuingKey, household: Self.household,
                                                    revokingCode: nil, addresses: nil, printFolder: fixture.folder.appendingPathComponent("vervanging-3"))
        #expect(second.sequence == 1 && second.revoked == nil)
        let definition = try fixture.store.election("test-kw").decodedDefinition()
        let entries = try fixture.store.passReplacements(definition)
        #expect(entries.count == 2 && entries[1].previous.bytes == entries[0].hash)
        #expect(entries.allSatisfy { $0.isValid(issuer: fixture.issuingKey.publicKey) })
        #expect(PassReplacements.counts(entries) == [.init(area: entries[0].area, replaced: 2, revoked: 1)])
        // The record carries the chain and the signed counts.
        _ = try Polls.close(election: "test-kw", store: fixture.store, timeMillis: Int64(Date().timeIntervalSince1970 * 1000)) {
            fixture.kioskKeys[$0.name]!
        }
        let record = fixture.folder.appendingPathComponent("record")
        _ = try ElectionRecordExport.export(election: "test-kw", store: fixture.store, issuingKey: fixture.issuingKey, folder: record)
        let file = try JSONDecoder().decode(PassReplacements.self, from: Data(contentsOf: record.appendingPathComponent(ElectionRecordFile.replacements)))
        #expect(file.entries == entries && file.isValid(issuer: fixture.issuingKey.publicKey) && file.head.bytes == entries[1].hash)
    }

    @Test("a used pass cannot be revoked; a code of another election, a household outside the snapshot and a closed election are refused")
    func refusals() throws {
        let fixture = try StemdagFixture()
        let box = BallotBox(store: fixture.store)
        _ = try box.cast(election: "test-kw", kiosk: "bibliotheek", code: fixture.codes[1], choices: Self.one)
        func replace(_ household: String, _ code: String?, _ name: String) throws {
            _ = try StempasReplacement.replace(election: "test-kw", store: fixture.store, issuingKey: fixture.issuingKey, household: household,
                                               revokingCode: code, addresses: nil, printFolder: fixture.folder.appendingPathComponent(name))
        }
        let used = #expect(throws: BuurtstemError.self) { try replace(Self.household, fixture.codes[1], "a") }
        #expect(used?.description.contains("already voted") == true)
        let unknown = #expect(throws: BuurtstemError.self) { try replace(Self.household, TypeableCode.random(.stempas).formatted, "b") }
        #expect(unknown?.description.contains("is not a stempas") == true)
        let nobody = #expect(throws: BuurtstemError.self) { try replace("0000", nil, "c") }
        #expect(nobody?.description.contains("is not in register snapshot") == true)
        // Nothing was recorded by the refusals.
        let definition = try fixture.store.election("test-kw").decodedDefinition()
        #expect(try fixture.store.passReplacements(definition).isEmpty)
        _ = try Polls.close(election: "test-kw", store: fixture.store, timeMillis: Int64(Date().timeIntervalSince1970 * 1000)) {
            fixture.kioskKeys[$0.name]!
        }
        let closed = #expect(throws: BuurtstemError.self) { try replace(Self.household, nil, "d") }
        #expect(closed?.description.contains("closed") == true)
    }
    @Test("a pass revoked on the main store after a location's copy: the location's ballot is merged but void (pass revoked), the new pass counts, the record lists it")
    func revokedAfterLocationCopy() throws {
        let fixture = try StemdagFixture()
        let location = fixture.folder.appendingPathComponent("location.sqlite").path
        try fixture.store.copy(to: location)
        let old = fixture.codes[0]
        // At the location (which cannot know of the revocation to come) the household's old pass votes.
        _ = try BallotBox(store: try Store.open(path: location)).cast(election: "test-kw", kiosk: "buurthuis", code: old, choices: Self.one)
        // At the main desk the letter is reported damaged: the pass is unused here, so it is revoked and replaced.
        let out = fixture.folder.appendingPathComponent("vervanging")
        _ = try StempasReplacement.replace(election: "test-kw", store: fixture.store, issuingKey: fixture.issuingKey,
                                           household: Self.household, revokingCode: old, addresses: nil, printFolder: out)
        _ = try BallotBox(store: fixture.store).cast(election: "test-kw", kiosk: "bibliotheek", code: try Self.code(in: out),
                                                     choices: [Choice(project: "KW-02", value: 1)])
        let keys = fixture.kioskKeys
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        _ = try Polls.close(election: "test-kw", store: try Store.open(path: location), timeMillis: now, only: ["buurthuis"]) { keys[$0.name]! }
        let merged = try LocationMerge.merge(election: "test-kw", from: location, into: fixture.store)
        #expect(merged.added == ["buurthuis": 1] && merged.revokedPassBallots == 1)
        _ = try Polls.close(election: "test-kw", store: fixture.store, timeMillis: now) { keys[$0.name]! }

        let tally = try Tally.count(election: "test-kw", store: fixture.store)
        #expect(tally.ballotsInLogs == 2 && tally.contests.reduce(0) { $0 + $1.ballotsCounted } == 1)
        #expect(tally.voids.count == 1 && tally.voids[0].reason == .passRevoked && tally.voids[0].kiosk == "buurthuis" && tally.voids[0].countedKiosk == nil)
        let kw01 = tally.contests.flatMap(\.projects).first { $0.id == "KW-01" }, kw02 = tally.contests.flatMap(\.projects).first { $0.id == "KW-02" }
        #expect(kw01?.ballots == 0 && kw02?.ballots == 1, "the revoked pass's choice does not count, the new pass's does")

        let record = fixture.folder.appendingPathComponent("record")
        _ = try ElectionRecordExport.export(election: "test-kw", store: fixture.store, issuingKey: fixture.issuingKey, folder: record)
        let result = try JSONDecoder().decode(ElectionResult.self, from: Data(contentsOf: record.appendingPathComponent(ElectionRecordFile.result)))
        #expect(result.voids == [.init(revokedKiosk: "buurthuis", sequence: 0)] && result.isValid(issuer: fixture.issuingKey.publicKey))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: record.appendingPathComponent(ElectionRecordFile.result))) as? [String: Any]
        #expect((json?["voids"] as? [[String: Any]]).map { $0.count == 1 && $0[0]["reason"] as? String == "pass_revoked" && $0[0]["counted_kiosk"] == nil } == true)
    }

    @Test("a location's store with a replacement of its own is refused at the merge, and nothing is merged")
    func replacementAtLocationRefused() throws {
        let fixture = try StemdagFixture()
        let path = fixture.folder.appendingPathComponent("location.sqlite").path
        try fixture.store.copy(to: path)
        let location = try Store.open(path: path)
        _ = try BallotBox(store: location).cast(election: "test-kw", kiosk: "buurthuis", code: fixture.codes[1], choices: Self.one)
        _ = try StempasReplacement.replace(election: "test-kw", store: location, issuingKey: fixture.issuingKey, household: Self.household,
                                           revokingCode: nil, addresses: nil, printFolder: fixture.folder.appendingPathComponent("v"))
        let error = #expect(throws: BuurtstemError.self) { try LocationMerge.merge(election: "test-kw", from: path, into: fixture.store) }
        #expect(error?.message.contains("1 stempas replacement(s) this store does not have") == true, "\(error?.message ?? "")")
        #expect(try fixture.store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ballot") } == 0)
    }
}
