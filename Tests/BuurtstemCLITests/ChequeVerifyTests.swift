import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

/// A cheque round made through the CLI on the shipped Groningen register (one initiative funded, one not), exported
/// mid-round and after settlement; and every kind of change an attacker might make to it, each caught by the right
/// check of `buurtstem-verify`.
@Suite("Cheque round record and buurtstem-verify")
struct ChequeVerifyTests {
    /// The records one CLI round produced.
    struct Records: Sendable {
        let cli: CLI
        /// After settlement.
        let settled: URL
        /// Mid-round, with a checkpoint of the whole ledger.
        let checkpointed: URL
        /// Mid-round, with a redemption after the last checkpoint.
        let uncovered: URL
    }

    /// Made once: every test copies what it changes.
    static let records = Result { try makeRecords() }

    static func makeRecords() throws -> Records {
        var cli = try CLI.inTemporaryDirectory()
        func run(_ arguments: String...) throws {
            let result = try cli.run(arguments)
            guard result.status == 0 else { throw CLIError(arguments: arguments, stderr: result.stderr) }
        }
        try run("init", "--gemeente", "Groningen", "--code", "GM0014")
        try run("areas", "import", CLI.shipped("Examples/groningen/areas.csv"))
        try run("register", "import", CLI.shipped("Examples/groningen/households.csv"))
        cli.environment["BUURTSTEM_NOW"] = "2026-02-20T09:00:00Z"
        try run("cheques", "round", "create", "--id", "2026-voorjaar", "--value", "7.50", "--issue-date", "2026-03-01",
                "--valid-until", "2026-06-30", "--scope", "buurt")
        try run("cheques", "issue", "--round", "2026-voorjaar", "--print-to", "print",
                "--addresses", CLI.shipped("Examples/groningen/households.csv"))
        let csv = try String(contentsOf: cli.directory.appendingPathComponent("print/cheques.csv"), encoding: .utf8)
        let cheques = csv.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",")
            return (buurt: String(fields[1]), code: String(fields.last!))
        }
        cli.environment["BUURTSTEM_NOW"] = "2026-03-10T10:00:00Z"
        try run("initiative", "add", "--round", "2026-voorjaar", "--buurt", "BU00140103", "--title", "Moestuin",
                "--description", "Een moestuin achter het buurthuis", "--target", "15.00", "--deadline", "2026-06-30")
        try run("initiative", "add", "--round", "2026-voorjaar", "--buurt", "BU00140102", "--title", "Speelplek",
                "--target", "100", "--deadline", "2026-05-31")
        let paper = cli.directory.appendingPathComponent("paper.txt")
        try Data(cheques.filter { $0.buurt == "BU00140103" }.prefix(3).map(\.code).joined(separator: "\n").utf8).write(to: paper)
        try run("cheques", "redeem", "--file", paper.path, "--initiative", "1")
        // An observer saves the checkpoint as it is made (checked later with buurtstem-verify --checkpoint).
        let checkpoint = try cli.run("cheques", "checkpoint", "--round", "2026-voorjaar", "--json")
        guard checkpoint.status == 0 else { throw CLIError(arguments: ["cheques", "checkpoint"], stderr: checkpoint.stderr) }
        try Data(checkpoint.stdout.utf8).write(to: cli.directory.appendingPathComponent("observer-checkpoint.json"))
        try run("cheques", "export", "--round", "2026-voorjaar", "--out", "checkpointed")
        cli.environment["BUURTSTEM_NOW"] = "2026-04-01T12:00:00Z"
        for cheque in cheques.filter({ $0.buurt == "BU00140102" }).prefix(2) {
            try run("cheques", "redeem", "--code", cheque.code, "--initiative", "2")
        }
        try run("cheques", "export", "--round", "2026-voorjaar", "--out", "uncovered")
        cli.environment["BUURTSTEM_NOW"] = "2026-07-02T09:00:00Z"
        try run("cheques", "settle", "--round", "2026-voorjaar")
        try run("cheques", "export", "--round", "2026-voorjaar", "--out", "settled")
        return Records(cli: cli, settled: cli.directory.appendingPathComponent("settled"),
                       checkpointed: cli.directory.appendingPathComponent("checkpointed"),
                       uncovered: cli.directory.appendingPathComponent("uncovered"))
    }

    struct CLIError: Error, CustomStringConvertible {
        let arguments: [String]
        let stderr: String
        var description: String { "buurtstem \(arguments.joined(separator: " ")) failed: \(stderr)" }
    }

    /// `buurtstem-verify --json` on `folder`: the exit status and, per failed check, its failure messages.
    static func verify(_ folder: URL, cli: CLI) throws -> (status: Int32, failed: [String: [String]], stderr: String) {
        let result = try cli.run([folder.path, "--json"], tool: "buurtstem-verify")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        var failed: [String: [String]] = [:]
        for check in report?["checks"] as? [[String: Any]] ?? [] {
            let failures = (check["failures"] as? [[String: Any]] ?? []).map { "\($0["file"] ?? ""):\($0["line"] ?? "-"): \($0["message"] ?? "")" }
            if !failures.isEmpty { failed[check["name"] as? String ?? "?"] = failures }
        }
        return (result.status, failed, result.stderr)
    }

    @Test("a settled round's record, and one exported mid-round after a checkpoint, pass every check")
    func freshRecordsPass() throws {
        let records = try Self.records.get()
        for folder in [records.settled, records.checkpointed] {
            let (status, failed, stderr) = try Self.verify(folder, cli: records.cli)
            #expect(status == 0 && failed.isEmpty, "\(folder.lastPathComponent): \(failed) \(stderr)")
        }
        let text = try records.cli.run([records.settled.path], tool: "buurtstem-verify")
        // Consistent, every redemption signed by its cheque, but not pre-published and not pinned: it passes and says so.
        #expect(text.stdout.contains("PASS  settlement") && text.stdout.contains("Verdict: every check passed, but see the 2 warnings above: NOTHING WAS PINNED."))
        #expect(text.stdout.contains("WARNING: NOTHING WAS PINNED") && text.stdout.contains("WARNING: NOT PRE-PUBLISHED"))
        for check in ["files", "round", "issued set", "initiatives", "ledger entries", "redemption signatures", "ledger checkpoints"] {
            #expect(text.stdout.contains("PASS  \(check) ("), "\(check) missing in \(text.stdout)")
        }
        let settlement = try Self.object(records.settled.appendingPathComponent("settlement.json"))
        let lines = settlement["initiatives"] as? [[String: Any]] ?? []
        #expect(lines.map { $0["funded"] as? Bool } == [true, false], "the fixture must fund one initiative and not the other")
    }

    @Test("a ledger checkpoint saved with 'cheques checkpoint --json' is checked with --checkpoint; a damaged one fails, a wrong file is refused")
    func observerCheckpoint() throws {
        let records = try Self.records.get()
        let saved = records.cli.directory.appendingPathComponent("observer-checkpoint.json")
        let text = try records.cli.run([records.settled.path, "--checkpoint", saved.path], tool: "buurtstem-verify")
        #expect(text.status == 0 && text.stdout.contains("PASS  observer checkpoints (1 checked)"), "\(text.stdout)")
        // The saved copy with another tree head: the ledger key did not sign that.
        var object = try Self.object(saved)
        let root = object["root"] as? String ?? ""
        object["root"] = (root.first == "0" ? "1" : "0") + root.dropFirst()
        let damaged = records.cli.directory.appendingPathComponent("damaged-checkpoint.json")
        try JSONSerialization.data(withJSONObject: object).write(to: damaged)
        let failed = try records.cli.run([records.settled.path, "--checkpoint", damaged.path], tool: "buurtstem-verify")
        #expect(failed.status == 1 && failed.stdout.contains("FAIL  observer checkpoints") && failed.stdout.contains("not signed by the ledger key"), "\(failed.stdout)")
        let wrong = try records.cli.run([records.settled.path, "--checkpoint", records.settled.appendingPathComponent("round.json").path], tool: "buurtstem-verify")
        #expect(wrong.status == 64 && wrong.stderr.contains("is not a checkpoint"), "\(wrong.stderr)")
    }

    @Test("redemptions after the last checkpoint are signed by no one: the ledger checkpoints check fails")
    func uncoveredEntriesFail() throws {
        let records = try Self.records.get()
        let (status, failed, _) = try Self.verify(records.uncovered, cli: records.cli)
        #expect(status == 1)
        #expect(Array(failed.keys) == ["ledger checkpoints"], "\(failed)")
        #expect(failed["ledger checkpoints"]?.first?.contains("signed by no one") == true)
    }

    @Test("a folder that is no record is refused with a clear error")
    func notARecord() throws {
        let records = try Self.records.get()
        let result = try records.cli.run([records.cli.directory.appendingPathComponent("print").path], tool: "buurtstem-verify")
        #expect(result.status != 0 && result.stderr.contains("round.json"))
    }

    /// A change to the settled record, the check that must catch it, and words its message must use.
    struct Tamper: Sendable, CustomStringConvertible {
        let name: String
        let check: String
        let message: String
        let change: @Sendable (URL) throws -> Void
        var description: String { name }
    }

    static func object(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    }

    static func lines(_ folder: URL, _ file: String) throws -> [String] {
        try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func write(_ folder: URL, _ file: String, lines: [String]) throws {
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent(file))
    }

    /// Changes one field of a one-object JSON file.
    static func editObject(_ file: String, _ transform: @escaping @Sendable (inout [String: Any]) -> Void) -> @Sendable (URL) throws -> Void {
        { folder in
            var object = try object(folder.appendingPathComponent(file))
            transform(&object)
            try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: folder.appendingPathComponent(file))
        }
    }

    /// Flips one hex digit of field `field` in `file`'s line `index`.
    static func flip(_ field: String, in file: String, line index: Int = 0) -> @Sendable (URL) throws -> Void {
        { folder in
            var lines = try lines(folder, file)
            let range = lines[index].range(of: "\"\(field)\":\"")!
            let at = range.upperBound
            let digit = lines[index][at] == "0" ? "1" : "0"
            lines[index].replaceSubrange(at...at, with: digit)
            try write(folder, file, lines: lines)
        }
    }

    /// Appends a well-formed ledger entry (correct sequence and leaf hash) for `codeHash` at the last entry's time:
    /// what an attacker who knows the format can write.
    static func appendEntry(codeHash: @escaping @Sendable (URL, [[String: Any]]) throws -> [UInt8]) -> @Sendable (URL) throws -> Void {
        { folder in
            var lines = try lines(folder, "ledger.jsonl")
            let entries = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
            let hash = try codeHash(folder, entries), sequence = Int64(entries.count), time = (entries.last?["time_ms"] as? NSNumber)?.int64Value ?? 0
            let leaf = MerkleHash.leaf(Redemption.canonicalBytes(round: "2026-voorjaar", sequence: sequence, codeHash: hash, chequePublicKey: nil, initiative: 1,
                                                                 channel: .online, valueCents: 750, timeMillis: time))
            lines.append("{\"channel\":\"online\",\"code_hash\":\"\(Hex.encode(hash))\",\"initiative\":1,\"leaf_hash\":\"\(Hex.encode(leaf))\","
                + "\"sequence\":\(sequence),\"time_ms\":\(time),\"value_cents\":750}")
            try write(folder, "ledger.jsonl", lines: lines)
        }
    }

    /// Cuts `file` in the middle of a line.
    static func truncate(_ file: String) -> @Sendable (URL) throws -> Void {
        { folder in
            let url = folder.appendingPathComponent(file)
            let data = try Data(contentsOf: url)
            var end = data.count / 2
            if data[data.startIndex + end - 1] == UInt8(ascii: "\n") { end -= 2 }
            try data.prefix(end).write(to: url)
        }
    }

    static let tampers: [Tamper] = [
        Tamper(name: "flip a byte of the issued set's signature", check: "issued set", message: "signature does not match",
               change: flip("signature", in: "issued.json")),
        Tamper(name: "flip a byte of a checkpoint's signature", check: "ledger checkpoints", message: "signature on the checkpoint",
               change: flip("signature", in: "checkpoints.jsonl")),
        Tamper(name: "flip a byte of the settlement's signature", check: "settlement", message: "signature does not match",
               change: flip("signature", in: "settlement.json")),
        Tamper(name: "redeem a code that was never issued", check: "ledger entries", message: "was never issued",
               change: appendEntry { _, _ in SHA.sha256(Array("not a cheque".utf8)) }),
        Tamper(name: "redeem a cheque a second time", check: "ledger entries", message: "redeemed twice",
               change: appendEntry { _, entries in Hex.decode(entries[0]["code_hash"] as? String ?? "") ?? [] }),
        Tamper(name: "give a cheque of another buurt to a buurt initiative", check: "ledger entries", message: "does not allow",
               change: appendEntry { folder, _ in
                   let other = try lines(folder, "issued-cheques.jsonl").first { $0.contains("BU00140100") } ?? ""
                   let object = try JSONSerialization.jsonObject(with: Data(other.utf8)) as? [String: Any] ?? [:]
                   return Hex.decode(object["code_hash"] as? String ?? "") ?? []
               }),
        Tamper(name: "drop a ledger entry", check: "ledger entries", message: "entries were dropped", change: { folder in
            var lines = try lines(folder, "ledger.jsonl")
            lines.remove(at: 1)
            try write(folder, "ledger.jsonl", lines: lines)
        }),
        Tamper(name: "change a redemption's amount", check: "ledger entries", message: "every cheque of this round is worth 750", change: { folder in
            var lines = try lines(folder, "ledger.jsonl")
            lines[0] = lines[0].replacingOccurrences(of: "\"value_cents\":750", with: "\"value_cents\":1500")
            try write(folder, "ledger.jsonl", lines: lines)
        }),
        Tamper(name: "mark an initiative funded that did not reach its target", check: "settlement", message: "is marked funded",
               change: editObject("settlement.json") { settlement in
                   var lines = settlement["initiatives"] as? [[String: Any]] ?? []
                   lines[1]["funded"] = true
                   lines[1]["funded_cents"] = lines[1]["collected_cents"]
                   settlement["initiatives"] = lines
               }),
        Tamper(name: "move an initiative's deadline (signed by the settlement)", check: "settlement", message: "signature does not match",
               change: { folder in
                   var lines = try lines(folder, "initiatives.jsonl")
                   var initiative = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any] ?? [:]
                   initiative["deadline"] = "2026-06-30"
                   initiative["closes_at_ms"] = ((initiative["closes_at_ms"] as? NSNumber)?.int64Value ?? 0) + 30 * 86_400_000
                   lines[1] = String(decoding: try JSONSerialization.data(withJSONObject: initiative, options: [.sortedKeys]), as: UTF8.self)
                   try write(folder, "initiatives.jsonl", lines: lines)
               }),
        Tamper(name: "swap the ledger key in the issued set", check: "issued set", message: "signature does not match",
               change: editObject("issued.json") { $0["ledger_public_key"] = String(repeating: "ab", count: 32) }),
        Tamper(name: "truncate the ledger", check: "files", message: "cut short", change: truncate("ledger.jsonl")),
        Tamper(name: "truncate the issued set", check: "issued set", message: "cheques were added or removed", change: truncate("issued-cheques.jsonl")),
        Tamper(name: "flip a hex digit of the index's signature", check: "files", message: "the index's signature does not match",
               change: editObject("record.json") { index in
                   let signature = index["signature"] as? String ?? ""
                   index["signature"] = (signature.first == "0" ? "1" : "0") + signature.dropFirst()
               }),
        Tamper(name: "rename the gemeente in round.json (no signature but the index's covers names)", check: "files",
               message: "round.json:-: its SHA-256 differs", change: editObject("round.json") { $0["gemeente_name"] = "Haren" }),
        Tamper(name: "delete the signed index", check: "files", message: "record.json:-: is missing", change: { folder in
            try FileManager.default.removeItem(at: folder.appendingPathComponent("record.json"))
        }),
        Tamper(name: "delete the settlement (the index lists it)", check: "files", message: "settlement.json:-: is listed in record.json but missing",
               change: { folder in try FileManager.default.removeItem(at: folder.appendingPathComponent("settlement.json")) }),
        Tamper(name: "drop a file from the index and re-sign it with the issuing key", check: "files",
               message: "initiatives.jsonl:-: is not listed in record.json", change: resignIndex { $0.filter { $0.name != "initiatives.jsonl" } }),
        Tamper(name: "re-sign the index with another key", check: "files", message: "not by the issuing key round.json names",
               change: resignIndex(key: SigningKey()) { $0 }),
    ]

    /// Rewrites record.json with `files` changed by `transform`, signed by `key` (default: the gemeente's issuing key,
    /// as if the gemeente itself had published a wrong index).
    static func resignIndex(key: SigningKey? = nil, _ transform: @escaping @Sendable ([RecordIndex.FileDigest]) -> [RecordIndex.FileDigest])
        -> @Sendable (URL) throws -> Void
    {
        { folder in
            let url = folder.appendingPathComponent("record.json")
            let index = try JSONDecoder().decode(RecordIndex.self, from: Data(contentsOf: url))
            let signer = try key ?? issuingKey()
            let resigned = RecordIndex(format: index.format, kind: index.kind, election: index.election, gemeente: index.gemeente, gemeenteName: index.gemeenteName,
                                       files: transform(index.files), issuingKey: signer)
            try JSONEncoder().encode(resigned).write(to: url)
        }
    }

    /// The fixture's issuing key, unsealed from the CLI's key file.
    static func issuingKey() throws -> SigningKey {
        let records = try records.get()
        let store = try Store.open(path: records.cli.directory.appendingPathComponent("buurtstem.sqlite").path)
        return try ChequeKeys.issuingKey(store: store, path: nil, passphrase: Passphrase(environment: records.cli.environment, interactive: false))
    }

    @Test("before settlement only the signed index covers the initiatives: a changed title fails the files check alone")
    func midRoundContentIsSigned() throws {
        let records = try Self.records.get()
        let folder = records.cli.directory.appendingPathComponent("tampered-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: records.checkpointed, to: folder)
        var lines = try Self.lines(folder, "initiatives.jsonl")
        lines[0] = lines[0].replacingOccurrences(of: "Moestuin", with: "Parkeerplaats")
        try Self.write(folder, "initiatives.jsonl", lines: lines)
        let (status, failed, stderr) = try Self.verify(folder, cli: records.cli)
        #expect(status == 1, "exit \(status) \(stderr)")
        #expect(Array(failed.keys) == ["files"], "\(failed)")
        #expect(failed["files"]?.first?.contains("initiatives.jsonl:-: its SHA-256 differs") == true, "\(failed)")
    }

    @Test("every kind of tampering is caught by the right check, and the verdict is a failure", arguments: tampers)
    func tampering(tamper: Tamper) throws {
        let records = try Self.records.get()
        let folder = records.cli.directory.appendingPathComponent("tampered-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: records.settled, to: folder)
        try tamper.change(folder)
        let (status, failed, stderr) = try Self.verify(folder, cli: records.cli)
        #expect(status == 1, "\(tamper.name): exit \(status) \(stderr)")
        #expect(failed[tamper.check]?.contains { $0.contains(tamper.message) } == true, "\(tamper.name): failures \(failed)")
        #expect(!stderr.contains("Fatal"))
    }
}
