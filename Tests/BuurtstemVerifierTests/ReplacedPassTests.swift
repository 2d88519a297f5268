import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing
@testable import BuurtstemVerifier

/// Issue 19: stempassen replaced at the desk. The honest record passes; every forgery an insider with the issuing
/// key can sign again (a revoked pass counted, a revocation of nothing, counts that hide a replacement without
/// revocation, a dropped entry) fails the "replaced passes" check with its own message.
@Suite("Replaced passes in the record")
struct ReplacedPassTests {
    /// The insider's record (passes 0-4 vote, 1 twice; pass 5 does not) with two passes made at the desk: 6 revokes
    /// the unused pass 5, 7 is issued without revocation; both vote.
    static func record() -> InsiderRecord {
        var record = InsiderRecord()
        record.passes.append((PassToken.passKey(secret: TypeableCode.random(.stempas).bytes), "WK001401"))
        record.passes.append((PassToken.passKey(secret: TypeableCode.random(.stempas).bytes), "WK001401"))
        record.replacements = [(pass: 6, revokes: 5), (pass: 7, revokes: nil)]
        record.casts.append(.init(pass: 6, kiosk: "bieb", choices: ["A"], time: InsiderRecord.opens + 5 * InsiderRecord.hour))
        record.casts.append(.init(pass: 7, kiosk: "bieb", choices: ["C"], time: InsiderRecord.opens + 6 * InsiderRecord.hour))
        return record
    }

    static func failures(_ record: InsiderRecord) throws -> [String] {
        let report = try InsiderForgeryTests.verify(record)
        return report.checks.filter { $0.name == "replaced passes" }.flatMap { $0.failures.map(\.message) }
            + report.checks.filter { $0.name != "replaced passes" && !$0.passed }.map { "\($0.name): \($0.failures.map(\.message))" }
    }

    @Test("an honest record with a revoking replacement and one without revocation passes; the check ran")
    func honest() throws {
        let report = try InsiderForgeryTests.verify(Self.record())
        #expect(report.passed, "\(report.checks.filter { !$0.passed }.map { "\($0.name): \($0.failures)" })")
        #expect(report.checks.first { $0.name == "replaced passes" }.map { $0.items > 0 } == true)
    }

    @Test("a revoked pass that voted (at a location whose store did not know) is accepted as void for its own reason, the new pass counting")
    func revokedPassVotedListedVoid() throws {
        // Pass 2 voted at the bieb; the desk revoked it (the location's store had not told the main one) and pass 6
        // was made for the household. Both ballots of pass 1 (used twice) stay voids of reuse.
        var record = Self.record()
        record.replacements = [(pass: 6, revokes: 2), (pass: 7, revokes: nil)]
        let report = try InsiderForgeryTests.verify(record)
        #expect(report.passed, "\(report.checks.filter { !$0.passed }.map { "\($0.name): \($0.failures)" })")
        let folder = InsiderRecord.folder()
        try record.write(to: folder)
        let result = try JSONDecoder().decode(ElectionResult.self, from: Data(contentsOf: folder.appendingPathComponent(ElectionRecordFile.result)))
        #expect(result.voids.filter { $0.reason == .passRevoked }.count == 1 && result.voids.contains { $0.reason == .passUsedBefore })
        #expect(result.contests.first?.ballotsCounted == 6, "passes 0, 1, 3, 4, 6, 7 count; the revoked pass 2 does not")
    }

    @Test("a result that counts a revoked pass's ballot fails the voids (and the counts): a revoked pass never counts")
    func revokedPassCounted() throws {
        var record = Self.record()
        record.replacements = [(pass: 6, revokes: 2), (pass: 7, revokes: nil)]
        record.countRevoked = true
        let report = try InsiderForgeryTests.verify(record)
        let voids = report.checks.first { $0.name == "voids" }?.failures.map(\.message) ?? []
        #expect(voids.contains { $0.contains("was cast with a pass revoked at the desk") && $0.contains("is not listed as void") }, "\(voids)")
        #expect(report.checks.first { $0.name == "counts" }?.passed == false)
    }

    @Test("a ballot of a pass not revoked, listed as void for a revoked pass, fails the voids")
    func notRevokedListedRevoked() throws {
        var record = Self.record()
        let key = record.issuingKey
        record.rewrite = { name, data in
            guard name == ElectionRecordFile.result, let result = try? JSONDecoder().decode(ElectionResult.self, from: data) else { return data }
            // The reuse void of pass 1, relabelled as a revoked pass's (and signed again).
            let voids = result.voids.map { $0.reason == .passUsedBefore ? ElectionResult.VoidEntry(revokedKiosk: $0.kiosk, sequence: $0.sequence) : $0 }
            let forged = ElectionResult(election: result.election, definitionHash: result.definitionHash.bytes, issuedRoot: result.issuedRoot.bytes,
                                        logs: result.logs, voids: voids, contests: result.contests, issuingKey: key)
            return (try? JSONEncoder().encode(forged)) ?? data
        }
        let report = try InsiderForgeryTests.verify(record)
        let voids = report.checks.first { $0.name == "voids" }?.failures.map(\.message) ?? []
        #expect(voids.contains { $0.contains("is listed as void because its pass was revoked, but it is void because its pass voted earlier") }, "\(voids)")
        #expect(report.checks.first { $0.name == "result signature" }?.passed == true)
    }

    @Test("a re-signed revocation of a pass that was never issued fails")
    func revokedNothing() throws {
        var record = Self.record()
        record.replacementEntries = { entries in
            let forged = PassReplacement(election: entries[1].election, definitionHash: entries[1].definitionHash.bytes, sequence: 1,
                                         previous: entries[0].hash, area: entries[1].area, pass: entries[1].pass,
                                         revoked: SigningKey().publicKey, timeMillis: entries[1].timeMillis, issuingKey: record.issuingKey)
            return [entries[0], forged]
        }
        let failures = try Self.failures(record)
        #expect(failures.contains { $0.contains("the revoked pass was never issued") }, "\(failures)")
    }

    @Test("re-signed counts that show a replacement without revocation as revoked fail")
    func countsHideUnrevoked() throws {
        var record = Self.record()
        record.replacementAreas = { $0.map { .init(area: $0.area, replaced: $0.replaced, revoked: $0.replaced) } }
        let failures = try Self.failures(record)
        #expect(failures.contains { $0.contains("signed counts per area") }, "\(failures)")
    }

    @Test("an entry dropped from the chain (re-signed counts and head) fails, and its pass's ballot is unissued")
    func droppedEntry() throws {
        var record = Self.record()
        record.replacementEntries = { [$0[1]] }
        let failures = try Self.failures(record)
        #expect(failures.contains { $0.contains("does not follow the entry before it") }, "\(failures)")
        #expect(failures.contains { $0.contains("ballot passes") }, "\(failures)")
    }

    @Test("a replacement whose revoked pass is of another area fails")
    func otherArea() throws {
        var record = Self.record()
        record.definition = InsiderRecord.definition(contests: [
            Contest(area: "WK001402", budgetCents: 100_000, projects: [Project(id: "Z", title: "Z", description: "", costCents: 1, area: nil, category: nil)]),
        ])
        record.passes[6].area = "WK001402"
        record.casts.removeAll { $0.pass == 6 }
        let failures = try Self.failures(record)
        #expect(failures.contains { $0.contains("a replacement stays in its household's area") }, "\(failures)")
    }
}
