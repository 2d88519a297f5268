import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing
@testable import BuurtstemVerifier

/// Issue 19: stempassen replaced at the desk. The honest record passes; every forgery an insider with the issuing
/// key can sign again (a revoked pass that voted, a revocation of nothing, counts that hide a replacement without
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

    @Test("a re-signed revocation of a pass that voted fails: the revocation or the ballot is false")
    func revokedPassVoted() throws {
        var record = Self.record()
        record.replacements = [(pass: 6, revokes: 2), (pass: 7, revokes: nil)]
        let failures = try Self.failures(record)
        #expect(failures.contains { $0.contains("revoked pass(es) have a ballot") }, "\(failures)")
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
