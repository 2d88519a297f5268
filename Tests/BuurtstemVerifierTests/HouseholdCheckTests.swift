import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing
@testable import BuurtstemVerifier

/// A household's own checks on the insider's record (issue #15): the receipt counts or is void, the pass was used
/// where and when, each with the gemeente's key pinned, and every wrong input refused with a clear message.
@Suite("Households check themselves: receipts and passes")
struct HouseholdCheckTests {
    /// The insider's record written to a fresh folder.
    static func written() throws -> (InsiderRecord, URL) {
        let record = InsiderRecord()
        let folder = InsiderRecord.folder()
        try record.write(to: folder)
        return (record, folder)
    }

    /// The message of the failure `body` throws, or nil when it does not.
    static func failure(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as HouseholdCheckFailure { return error.message } catch { return "not a household check failure: \(error)" }
        return nil
    }

    @Test("a counted ballot's receipt is proved and counts; the receipt of a pass's second ballot is in the record but void")
    func receipts() throws {
        let (record, folder) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = record.issuingKey.publicKey
        let counted = try ReceiptCheck.check(record: folder, trackingCode: try InsiderRecord.trackingCode(in: folder, kiosk: "bieb", position: 0), issuingKey: key)
        #expect(!counted.void && counted.kiosk == "bieb" && counted.position == 0 && counted.treeSize == 3 && counted.countedKiosk == nil)
        // Pass 1 voted at the bieb (position 1) two hours before its ballot at the buurthuis (position 2).
        let void = try ReceiptCheck.check(record: folder, trackingCode: try InsiderRecord.trackingCode(in: folder, kiosk: "buurthuis", position: 2), issuingKey: key)
        #expect(void.void && void.kiosk == "buurthuis" && void.position == 2)
        #expect(void.countedKiosk == "bieb" && void.countedPosition == 1 && void.countedTimeMillis == InsiderRecord.opens + 2 * InsiderRecord.hour)
    }

    @Test("a receipt check refuses another key, an unknown code, a mistyped code and a changed file")
    func receiptRefusals() throws {
        let (record, folder) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        let code = try InsiderRecord.trackingCode(in: folder, kiosk: "bieb", position: 0)
        let otherKey = Self.failure { _ = try ReceiptCheck.check(record: folder, trackingCode: code, issuingKey: SigningKey().publicKey) }
        #expect(otherKey?.contains("not signed by the issuing key you gave") == true, "\(otherKey ?? "")")
        let unknown = TrackingCode.code(leafHash: [UInt8](repeating: 7, count: 32))
        let notFound = Self.failure { _ = try ReceiptCheck.check(record: folder, trackingCode: unknown, issuingKey: record.issuingKey.publicKey) }
        #expect(notFound?.contains("no ballot with tracking code") == true, "\(notFound ?? "")")
        let mistyped = Self.failure { _ = try ReceiptCheck.check(record: folder, trackingCode: "12", issuingKey: record.issuingKey.publicKey) }
        #expect(mistyped != nil)
        // A ballot changed after the gemeente signed the index: its file no longer has the signed digest.
        let url = folder.appendingPathComponent("ballots/bieb.jsonl")
        try Data(String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\"C\"", with: "\"A\"").utf8).write(to: url)
        let changed = Self.failure { _ = try ReceiptCheck.check(record: folder, trackingCode: code, issuingKey: record.issuingKey.publicKey) }
        #expect(changed?.contains("ballots/bieb.jsonl differs from what the gemeente signed") == true, "\(changed ?? "")")
    }

    @Test("a pass check says where and when the pass was used and which ballot counts; an unused pass is not used")
    func passes() throws {
        let (record, folder) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = record.issuingKey.publicKey
        let once = try PassCheck.check(record: folder, code: record.codes[0].formatted, issuingKey: key)
        #expect(once.area == "WK001401" && once.uses.count == 1)
        #expect(once.uses.first.map { $0.kiosk == "bieb" && $0.position == 0 && $0.counted && $0.timeMillis == InsiderRecord.opens + InsiderRecord.hour } == true)
        #expect(once.uses.first?.trackingCode == (try InsiderRecord.trackingCode(in: folder, kiosk: "bieb", position: 0)))
        let twice = try PassCheck.check(record: folder, code: record.codes[1].compact.lowercased(), issuingKey: key)
        #expect(twice.uses.map { "\($0.kiosk)#\($0.position) \($0.counted)" } == ["bieb#1 true", "buurthuis#2 false"])
        let unused = try PassCheck.check(record: folder, code: record.codes[5].formatted, issuingKey: key)
        #expect(unused.uses.isEmpty && unused.pass == record.passes[5].key.publicKey.hex)
    }

    @Test("a pass check refuses a mistyped code, a code of another election and a record signed by another key")
    func passRefusals() throws {
        let (record, folder) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = record.issuingKey.publicKey
        var typo = Array(record.codes[0].compact)
        typo[3] = typo[3] == "A" ? "B" : "A"
        let mistyped = Self.failure { _ = try PassCheck.check(record: folder, code: String(typo), issuingKey: key) }
        #expect(mistyped?.contains("--pass:") == true, "\(mistyped ?? "")")
        let stranger = Self.failure { _ = try PassCheck.check(record: folder, code: TypeableCode.random(.stempas).formatted, issuingKey: key) }
        #expect(stranger?.contains("this pass was not issued in election insider") == true, "\(stranger ?? "")")
        let otherKey = Self.failure { _ = try PassCheck.check(record: folder, code: record.codes[0].formatted, issuingKey: SigningKey().publicKey) }
        #expect(otherKey?.contains("not signed by the issuing key you gave") == true, "\(otherKey ?? "")")
    }

    @Test("an insider voting with a stay-at-home household's pass leaves a record that verifies: only that household's pass check shows it")
    func insiderVotesWithUnusedPass() throws {
        var record = InsiderRecord()
        record.casts.append(.init(pass: 5, kiosk: "bieb", choices: ["C"], time: InsiderRecord.opens + 5 * InsiderRecord.hour))
        let folder = InsiderRecord.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try record.write(to: folder)
        let report = RecordVerifier(folder: folder, expectedIssuingKey: record.issuingKey.publicKey).verify()
        #expect(report.passed, "\(report.checks.filter { !$0.passed }.map(\.failures))")
        let answer = try PassCheck.check(record: folder, code: record.codes[5].formatted, issuingKey: record.issuingKey.publicKey)
        #expect(answer.uses.map { "\($0.kiosk)#\($0.position) \($0.counted)" } == ["bieb#3 true"])
    }

    @Test("an insider voting with a household's pass before the household does: the record verifies, the household's receipt says void")
    func insiderVotesFirst() throws {
        var record = InsiderRecord()
        // Pass 3 votes at the buurthuis at 09:30; the insider used it at the bieb at 09:10.
        record.casts.insert(.init(pass: 3, kiosk: "bieb", choices: ["B"], time: InsiderRecord.opens + InsiderRecord.hour + 10 * 60_000), at: 1)
        let folder = InsiderRecord.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try record.write(to: folder)
        let report = RecordVerifier(folder: folder, expectedIssuingKey: record.issuingKey.publicKey).verify()
        #expect(report.passed, "\(report.checks.filter { !$0.passed }.map(\.failures))")
        let receipt = try ReceiptCheck.check(record: folder, trackingCode: try InsiderRecord.trackingCode(in: folder, kiosk: "buurthuis", position: 0),
                                             issuingKey: record.issuingKey.publicKey)
        #expect(receipt.void && receipt.countedKiosk == "bieb" && receipt.countedPosition == 1)
    }
}

