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
}
