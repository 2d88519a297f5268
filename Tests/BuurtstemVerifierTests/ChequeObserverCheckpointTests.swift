import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing
@testable import BuurtstemVerifier

/// Issue 15: an observer saves a checkpoint of a cheque round's redemption ledger while the round runs
/// (`buurtstem cheques checkpoint --json`); the gemeente, holding every key, rewrites the ledger afterwards and signs
/// everything again. Only the saved checkpoint shows it: `buurtstem-verify --checkpoint FILE` fails
/// 'observer checkpoints'.
@Suite("Cheque ledger checkpoints saved by observers")
struct ChequeObserverCheckpointTests {
    /// The checkpoint of the fixture's whole ledger (five redemptions), as an observer saved it before the forgery.
    static func saved() throws -> ObserverCheckpoint {
        let round = try ChequeInsider.made.get()
        let lines = try String(contentsOf: round.record.appendingPathComponent("checkpoints.jsonl"), encoding: .utf8).split(separator: "\n")
        let checkpoint = try JSONDecoder().decode(Checkpoint.self, from: Data(try #require(lines.last).utf8))
        #expect(checkpoint.size == 5)
        return ObserverCheckpoint(file: "saved.json", checkpoint: checkpoint)
    }

    static func failures(_ report: VerificationReport) -> [String: String] {
        Dictionary(uniqueKeysWithValues: report.checks.filter { !$0.failures.isEmpty }.map { ($0.name, $0.failures.map(\.message).joined(separator: " | ")) })
    }

    @Test("the honest ledger is consistent with the saved checkpoint, and the check says it ran")
    func honest() throws {
        let report = try ChequeInsider().verify(observed: [try Self.saved()])
        #expect(report.passed, "\(Self.failures(report))")
        #expect(report.checks.first { $0.name == "observer checkpoints" }?.items == 1)
    }

    @Test("the last redemption dropped and everything re-signed: passes without the checkpoint, fails 'observer checkpoints' with it")
    func droppedAfterCheckpoint() throws {
        var insider = try ChequeInsider()
        insider.ledger.removeLast()
        try insider.resign()
        #expect(try insider.verify().passed, "the re-signed ledger is consistent in itself: only the observer's checkpoint can show the drop")
        let report = try insider.verify(observed: [try Self.saved()])
        #expect(Array(Self.failures(report).keys) == ["observer checkpoints"], "\(Self.failures(report))")
        #expect(Self.failures(report)["observer checkpoints"]?.contains("the ledger key signed 5 entries") == true)
        #expect(Self.failures(report)["observer checkpoints"]?.contains("but the final ledger has 4: redemptions were dropped") == true)
    }

    @Test("the last redemption swapped for one of a cheque whose code the insider kept: same size, fails as not consistent")
    func rewrittenAfterCheckpoint() throws {
        var insider = try ChequeInsider()
        let kept = try #require(insider.round.cheques.first { $0.buurt.hasPrefix("BU001401") && !insider.round.redeemed.contains($0.code) })
        let entry = insider.ledger.removeLast()
        let code = try TypeableCode(parsing: kept.code, format: .cheque).bytes
        let key = ChequeKey.signingKey(code: code, round: ChequeInsider.roundId)
        insider.appendEntry(codeHash: ChequeInsider.hex(try insider.issued(kept.code)["code_hash"]),
                            initiative: UInt64(ChequeInsider.int(entry["initiative"])), key: key)
        try insider.resign()
        #expect(try insider.verify().passed, "signed by the kept cheque's own key, the swap is consistent in itself")
        let report = try insider.verify(observed: [try Self.saved()])
        #expect(Array(Self.failures(report).keys) == ["observer checkpoints"], "\(Self.failures(report))")
        #expect(Self.failures(report)["observer checkpoints"]?.contains("not consistent with the checkpoint the ledger key signed at 5 entries") == true)
    }

    @Test("a saved checkpoint not signed by the round's ledger key, or of another log, fails; an earlier honest one passes")
    func foreignCheckpoints() throws {
        let insider = try ChequeInsider()
        let saved = try Self.saved().checkpoint
        let other = Checkpoint(logId: saved.logId, size: saved.size, root: saved.root, timeMillis: saved.timeMillis, signedBy: SigningKey())
        let otherLog = Checkpoint(logId: "cheques/2025-najaar/ledger", size: saved.size, root: saved.root, timeMillis: saved.timeMillis,
                                  signedBy: insider.round.ledgerKey)
        let report = try insider.verify(observed: [ObserverCheckpoint(file: "other-key.json", checkpoint: other),
                                                   ObserverCheckpoint(file: "other-log.json", checkpoint: otherLog)])
        let failures = report.checks.first { $0.name == "observer checkpoints" }?.failures ?? []
        #expect(failures.map(\.file) == ["other-key.json", "other-log.json"], "\(failures)")
        #expect(failures.first?.message.contains("not signed by the ledger key") == true)
        // An honest checkpoint of the first two entries, made with the ledger key: the final ledger begins with them.
        var log = MerkleLog()
        let entries = try String(contentsOf: insider.round.record.appendingPathComponent("ledger.jsonl"), encoding: .utf8).split(separator: "\n")
        for line in entries.prefix(2) {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            log.append(leafHash: ChequeInsider.hex(object?["leaf_hash"]))
        }
        let early = Checkpoint(logId: saved.logId, size: 2, root: log.root, timeMillis: saved.timeMillis - 1, signedBy: insider.round.ledgerKey)
        #expect(try insider.verify(observed: [ObserverCheckpoint(file: "early.json", checkpoint: early)]).passed)
    }
}
