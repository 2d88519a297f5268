import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing
@testable import BuurtstemVerifier

/// Issue 15 for cheque rounds: the gemeente holds the issuing key and the round's ledger key, forges a
/// pre-published round's record and signs everything again. Each forgery must fail its named check when the
/// observer pinned the pre-publication (or at least the redemption signatures, which need no pin).
@Suite("Cheque rounds forged by the gemeente itself")
struct ChequeInsiderForgeryTests {
    /// The names of the checks of `report` that failed.
    static func failed(_ report: VerificationReport) -> [String] {
        report.checks.filter { !$0.failures.isEmpty }.map(\.name)
    }

    static func messages(_ report: VerificationReport, _ check: String) -> String {
        report.checks.first { $0.name == check }?.failures.map(\.message).joined(separator: " | ") ?? ""
    }

    @Test("the honest round passes pinned by folder and by fingerprint; unpinned it passes but warns NOTHING WAS PINNED")
    func honest() throws {
        let insider = try ChequeInsider()
        let round = insider.round
        let pinned = try insider.verify()
        #expect(pinned.passed, "\(pinned.checks.filter { !$0.passed })")
        #expect(pinned.checks.map(\.name).starts(with: ["pinned pre-publication", "pre-publication"]))
        #expect(pinned.checks.first { $0.name == "redemption signatures" }?.items == 5)
        #expect(!pinned.warnings.contains { $0.hasPrefix("NOTHING WAS PINNED") })
        let byFingerprint = ChequeRecordVerifier(folder: round.record, expectedIssuingKey: round.issuingKey.publicKey,
                                                 pin: try PrePublicationPin.fingerprint(round.fingerprint)).verify()
        #expect(byFingerprint.passed && byFingerprint.pinnedFingerprint == round.fingerprint)
        let unpinned = try insider.verify(pinned: false)
        #expect(unpinned.passed && unpinned.warnings.first?.hasPrefix("NOTHING WAS PINNED") == true)
        // Re-signing without a change keeps it passing: the insider's signer is faithful to the format.
        try insider.resign()
        #expect(try insider.verify().passed)
        // The letters carry the fingerprint.
        let print = round.prePublication.deletingLastPathComponent().appendingPathComponent("print")
        let page = try FileManager.default.contentsOfDirectory(atPath: print.path).first { $0.hasSuffix(".html") } ?? ""
        #expect(try String(contentsOf: print.appendingPathComponent(page), encoding: .utf8).contains(round.fingerprint))
    }

    @Test("docs/record.md's table of pinned cheque round checks lists exactly the checks a pinned pre-published round adds, in order")
    func documented() throws {
        let report = try ChequeInsider().verify(observed: [try ChequeObserverCheckpointTests.saved()])
        let documented = try RecordDocTests.documentedChecks(under: "### Checks of a pinned or pre-published cheque round")
        #expect(documented == ["pinned pre-publication", "pre-publication", "observer checkpoints"])
        #expect(Array(report.checks.map(\.name).prefix(documented.count)) == documented)
    }

    @Test("a redemption added for an unredeemed cheque, signed with the insider's own key, fails redemption signatures")
    func addRedemption() throws {
        var insider = try ChequeInsider()
        let unused = try #require(insider.round.cheques.first { $0.buurt.hasPrefix("BU001401") && !insider.round.redeemed.contains($0.code) })
        insider.appendEntry(codeHash: ChequeInsider.hex(try insider.issued(unused.code)["code_hash"]), initiative: 2, key: SigningKey())
        try insider.resign()
        let report = try insider.verify()
        #expect(Self.failed(report) == ["redemption signatures"], "\(report.checks.filter { !$0.passed })")
        #expect(Self.messages(report, "redemption signatures").contains("not by the key the issued set commits to"))
        #expect(Self.failed(try insider.verify(pinned: false)) == ["redemption signatures"])
    }

