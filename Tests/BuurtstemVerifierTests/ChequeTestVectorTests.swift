import BuurtstemCrypto
import BuurtstemVerifier
import Foundation
import Testing

/// The committed cheque round vectors (`TestVectors/cheque-round-small`, made by `scripts/make-cheque-vectors.sh`):
/// the settled record passes, and each tampered copy fails exactly the checks `expected.json` lists.
@Suite("Cheque round test vectors")
struct ChequeTestVectorTests {
    static let vectors = TestVectorFolder("cheque-round-small")

    @Test("the committed settled round passes every check")
    func recordPasses() throws {
        // Seven checks: files, round, issued set, initiatives, ledger entries, ledger checkpoints, settlement.
        try Self.vectors.expectRecordPasses(minimumChecks: 7) { ChequeRecordVerifier(folder: $0).verify() }
    }

    @Test("every committed cheque round variant fails exactly the expected checks")
    func variantsFail() throws {
        try Self.vectors.expectVariantsFail(minimumVariants: 8) { ChequeRecordVerifier(folder: $0).verify() }
    }

    /// The failures of `check` when verifying variant `name`.
    static func failures(_ name: String, _ check: String) -> [String] {
        let report = ChequeRecordVerifier(folder: vectors.folder.appendingPathComponent("variants/\(name)")).verify()
        return report.checks.first { $0.name == check }?.failures.map(\.message) ?? []
    }

    @Test("the settlement check states only what is true of the ledger it has")
    func settlementMessages() throws {
        // A dropped entry: the settled size is never reached, so no amounts are compared (none would be the ledger's).
        let dropped = Self.failures("dropped-redemption", "settlement")
        #expect(dropped == ["settles 5 ledger entries, but the ledger has 4: entries were dropped"], "\(dropped)")
        // An entry added: the first five entries, which the settlement signs, no longer have its tree head.
        let duplicated = Self.failures("duplicated-redemption", "settlement")
        #expect(duplicated.contains("ledger_root is not the tree head of the ledger's first 5 entries: the entries it settles were changed"), "\(duplicated)")
        #expect(duplicated.contains { $0.hasPrefix("settles 5 ledger entries, but the ledger has 6: entries were added after settlement") })
        // A settled round takes no redemptions: the checkpoint check does not advise making a checkpoint.
        let checkpoints = Self.failures("duplicated-redemption", "ledger checkpoints")
        #expect(checkpoints.contains { $0.contains("entries were added after settlement") }, "\(checkpoints)")
        #expect(!checkpoints.contains { $0.contains("make a checkpoint") }, "\(checkpoints)")
    }

    @Test("without record.json the report names round.json's issuing key, and --issuing-key is held against it")
    func keyWithoutIndex() throws {
        let folder = Self.vectors.folder.appendingPathComponent("variants/deleted-index")
        let round = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("round.json"))) as? [String: Any]
        let key = try #require(round?["issuing_public_key"] as? String)
        #expect(ChequeRecordVerifier(folder: folder).verify().issuingPublicKey == key)
        let other = try PublicKey(bytes: [UInt8](repeating: 7, count: 32))
        let pinned = ChequeRecordVerifier(folder: folder, expectedIssuingKey: other).verify()
        #expect(pinned.checks.first { $0.name == "round" }?.failures.first?.message.contains("given with --issuing-key") == true)
    }

    @Test("--issuing-key on a whole cheque record: its own key passes, another fails the files check")
    func pinnedKey() throws {
        let record = try Self.vectors.record()
        let round = try JSONSerialization.jsonObject(with: Data(contentsOf: record.appendingPathComponent("round.json"))) as? [String: Any]
        let key = try PublicKey(hex: try #require(round?["issuing_public_key"] as? String))
        #expect(ChequeRecordVerifier(folder: record, expectedIssuingKey: key).verify().passed)
        let other = ChequeRecordVerifier(folder: record, expectedIssuingKey: try PublicKey(bytes: [UInt8](repeating: 7, count: 32))).verify()
        #expect(other.checks.filter { !$0.passed }.map(\.name) == ["files"])
        #expect(other.checks.first { $0.name == "files" }?.failures.contains { $0.message.contains("given with --issuing-key") } == true)
    }

    @Test("a settled record whose final checkpoint was dropped says so, not that entries were added")
    func droppedFinalCheckpoint() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("cheque-vector-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: try Self.vectors.record(), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let url = copy.appendingPathComponent("checkpoints.jsonl")
        let lines = try String(decoding: Data(contentsOf: url), as: UTF8.self).split(separator: "\n")
        try Data((lines.dropLast().joined(separator: "\n") + "\n").utf8).write(to: url)
        let report = ChequeRecordVerifier(folder: copy).verify()
        let messages = report.checks.first { $0.name == "ledger checkpoints" }?.failures.map(\.message) ?? []
        #expect(messages.contains { $0.contains("the final checkpoint, which settlement makes, is missing") }, "\(messages)")
        #expect(!messages.contains { $0.contains("added after settlement") }, "\(messages)")
    }
}


/// The committed format 2 cheque round vectors (`TestVectors/cheque-round-bound`, made by
/// `scripts/make-cheque-vectors.sh bound`): a pre-published round whose redemptions are signed by their cheques,
/// verified pinned to its pre-publication folder.
@Suite("Cheque round test vectors of format 2, pinned")
struct BoundChequeTestVectorTests {
    static let vectors = TestVectorFolder("cheque-round-bound")

    /// The verifier pinned to the vectors' pre-publication, as an observer who kept it runs it.
    static func verify(_ folder: URL) -> VerificationReport {
        let pin = try? PrePublicationPin.load(folder: vectors.folder.appendingPathComponent("prepublication"))
        return ChequeRecordVerifier(folder: folder, pin: pin).verify()
    }

    @Test("the committed pre-published round passes every check, pinned, with every redemption signed by its cheque")
    func recordPasses() throws {
        try Self.vectors.expectRecordPasses(minimumChecks: 10) { Self.verify($0) }
        let report = Self.verify(try Self.vectors.record())
        #expect(report.format == "buurtstem-cheque-round/2" && report.pinnedFingerprint != nil && report.warnings.isEmpty)
        #expect(report.checks.first { $0.name == "redemption signatures" }?.items == 5)
    }

    @Test("every committed format 2 variant fails exactly the expected checks when pinned")
    func variantsFail() throws {
        try Self.vectors.expectVariantsFail(minimumVariants: 6) { Self.verify($0) }
    }
}
