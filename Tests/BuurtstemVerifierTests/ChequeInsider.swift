import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
@testable import BuurtstemVerifier

/// A pre-published cheque round made by the engine on the shipped Groningen register, and an insider's editor of
/// its record: the test holds the gemeente's issuing key and the round's ledger key (never a cheque's code it did
/// not keep), so whatever it changes it signs again, consistently, from the issued set up to the index.
struct ChequeInsider {
    /// The round as the engine made it: the record, the pre-publication, the keys and the printed codes.
    struct Round: Sendable {
        let record: URL
        let prePublication: URL
        let fingerprint: String
        let issuingKey: SigningKey
        let ledgerKey: SigningKey
        /// (buurt, code) of every printed cheque.
        let cheques: [(buurt: String, code: String)]
        /// Codes the test redeemed, in ledger order.
        let redeemed: [String]
    }

    static let roundId = "2026-voorjaar"
    static let passphrase = "test passphrase"

    /// Made once: every test copies the record before it changes it.
    static let made = Result { try make() }

    /// Issue, two initiatives, pre-publish, five redemptions (three for the first, two for the second), settle,
    /// export.
    static func make() throws -> Round {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("buurtstem-cheque-insider-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let db = folder.appendingPathComponent("test.sqlite").path
        _ = try Gemeente.initialise(name: "Groningen", code: "GM0014", databasePath: db,
                                    keyPath: folder.appendingPathComponent("issuing.key").path, passphrase: passphrase)
        let store = try Store.open(path: db)
        _ = try AreaImport.run([UInt8](try Data(contentsOf: root.appendingPathComponent("Examples/groningen/areas.csv"))), file: "areas.csv", into: store)
        let register = [UInt8](try Data(contentsOf: root.appendingPathComponent("Examples/groningen/households.csv")))
        _ = try RegisterImport.run(register, file: "households.csv", eligibleAge: 16, into: store)
        _ = try ChequeRound.create(in: store, id: roundId, valueCents: 750, issueDate: "2026-03-01", validUntil: "2026-06-30",
                                   scope: .wijk, snapshot: nil, now: Date(timeIntervalSince1970: 1_771_000_000))
        let source = Passphrase(environment: [Passphrase.environmentVariable: passphrase], interactive: false)
        let issuingKey = try KeyFile.unseal(folder.appendingPathComponent("issuing.key").path, passphrase: source)
        let ledgerPath = folder.appendingPathComponent("ledger.key").path
        let print = folder.appendingPathComponent("print")
        _ = try ChequeIssuer.issue(round: roundId, in: store, issuingKey: issuingKey, ledgerKey: .init(path: ledgerPath, passphrase: passphrase),
                                   printTo: print, now: Date(timeIntervalSince1970: 1_772_000_000))
        let ledgerKey = try KeyFile.unseal(ledgerPath, passphrase: source)
        let csv = try String(contentsOf: print.appendingPathComponent("cheques.csv"), encoding: .utf8)
        let cheques = csv.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",")
            return (buurt: String(fields[1]), code: String(fields.last!))
        }
        let before = Date(timeIntervalSince1970: 1_772_100_000)
        let first = try Initiative.add(to: store, round: roundId, buurt: "BU00140103", title: "Moestuin", description: "Achter het buurthuis",
                                       targetCents: 1500, deadline: "2026-06-30", contact: nil, now: before)
        let second = try Initiative.add(to: store, round: roundId, buurt: "BU00140102", title: "Speelplek", description: "",
                                        targetCents: 10_000, deadline: "2026-06-30", contact: nil, now: before)
        let prePublication = folder.appendingPathComponent("prepublication")
        let published = try ChequeRoundPublication.publish(round: roundId, store: store, issuingKey: issuingKey, folder: prePublication,
                                                           printFolder: print, now: 1_772_200_000_000)
        var redeemed: [String] = []
        let during = Date(timeIntervalSince1970: 1_773_136_800)
        for (initiative, count) in [(first, 3), (second, 2)] {
            let redeemer = try ChequeRedeemer(store: store, initiative: initiative.id ?? 0)
            for cheque in cheques.filter({ $0.buurt.hasPrefix("BU001401") && !redeemed.contains($0.code) }).prefix(count) {
                guard case .success = try redeemer.redeem(code: cheque.code, channel: .online, now: during) else {
                    throw ChequeInsiderError("the fixture's redemption was refused")
                }
                redeemed.append(cheque.code)
            }
        }
        _ = try ChequeSettlement.settle(round: roundId, in: store, issuingKey: issuingKey, ledgerKey: ledgerKey,
                                        now: Date(timeIntervalSince1970: 1_783_000_000))
        let record = folder.appendingPathComponent("record")
        _ = try ChequeRecordExport.export(round: roundId, from: store, to: record, issuingKey: issuingKey)
        return Round(record: record, prePublication: prePublication, fingerprint: published.fingerprint, issuingKey: issuingKey,
                     ledgerKey: ledgerKey, cheques: cheques, redeemed: redeemed)
    }

    let round: Round
    /// The copy being forged.
    let folder: URL
    var roundFile: [String: Any]
    var issuedCheques: [[String: Any]]
    var initiatives: [[String: Any]]
    var ledger: [[String: Any]]
    /// Times of the checkpoints, kept; their sizes and roots are re-made over the forged ledger.
    let checkpointTimes: [Int64]
    let settledAt: Int64
    let issuedAt: Int64

    /// A copy of the fixture's record to forge.
    init() throws {
        round = try Self.made.get()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("buurtstem-cheque-forgery-\(UUID().uuidString)")
        self.folder = folder
        try FileManager.default.copyItem(at: round.record, to: folder)
        func object(_ name: String) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name))) as? [String: Any] ?? [:]
        }
        func lines(_ name: String) throws -> [[String: Any]] {
            try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
            }
        }
        roundFile = try object("round.json")
        issuedCheques = try lines("issued-cheques.jsonl")
        initiatives = try lines("initiatives.jsonl")
        ledger = try lines("ledger.jsonl")
        checkpointTimes = try lines("checkpoints.jsonl").map { Self.int($0["time_ms"]) }
        settledAt = Self.int(try object("settlement.json")["settled_at_ms"])
        issuedAt = Self.int(try object("issued.json")["issued_at_ms"])
    }

    static func int(_ value: Any?) -> Int64 { (value as? NSNumber)?.int64Value ?? 0 }
    static func hex(_ value: Any?) -> [UInt8] { Hex.decode(value as? String ?? "") ?? [] }
    var value: UInt64 { UInt64(Self.int(roundFile["value_cents"])) }

    /// The issued cheque with code `code` (as printed) and its line.
    func issued(_ code: String) throws -> [String: Any] {
        let bytes = try TypeableCode(parsing: code, format: .cheque).bytes
        var w = ByteWriter(tag: "buurtstem/cheque-code/v1")
        w.append(string: Self.roundId)
        w.append(bytes: bytes)
        let hash = Hex.encode(SHA.sha256(w.bytes))
        guard let line = issuedCheques.first(where: { $0["code_hash"] as? String == hash }) else { throw ChequeInsiderError("no such cheque") }
        return line
    }

    /// A ledger entry for the cheque `codeHash`, signed by `key` (the insider's own: it has no cheque's code).
    mutating func appendEntry(codeHash: [UInt8], initiative: UInt64, key: SigningKey) {
        let time = Self.int(ledger.last?["time_ms"])
        var entry: [String: Any] = ["channel": "paper", "code_hash": Hex.encode(codeHash), "cheque_key": key.publicKey.hex,
                                    "initiative": initiative, "sequence": ledger.count, "time_ms": time, "value_cents": value]
        entry["signature"] = key.signature(for: Self.entryBytes(entry)).hex
        ledger.append(entry)
    }

    /// A ledger entry's signed bytes (docs/record.md; format 1 when the entry has no `cheque_key`).
    static func entryBytes(_ entry: [String: Any]) -> [UInt8] {
        let bound = entry["cheque_key"] != nil
        var w = ByteWriter(tag: bound ? "buurtstem/cheque-redemption/v2" : "buurtstem/cheque-redemption/v1")
        w.append(string: roundId)
        w.append(u64: UInt64(int(entry["sequence"])))
        w.append(raw: hex(entry["code_hash"]))
        if bound { w.append(raw: hex(entry["cheque_key"])) }
        w.append(u64: UInt64(int(entry["initiative"])))
        w.append(string: entry["channel"] as? String ?? "")
        w.append(u64: UInt64(int(entry["value_cents"])))
        w.append(i64: int(entry["time_ms"]))
        return w.bytes
    }

    /// Signs everything again with the insider's keys over what was changed: the issued set, the ledger's leaf
    /// hashes, the checkpoints, the settlement, the pre-publication when `republish` (else it is kept as published)
    /// and the index. The issued set is of format 1 when `round.json` says so (then no cheque has a key).
    func resign(republish: Bool = false) throws {
        let bound = roundFile["format"] as? String == "buurtstem-cheque-round/2"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func line(_ object: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        }
        func write(_ name: String, _ lines: [String]) throws {
            try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: folder.appendingPathComponent(name))
        }
        // The issued set.
        let cheques = issuedCheques.sorted { ($0["code_hash"] as? String ?? "") < ($1["code_hash"] as? String ?? "") }
        var issuedLog = MerkleLog()
        for cheque in cheques {
            var w = ByteWriter(tag: bound ? "buurtstem/cheque-issued/v2" : "buurtstem/cheque-issued/v1")
            w.append(string: Self.roundId)
            w.append(raw: Self.hex(cheque["code_hash"]))
            if bound { w.append(raw: Self.hex(cheque["cheque_key"])) }
            w.append(string: cheque["buurt"] as? String ?? "")
            issuedLog.append(leafHash: MerkleHash.leaf(w.bytes))
        }
        let count = UInt64(cheques.count), total = UInt64(cheques.count) * value
        var terms = ByteWriter(tag: bound ? "buurtstem/cheque-issuance/v2" : "buurtstem/cheque-issuance/v1")
        terms.append(string: roundFile["gemeente_code"] as? String ?? "")
        terms.append(string: Self.roundId)
        terms.append(u64: UInt64(Self.int(roundFile["snapshot"])))
        terms.append(string: roundFile["scope"] as? String ?? "")
        terms.append(u64: value)
        terms.append(string: roundFile["issue_date"] as? String ?? "")
        terms.append(string: roundFile["valid_until"] as? String ?? "")
        terms.append(i64: Self.int(roundFile["valid_from_ms"]))
        terms.append(i64: Self.int(roundFile["expires_ms"]))
        terms.append(u64: count)
        terms.append(u64: total)
        terms.append(raw: issuedLog.root)
        terms.append(raw: round.ledgerKey.publicKey.bytes)
        terms.append(i64: issuedAt)
        let issued: [String: Any] = [
            "round_id": Self.roundId, "count": count, "total_cents": total, "root": Hex.encode(issuedLog.root),
            "ledger_public_key": round.ledgerKey.publicKey.hex, "issued_at_ms": issuedAt, "signer": round.issuingKey.publicKey.hex,
            "signature": round.issuingKey.signature(for: terms.bytes).hex,
        ]
        try write("round.json", [try line(roundFile)])
        try write("issued.json", [try line(issued)])
        try write("issued-cheques.jsonl", try cheques.map(line))
        try write("initiatives.jsonl", try initiatives.map(line))
        // The ledger: leaf hashes over whatever each entry now says (its signature as it is).
        var ledgerLog = MerkleLog()
        var entries: [[String: Any]] = []
        var collected: [UInt64: (cheques: UInt64, cents: UInt64)] = [:]
        for var entry in ledger {
            let leaf = MerkleHash.leaf(Self.entryBytes(entry) + Self.hex(entry["signature"]))
            entry["leaf_hash"] = Hex.encode(leaf)
            ledgerLog.append(leafHash: leaf)
            entries.append(entry)
            let id = UInt64(Self.int(entry["initiative"]))
            collected[id, default: (0, 0)].cheques += 1
            collected[id, default: (0, 0)].cents += UInt64(Self.int(entry["value_cents"]))
        }
        try write("ledger.jsonl", try entries.map(line))
        // One checkpoint over the whole ledger, at the final one's time, by the ledger key.
        let checkpoint = Checkpoint(logId: "cheques/\(Self.roundId)/ledger", size: UInt64(ledgerLog.size), root: ledgerLog.root,
                                    timeMillis: checkpointTimes.last ?? settledAt, signedBy: round.ledgerKey)
        try write("checkpoints.jsonl", [String(decoding: try encoder.encode(checkpoint), as: UTF8.self)])
        // The settlement, recomputed and signed again.
        var settled = ByteWriter(tag: "buurtstem/cheque-settlement/v1")
        settled.append(string: Self.roundId)
        settled.append(raw: issuedLog.root)
        settled.append(u64: UInt64(ledgerLog.size))
        settled.append(raw: ledgerLog.root)
        settled.append(i64: settledAt)
        let redeemed = collected.values.reduce(0) { $0 + $1.cents }
        var lines: [[String: Any]] = []
        var funded: UInt64 = 0
        for initiative in initiatives {
            let id = UInt64(Self.int(initiative["id"])), got = collected[id] ?? (0, 0)
            let isFunded = got.cents >= UInt64(Self.int(initiative["target_cents"]))
            if isFunded { funded += got.cents }
            lines.append(["id": id, "cheques": got.cheques, "collected_cents": got.cents, "funded": isFunded, "funded_cents": isFunded ? got.cents : 0])
        }
        for cents in [total, redeemed, funded, redeemed - funded, total - redeemed] { settled.append(u64: cents) }
        settled.append(u32: UInt32(initiatives.count))
        for (initiative, line) in zip(initiatives, lines) {
            settled.append(u64: UInt64(Self.int(initiative["id"])))
            settled.append(string: initiative["buurt"] as? String ?? "")
            settled.append(string: initiative["title"] as? String ?? "")
            settled.append(string: initiative["description"] as? String ?? "")
            settled.append(u64: UInt64(Self.int(initiative["target_cents"])))
            settled.append(string: initiative["deadline"] as? String ?? "")
            settled.append(i64: Self.int(initiative["closes_at_ms"]))
            settled.append(u64: UInt64(Self.int(line["cheques"])))
            settled.append(u64: UInt64(Self.int(line["collected_cents"])))
            settled.append(u8: line["funded"] as? Bool == true ? 1 : 0)
            settled.append(u64: UInt64(Self.int(line["funded_cents"])))
        }
        let settlement: [String: Any] = [
            "round_id": Self.roundId, "settled_at_ms": settledAt, "ledger_size": ledgerLog.size, "ledger_root": Hex.encode(ledgerLog.root),
            "issued_cents": total, "redeemed_cents": redeemed, "funded_cents": funded, "returned_cents": redeemed - funded,
            "unredeemed_cents": total - redeemed, "initiatives": lines, "signer": round.issuingKey.publicKey.hex,
            "signature": round.issuingKey.signature(for: settled.bytes).hex,
        ]
        try write("settlement.json", [try line(settlement)])
        if republish {
            var perBuurt: [String: UInt64] = [:]
            for cheque in cheques { perBuurt[cheque["buurt"] as? String ?? "", default: 0] += 1 }
            let made = ChequeRoundPrePublication(
                round: Self.roundId, gemeente: roundFile["gemeente_code"] as? String ?? "",
                terms: .init(snapshot: UInt64(Self.int(roundFile["snapshot"])), scope: roundFile["scope"] as? String ?? "", valueCents: value,
                             issueDate: roundFile["issue_date"] as? String ?? "", validUntil: roundFile["valid_until"] as? String ?? "",
                             validFromMillis: Self.int(roundFile["valid_from_ms"]), expiresMillis: Self.int(roundFile["expires_ms"])),
                count: count, totalCents: total, root: issuedLog.root, ledgerPublicKey: round.ledgerKey.publicKey, issuedAtMillis: issuedAt,
                buurten: perBuurt.map { .init(buurt: $0.key, issued: $0.value) },
                initiatives: initiatives.map {
                    .init(id: UInt64(Self.int($0["id"])), buurt: $0["buurt"] as? String ?? "", title: $0["title"] as? String ?? "",
                          description: $0["description"] as? String ?? "", targetCents: UInt64(Self.int($0["target_cents"])),
                          deadline: $0["deadline"] as? String ?? "", closesAtMillis: Self.int($0["closes_at_ms"]))
                },
                publishedAtMillis: 1_772_200_000_000, issuingKey: round.issuingKey)
            try encoder.encode(made).write(to: folder.appendingPathComponent("prepublication.json"))
        }
        // The index over every file, signed by the issuing key.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "record.json" && !$0.hasPrefix(".") }.sorted()
        let digests = try names.map { RecordIndex.FileDigest(name: $0, sha256: SHA.sha256([UInt8](try Data(contentsOf: folder.appendingPathComponent($0))))) }
        let index = RecordIndex(kind: "cheque-round", election: Self.roundId, gemeente: roundFile["gemeente_code"] as? String ?? "",
                                gemeenteName: roundFile["gemeente_name"] as? String ?? "", files: digests, issuingKey: round.issuingKey)
        try encoder.encode(index).write(to: folder.appendingPathComponent("record.json"))
    }

    /// The verifier's report on the forged copy, pinned to the fixture's pre-publication folder (or not at all), with
    /// the ledger checkpoints an observer saved.
    func verify(pinned: Bool = true, observed: [ObserverCheckpoint] = []) throws -> VerificationReport {
        let pin = pinned ? try PrePublicationPin.load(folder: round.prePublication) : nil
        return ChequeRecordVerifier(folder: folder, expectedIssuingKey: round.issuingKey.publicKey, pin: pin, observerCheckpoints: observed).verify()
    }
}

/// The fixture could not be made.
struct ChequeInsiderError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