    @Test("the round re-issued with the insider's own key for a cheque, to sign a redemption for it: caught only by the pin")
    func reissueWithOwnKey() throws {
        var insider = try ChequeInsider()
        let unused = try #require(insider.round.cheques.first { $0.buurt.hasPrefix("BU001401") && !insider.round.redeemed.contains($0.code) })
        let hash = try insider.issued(unused.code)["code_hash"] as? String
        let key = SigningKey()
        for i in insider.issuedCheques.indices where insider.issuedCheques[i]["code_hash"] as? String == hash {
            insider.issuedCheques[i]["cheque_key"] = key.publicKey.hex
        }
        insider.appendEntry(codeHash: ChequeInsider.hex(hash), initiative: 2, key: key)
        try insider.resign(republish: true)
        #expect(try insider.verify(pinned: false).passed, "a consistent re-signed record passes unpinned: that is what the pin is for")
        let report = try insider.verify()
        #expect(Self.failed(report) == ["pinned pre-publication"], "\(report.checks.filter { !$0.passed })")
        #expect(Self.messages(report, "pinned pre-publication").contains("the issued set differs"))
    }

    @Test("a redemption moved to another initiative fails redemption signatures")
    func moveRedemption() throws {
        var insider = try ChequeInsider()
        insider.ledger[0]["initiative"] = 2
        try insider.resign()
        let report = try insider.verify()
        #expect(Self.failed(report) == ["redemption signatures"], "\(report.checks.filter { !$0.passed })")
        #expect(Self.messages(report, "redemption signatures").contains("entry 0: the cheque's signature does not match"))
    }

