import Buurtstem
import Foundation
import Testing

/// A closed election's record made through the CLI: 19 passes, ballots at two kiosks, one pass used twice across
/// locations; and every kind of change an attacker might make to it, each caught by the right check.
@Suite("Published record and buurtstem-verify")
struct RecordTamperTests {
    /// Makes a record in a fresh folder and returns the CLI and the record folder.
    static func record() throws -> (CLI, URL, [String]) {
        let (cli, codes) = try StemdagCommandTests.prepared()
        #expect(try cli.run("store", "copy", "--to", "location2.sqlite").status == 0)
        for db in ["buurtstem.sqlite", "location2.sqlite"] {
            #expect(try cli.run("polls", "open", "--election", "kw-now", "--db", db).status == 0)
        }
        var receipts: [String] = []
        let choices = ["KW-01,KW-05", "KW-02", "KW-03,KW-05,KW-06", "KW-05", "KW-01,KW-04", "KW-06,KW-01"]
        for (index, code) in codes.prefix(6).enumerated() {
            let voted = try cli.run("vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--pass", code, "--choices", choices[index], "--json")
            #expect(voted.status == 0)
            let receipt = try JSONSerialization.jsonObject(with: Data(voted.stdout.utf8)) as? [String: Any]
            receipts.append(receipt?["trackingCode"] as? String ?? "")
        }
        #expect(try cli.run("kiosk", "checkpoint", "--election", "kw-now", "--kiosk", "bibliotheek").status == 0)
        for code in codes[5..<9] {
            #expect(try cli.run("vote", "--db", "location2.sqlite", "--election", "kw-now", "--kiosk", "buurthuis", "--pass", code,
                                "--choices", "KW-02,KW-03").status == 0)
        }
        #expect(try cli.run("polls", "close", "--election", "kw-now", "--kiosk", "bibliotheek").status == 0)
        #expect(try cli.run("polls", "close", "--election", "kw-now", "--kiosk", "buurthuis", "--db", "location2.sqlite").status == 0)
        #expect(try cli.run("polls", "merge", "--election", "kw-now", "--from", "location2.sqlite").status == 0)
        let exported = try cli.run("record", "export", "--election", "kw-now", "--out", "record")
        #expect(exported.status == 0, "\(exported.stderr)")
        return (cli, cli.directory.appendingPathComponent("record"), receipts)
    }

    @Test("a fresh record passes every check, and every receipt is proved included")
    func freshRecordPasses() throws {
        let (cli, record, receipts) = try Self.record()
        let verified = try cli.run([record.path, "--json"], tool: "buurtstem-verify")
        #expect(verified.status == 0, "\(verified.stdout)")
        let report = try JSONSerialization.jsonObject(with: Data(verified.stdout.utf8)) as? [String: Any]
        let checks = report?["checks"] as? [[String: Any]] ?? []
        #expect(checks.count >= 12)
        #expect(checks.allSatisfy { ($0["failures"] as? [Any])?.isEmpty == true })
        let result = try JSONSerialization.jsonObject(with: Data(contentsOf: record.appendingPathComponent("result.json"))) as? [String: Any]
        #expect((result?["voids"] as? [Any])?.count == 1)
        for code in receipts {
            let checked = try cli.run("receipt", "check", "--record", record.path, "--receipt", code)
            #expect(checked.status == 0, "\(code): \(checked.stderr)")
        }
        let unknown = try cli.run("receipt", "check", "--record", record.path, "--receipt", "0000-0000-0000-0000-0")
        #expect(unknown.status != 0)
    }

    /// A change to the record and the check that must catch it.
    struct Tamper: Sendable, CustomStringConvertible {
        let name: String
        let check: String
        let change: @Sendable (URL) throws -> Void
        var description: String { name }
    }

    static func edit(_ file: String, _ transform: @escaping @Sendable ([String]) -> [String]) -> @Sendable (URL) throws -> Void {
        { folder in
            let url = folder.appendingPathComponent(file)
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            try transform(lines).joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        }
    }

    static let tampers: [Tamper] = [
        Tamper(name: "flip a byte of a ballot's signature", check: "ballot signatures", change: edit("ballots/bibliotheek.jsonl") { lines in
            var lines = lines
            let range = lines[0].range(of: "\"signature\":\"")!
            var chars = Array(lines[0])
            let at = lines[0].distance(from: lines[0].startIndex, to: range.upperBound)
            chars[at] = chars[at] == "0" ? "1" : "0"
            lines[0] = String(chars)
            return lines
        }),
        Tamper(name: "change a choice", check: "ballot signatures", change: edit("ballots/bibliotheek.jsonl") { lines in
            var lines = lines
            lines[1] = lines[1].replacingOccurrences(of: "KW-02", with: "KW-04")
            return lines
        }),
        Tamper(name: "drop a ballot", check: "logs and checkpoints", change: edit("ballots/bibliotheek.jsonl") { lines in
            var lines = lines
            lines.remove(at: 2)
            return lines
        }),
        Tamper(name: "duplicate a ballot", check: "logs and checkpoints", change: edit("ballots/bibliotheek.jsonl") { lines in
            var lines = lines
            lines.insert(lines[1], at: 1)
            return lines
        }),
        Tamper(name: "reorder two ballots", check: "logs and checkpoints", change: edit("ballots/bibliotheek.jsonl") { lines in
            var lines = lines
            lines.swapAt(0, 1)
            return lines
        }),
        Tamper(name: "add a pass after the commitment", check: "issued passes", change: edit("passes.jsonl") { lines in
            var lines = lines
            let fake = "{\"area\":\"WK001401\",\"pass\":\"\(String(repeating: "f", count: 64))\",\"signature\":\"\(String(repeating: "0", count: 128))\"}"
            lines.insert(fake, at: lines.count - 1)
            return lines
        }),
        Tamper(name: "swap a kiosk key", check: "kiosks", change: edit("kiosks.json") { lines in
            lines.map { $0.contains("\"public_key\"") && !$0.contains("ffff") ? "    \"public_key\" : \"\(String(repeating: "ab", count: 32))\"," : $0 }
        }),
        Tamper(name: "alter a count", check: "counts", change: edit("result.json") { lines in
            var done = false
            return lines.map { line in
                guard !done, line.contains("\"ballots_counted\"") else { return line }
                done = true
                return line.replacingOccurrences(of: "\"ballots_counted\" : ", with: "\"ballots_counted\" : 1")
            }
        }),
        Tamper(name: "alter the winners", check: "result signature", change: edit("result.json") { lines in
            var flipped = false
            return lines.map { line in
                guard !flipped, line.contains("\"funded\" : false") else { return line }
                flipped = true
                return line.replacingOccurrences(of: "false", with: "true")
            }
        }),
        Tamper(name: "truncate a file", check: "issued passes", change: { folder in
            let url = folder.appendingPathComponent("passes.jsonl")
            let data = try Data(contentsOf: url)
            try data.prefix(data.count / 2).write(to: url)
        }),
        Tamper(name: "remove the void", check: "voids", change: edit("result.json") { lines in
            var out: [String] = []
            var skipping = false
            for line in lines {
                if line.contains("\"voids\" : [") { skipping = true; out.append("  \"voids\" : [],"); continue }
                if skipping { if line.hasPrefix("  ]") { skipping = false }; continue }
                out.append(line)
            }
            return out
        }),
    ]

    @Test("every kind of tampering is caught by the right check, and the verdict is a failure", arguments: tampers)
    func tampering(tamper: Tamper) throws {
        let (cli, record, _) = try Self.record()
        try tamper.change(record)
        let verified = try cli.run([record.path, "--json"], tool: "buurtstem-verify")
        #expect(verified.status == 1, "\(tamper.name): exit \(verified.status) \(verified.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(verified.stdout.utf8)) as? [String: Any]
        let failed = (report?["checks"] as? [[String: Any]] ?? []).filter { !(($0["failures"] as? [Any])?.isEmpty ?? true) }.compactMap { $0["name"] as? String }
        #expect(failed.contains(tamper.check), "\(tamper.name): failed checks \(failed)")
        #expect(failed.contains("files"), "\(tamper.name): the file digest check must fail too")
        #expect(!verified.stderr.contains("Fatal"))
    }
}