    @Test("the household's own check: its redemption signed by its cheque; moved by the insider, not signed by it")
    func householdCheck() throws {
        var insider = try ChequeInsider()
        let code = insider.round.redeemed[0]
        let honest = try ChequeCheck.check(record: insider.round.record, code: code, issuingKey: insider.round.issuingKey.publicKey)
        #expect(honest.bound && honest.redemptions.map(\.signedByCheque) == [true])
        insider.ledger[0]["initiative"] = 2
        try insider.resign()
        let moved = try ChequeCheck.check(record: insider.folder, code: code, issuingKey: insider.round.issuingKey.publicKey)
        #expect(moved.redemptions.map(\.initiative) == [2] && moved.redemptions.map(\.signedByCheque) == [false])
        // The round re-issued with another key for this cheque: the household's code gives a key the record does not hold.
        var reissued = try ChequeInsider()
        let hash = try reissued.issued(code)["code_hash"] as? String
        for i in reissued.issuedCheques.indices where reissued.issuedCheques[i]["code_hash"] as? String == hash {
            reissued.issuedCheques[i]["cheque_key"] = SigningKey().publicKey.hex
        }
        try reissued.resign(republish: true)
        #expect(throws: HouseholdCheckFailure.self) {
            try ChequeCheck.check(record: reissued.folder, code: code, issuingKey: reissued.round.issuingKey.publicKey)
        }
    }

    @Test("a redemption dropped from the middle, the rest renumbered, fails redemption signatures for every later entry")
    func dropRedemption() throws {
        var insider = try ChequeInsider()
        insider.ledger.remove(at: 1)
        for i in insider.ledger.indices { insider.ledger[i]["sequence"] = i }
        try insider.resign()
        let report = try insider.verify()
        #expect(Self.failed(report) == ["redemption signatures"], "\(report.checks.filter { !$0.passed })")
        #expect(report.checks.first { $0.name == "redemption signatures" }?.failures.count == 3)
    }

    @Test("the round's terms changed after publication (cheques valid a month longer) fail the pinned pre-publication")
    func changeTerms() throws {
        var insider = try ChequeInsider()
        insider.roundFile["valid_until"] = "2026-07-31"
        insider.roundFile["expires_ms"] = ChequeInsider.int(insider.roundFile["expires_ms"]) + 31 * 86_400_000
        try insider.resign(republish: true)
        #expect(try insider.verify(pinned: false).passed)
        let report = try insider.verify()
        #expect(Self.failed(report) == ["pinned pre-publication"], "\(report.checks.filter { !$0.passed })")
        #expect(Self.messages(report, "pinned pre-publication").contains("valid_until 2026-06-30 -> 2026-07-31"))
        // Kept as published, the record's own pre-publication says the same without a pin.
        var kept = try ChequeInsider()
        kept.roundFile["scope"] = "gemeente"
        try kept.resign()
        #expect(Self.failed(try kept.verify(pinned: false)) == ["pre-publication"])
    }

    @Test("an initiative added after publication fails the pinned pre-publication, by fingerprint too")
    func addInitiative() throws {
        var insider = try ChequeInsider()
        var added = insider.initiatives[1]
        added["id"] = 3
        added["title"] = "Wethouders buurtfeest"
        insider.initiatives.append(added)
        try insider.resign(republish: true)
        let report = try insider.verify()
        #expect(Self.failed(report) == ["pinned pre-publication"], "\(report.checks.filter { !$0.passed })")
        #expect(Self.messages(report, "pinned pre-publication").contains("initiative 3 ('Wethouders buurtfeest') is not in the pre-publication"))
        let byFingerprint = ChequeRecordVerifier(folder: insider.folder, expectedIssuingKey: insider.round.issuingKey.publicKey,
                                                 pin: try PrePublicationPin.fingerprint(insider.round.fingerprint)).verify()
        #expect(Self.failed(byFingerprint) == ["pinned pre-publication"])
        #expect(Self.messages(byFingerprint, "pinned pre-publication").contains("not the pinned"))
    }

    @Test("the pre-publication left out of the record fails when pinned with its folder")
    func prePublicationLeftOut() throws {
        let insider = try ChequeInsider()
        try FileManager.default.removeItem(at: insider.folder.appendingPathComponent("prepublication.json"))
        try insider.resign()
        let report = try insider.verify()
        #expect(Self.failed(report) == ["pinned pre-publication"])
        #expect(try insider.verify(pinned: false).warnings.contains { $0.hasPrefix("NOT PRE-PUBLISHED") })
    }

    @Test("the record downgraded to format 1 (no cheque keys, redemptions signed by no cheque), everything re-signed: warned unpinned, failed pinned")
    func downgrade() throws {
        var insider = try ChequeInsider()
        insider.roundFile["format"] = "buurtstem-cheque-round/1"
        for i in insider.issuedCheques.indices { insider.issuedCheques[i]["cheque_key"] = nil }
        for i in insider.ledger.indices {
            insider.ledger[i]["cheque_key"] = nil
            insider.ledger[i]["signature"] = nil
        }
        // Now the ledger key alone can move a redemption.
        insider.ledger[0]["initiative"] = 2
        try FileManager.default.removeItem(at: insider.folder.appendingPathComponent("prepublication.json"))
        try insider.resign()
        let unpinned = try insider.verify(pinned: false)
        #expect(unpinned.passed && unpinned.warnings.contains { $0.hasPrefix("format 1: redemptions not bound") })
        let report = try insider.verify()
        #expect(Self.failed(report) == ["pinned pre-publication"], "\(report.checks.filter { !$0.passed })")
        let messages = Self.messages(report, "pinned pre-publication")
        #expect(messages.contains("was downgraded") && messages.contains("the issued set differs"))
    }

    @Test("a format 1 round (the shipped test vector) still passes, warning that its redemptions are not bound")
    func formatOne() throws {
        let report = ChequeRecordVerifier(folder: try TestVectorFolder("cheque-round-small").record()).verify()
        #expect(report.passed, "\(report.checks.filter { !$0.passed })")
        #expect(report.warnings.contains { $0.hasPrefix("format 1: redemptions not bound") })
        #expect(report.checks.first { $0.name == "redemption signatures" }?.items == 0)
        // Pinned to a cheque round's pre-publication, a format 1 record fails: it was downgraded or is another round.
        let pinned = ChequeRecordVerifier(folder: try TestVectorFolder("cheque-round-small").record(),
                                          pin: try PrePublicationPin.load(folder: try ChequeInsider().round.prePublication)).verify()
        #expect(Self.failed(pinned).contains("pinned pre-publication"))
    }
}
