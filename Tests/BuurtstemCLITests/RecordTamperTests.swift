import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

/// A closed election's record made through the CLI: 19 passes, ballots at two kiosks, one pass used twice across
/// locations; and every kind of change an attacker might make to it, each caught by the right check.
@Suite("Published record and buurtstem-verify")
struct RecordTamperTests {
    /// Makes a record in a fresh folder and returns the CLI and the record folder.
    static func record() throws -> (CLI, URL, [String]) {
        let (cli, codes) = try StemdagCommandTests.prepared()
        try StemdagCommandTests.publish(cli)
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
        let key = try JSONDecoder().decode(RecordIndex.self, from: Data(contentsOf: record.appendingPathComponent("record.json"))).issuingPublicKey.hex
        for code in receipts {
            let checked = try cli.run("receipt", "check", "--record", record.path, "--receipt", code, "--issuing-key", key)
            #expect(checked.status == 0, "\(code): \(checked.stderr)")
        }
        let unknown = try cli.run("receipt", "check", "--record", record.path, "--receipt", "0000-0000-0000-0000-0", "--issuing-key", key)
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
                // Valid JSON still (no trailing comma): the verifier reads JSON strictly.
                if line.contains("\"voids\" : [") { skipping = true; continue }
                if skipping {
                    if line.hasPrefix("  ]") {
                        skipping = false
                        out.append("  \"voids\" : []" + (line.hasSuffix(",") ? "," : ""))
                    }
                    continue
                }
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

    /// `record.json` rewritten by `transform` and signed again with the gemeente's own issuing key: a wrong index
    /// the gemeente itself might publish, which only the checks of the index's content can catch.
    static func resignIndex(_ cli: CLI, _ transform: @escaping (RecordIndex) -> RecordIndex) -> (URL) throws -> Void {
        { folder in
            let url = folder.appendingPathComponent("record.json")
            let index = transform(try JSONDecoder().decode(RecordIndex.self, from: Data(contentsOf: url)))
            let store = try Store.open(path: cli.directory.appendingPathComponent("buurtstem.sqlite").path)
            let key = try ChequeKeys.issuingKey(store: store, path: nil, passphrase: Passphrase(environment: cli.environment, interactive: false))
            let resigned = RecordIndex(format: index.format, kind: index.kind, election: index.election, gemeente: index.gemeente, gemeenteName: index.gemeenteName,
                                       files: index.files, issuingKey: key)
            try JSONEncoder().encode(resigned).write(to: url)
        }
    }

    static func index(_ index: RecordIndex, files: [RecordIndex.FileDigest]? = nil, gemeente: String? = nil) -> RecordIndex {
        // The key is replaced when the index is signed again; a throwaway one makes the value.
        RecordIndex(format: index.format, kind: index.kind, election: index.election, gemeente: gemeente ?? index.gemeente, gemeenteName: index.gemeenteName,
                    files: files ?? index.files, issuingKey: SigningKey())
    }

    /// Runs the verifier on `record` and returns its exit status and the failures per failed check.
    static func verify(_ cli: CLI, _ record: URL, _ options: String...) throws -> (Int32, [String: [String]], [String: Any]) {
        try verify(cli, record, options: options)
    }

    /// ``verify(_:_:_:)`` with the options as an array.
    static func verify(_ cli: CLI, _ record: URL, options: [String]) throws -> (Int32, [String: [String]], [String: Any]) {
        let verified = try cli.run([record.path, "--json"] + options, tool: "buurtstem-verify")
        let report = try JSONSerialization.jsonObject(with: Data(verified.stdout.utf8)) as? [String: Any] ?? [:]
        var failed: [String: [String]] = [:]
        for check in report["checks"] as? [[String: Any]] ?? [] {
            let failures = (check["failures"] as? [[String: Any]] ?? []).map { "\($0["file"] ?? ""): \($0["message"] ?? "")" }
            if !failures.isEmpty { failed[check["name"] as? String ?? ""] = failures }
        }
        return (verified.status, failed, report)
    }

    @Test("the index vouches for exactly the record's files: each wrong index is caught by the files check with its reason")
    func indexContent() throws {
        let (cli, record, _) = try Self.record()
        let cases: [(name: String, check: String, message: String, change: (URL) throws -> Void)] = [
            ("a ballots file the index does not list", "files", "ballots/stranger.jsonl: is not listed in record.json", { folder in
                try FileManager.default.copyItem(at: folder.appendingPathComponent("ballots/bibliotheek.jsonl"),
                                                 to: folder.appendingPathComponent("ballots/stranger.jsonl"))
            }),
            ("the index leaves out result.json", "files", "result.json: is not listed in record.json",
             Self.resignIndex(cli) { Self.index($0, files: $0.files.filter { $0.name != "result.json" }) }),
            ("the index lists a file twice", "files", "record.json: lists passes.jsonl twice",
             Self.resignIndex(cli) { index in Self.index(index, files: index.files + index.files.filter { $0.name == "passes.jsonl" }) }),
            ("the index lists a file that is no part of a record", "files", "record.json: lists 'notes.txt', which is no file of an election record",
             Self.resignIndex(cli) { index in Self.index(index, files: index.files + [RecordIndex.FileDigest(name: "notes.txt", sha256: SHA.sha256([]))]) }),
            ("the index names another gemeente than the signed definition", "definition", "but record.json says 'kw-now' of GM9999",
             Self.resignIndex(cli) { Self.index($0, gemeente: "GM9999") }),
            ("the index vouches for the ballots of a kiosk nobody registered", "files", "record.json: lists ballots/ghost.jsonl, but kiosks.json registers no kiosk 'ghost'", { folder in
                let ghost = Data("{\"this\":\"is not a ballot\"}\n".utf8)
                try ghost.write(to: folder.appendingPathComponent("ballots/ghost.jsonl"))
                try Self.resignIndex(cli) { index in
                    Self.index(index, files: index.files + [RecordIndex.FileDigest(name: "ballots/ghost.jsonl", sha256: SHA.sha256([UInt8](ghost)))])
                }(folder)
            }),
            ("the index leaves out a kiosk's checkpoints", "files", "record.json: does not list checkpoints/buurthuis.json of registered kiosk buurthuis", { folder in
                try Self.resignIndex(cli) { Self.index($0, files: $0.files.filter { $0.name != "checkpoints/buurthuis.json" }) }(folder)
            }),
            ("the ballots folder is a link to another folder", "files", "ballots: is a symbolic link", { folder in
                let elsewhere = folder.deletingLastPathComponent().appendingPathComponent("elsewhere-\(UUID().uuidString)")
                try FileManager.default.moveItem(at: folder.appendingPathComponent("ballots"), to: elsewhere)
                try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("ballots"), withDestinationURL: elsewhere)
            }),
            ("a listed file is replaced by a folder", "files", "explanations.json: is a folder, not a file", { folder in
                try FileManager.default.removeItem(at: folder.appendingPathComponent("explanations.json"))
                try FileManager.default.createDirectory(at: folder.appendingPathComponent("explanations.json"), withIntermediateDirectories: false)
            }),
        ]
        for change in cases {
            let folder = cli.directory.appendingPathComponent("index-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: record, to: folder)
            try change.change(folder)
            let (status, failed, _) = try Self.verify(cli, folder)
            #expect(status == 1, "\(change.name)")
            #expect(Array(failed.keys) == [change.check], "\(change.name): \(failed)")
            #expect(failed[change.check]?.contains { $0.contains(change.message) } == true, "\(change.name): \(failed)")
        }
    }

    @Test("--issuing-key pins the gemeente's published key: the right key passes, another fails the files check")
    func pinnedIssuingKey() throws {
        let (cli, record, _) = try Self.record()
        let index = try JSONDecoder().decode(RecordIndex.self, from: Data(contentsOf: record.appendingPathComponent("record.json")))
        let (status, failed, report) = try Self.verify(cli, record, "--issuing-key", index.issuingPublicKey.hex)
        #expect(status == 0, "\(failed)")
        #expect(report["issuingPublicKey"] as? String == index.issuingPublicKey.hex)
        #expect(report["expectedIssuingKey"] as? String == index.issuingPublicKey.hex)
        let other = SigningKey().publicKey.hex
        let (otherStatus, otherFailed, _) = try Self.verify(cli, record, "--issuing-key", other)
        #expect(otherStatus == 1)
        #expect(Array(otherFailed.keys) == ["files"], "\(otherFailed)")
        #expect(otherFailed["files"]?.contains { $0.contains("not \(other.prefix(16))... given with --issuing-key") } == true, "\(otherFailed)")
        let text = try cli.run([record.path], tool: "buurtstem-verify")
        #expect(text.stdout.contains("Issuing key \(index.issuingPublicKey.hex): compare it with the key the gemeente published"))
        // No readable index: the report still says which key was expected.
        try Data("{".utf8).write(to: record.appendingPathComponent("record.json"))
        let (unreadable, unreadableFailed, unreadableReport) = try Self.verify(cli, record, "--issuing-key", other)
        #expect(unreadable == 1 && unreadableFailed["files"] != nil)
        #expect(unreadableReport["expectedIssuingKey"] as? String == other && unreadableReport["issuingPublicKey"] == nil)
        let malformed = try cli.run([record.path, "--issuing-key", "abc"], tool: "buurtstem-verify")
        #expect(malformed.status == 64 && malformed.stderr.contains("--issuing-key: a public key is written as 64 hex characters"), "\(malformed.stderr)")
    }

    @Test("kill -9 during an export never leaves a half record: the folder is absent or verifies, and a rerun completes it")
    func killDuringExport() throws {
        let (cli, _, _) = try Self.record()
        var killedWhileWriting = 0
        for attempt in 0..<6 {
            let name = "killed-\(attempt)"
            let staging = cli.directory.appendingPathComponent(".\(name).partial")
            let process = Process()
            process.executableURL = CLI.productsDirectory.appendingPathComponent("buurtstem")
            process.arguments = ["record", "export", "--election", "kw-now", "--out", name]
            process.currentDirectoryURL = cli.directory
            process.environment = ProcessInfo.processInfo.environment.merging(cli.environment) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Kill as soon as the export starts writing (odd attempts a moment later), so the kill lands mid-export.
            let deadline = Date().addingTimeInterval(30)
            while process.isRunning, !FileManager.default.fileExists(atPath: staging.path), Date() < deadline { usleep(200) }
            if attempt % 2 == 1 { usleep(2_000) }
            if process.isRunning, FileManager.default.fileExists(atPath: staging.path) { killedWhileWriting += 1 }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let folder = cli.directory.appendingPathComponent(name)
            if !FileManager.default.fileExists(atPath: folder.path) {
                // Killed before the end: run it again into the same place; the leftover staging folder is replaced.
                let rerun = try cli.run("record", "export", "--election", "kw-now", "--out", name)
                #expect(rerun.status == 0, "\(name): \(rerun.stderr)")
            }
            #expect(try cli.run([folder.path], tool: "buurtstem-verify").status == 0, "\(name) is not a whole record")
            #expect(!FileManager.default.fileExists(atPath: staging.path))
        }
        #expect(killedWhileWriting > 0, "no kill landed while the export was writing: the test proved nothing")
        let again = try cli.run("record", "export", "--election", "kw-now", "--out", "killed-0")
        #expect(again.status != 0 && again.stderr.contains("exists and is not an empty folder"), "\(again.stderr)")
    }

    @Test("--out: the current folder is refused; an empty folder, a link to one and a new nested path are filled; one export at a time")
    func exportDestinations() throws {
        let (cli, _, _) = try Self.record()
        let here = try cli.run("record", "export", "--election", "kw-now", "--out", ".")
        #expect(here.status != 0 && here.stderr.contains("is the folder you are in"), "\(here.stderr)")
        let empty = cli.directory.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        #expect(try cli.run("record", "export", "--election", "kw-now", "--out", "empty/").status == 0)
        let target = cli.directory.appendingPathComponent("target")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(at: cli.directory.appendingPathComponent("link"), withDestinationURL: target)
        let linked = try cli.run("record", "export", "--election", "kw-now", "--out", "link")
        #expect(linked.status == 0, "\(linked.stderr)")
        for folder in [empty, target] {
            #expect(try cli.run([folder.path], tool: "buurtstem-verify").status == 0, "\(folder.lastPathComponent)")
        }
        // While another export writes in the same folder (it holds the folder's lock), a second one waits its turn.
        let lock = open(cli.directory.path, O_RDONLY)
        #expect(lock >= 0 && flock(lock, LOCK_EX) == 0)
        let busy = try cli.run("record", "export", "--election", "kw-now", "--out", "busy")
        flock(lock, LOCK_UN)
        close(lock)
        #expect(busy.status != 0 && busy.stderr.contains("another export is writing a record in"), "\(busy.stderr)")
        #expect(try cli.run("record", "export", "--election", "kw-now", "--out", "deeper/still/record").status == 0)
    }
}


extension RecordTamperTests {
    /// `file` of `folder` rewritten by `transform`, its new digest in the index, signed again by the gemeente: what
    /// only the pabulib export check can catch.
    static func rewriteListed(_ cli: CLI, _ folder: URL, _ file: String, _ transform: (String) -> String) throws {
        let url = folder.appendingPathComponent(file)
        let changed = transform(try String(contentsOf: url, encoding: .utf8))
        try changed.write(to: url, atomically: true, encoding: .utf8)
        let digest = SHA.sha256(Array(changed.utf8))
        try resignIndex(cli) { index in
            Self.index(index, files: index.files.map { $0.name == file ? RecordIndex.FileDigest(name: file, sha256: digest) : $0 })
        }(folder)
    }

    @Test("the Pabulib export states the record's outcome; a re-signed file that does not is caught by the pabulib export check")
    func pabulibExport() throws {
        let (cli, record, _) = try Self.record()
        let file = ElectionRecordFile.pabulib(area: "WK001401")
        let text = try String(contentsOf: record.appendingPathComponent(file), encoding: .utf8)
        #expect(text.contains("rule;greedy\n") || text.contains("rule;equalshares"), "\(text.prefix(600))")
        let (status, failed, report) = try Self.verify(cli, record)
        #expect(status == 0, "\(failed)")
        let checks = (report["checks"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(checks.contains("pabulib export"))
        // docs/record.md documents it in its own table, as the last check of such a record.
        let page = try String(contentsOf: projectRoot.appendingPathComponent("docs/record.md"), encoding: .utf8)
        let table = try #require(page.range(of: "### Checks of a record with a Pabulib export"))
        let firstRow = page[table.upperBound...].split(separator: "\n").first { $0.hasPrefix("| `") }
        #expect(firstRow?.hasPrefix("| `pabulib export` |") == true)
        #expect(checks.last == "pabulib export")

        // A project the result does not fund, marked selected.
        let unfunded = try #require(text.split(separator: "\n").first { $0.hasSuffix(";0") }.map(String.init))
        try Self.rewriteListed(cli, record, file) { $0.replacingOccurrences(of: unfunded + "\n", with: unfunded.dropLast() + "1\n") }
        let (changedStatus, changedFailures, _) = try Self.verify(cli, record)
        #expect(changedStatus == 1)
        #expect(changedFailures["files"] == nil, "\(changedFailures)")
        #expect(changedFailures["pabulib export"]?.contains { $0.contains("the signed result does not fund it") } == true, "\(changedFailures)")

        // A counted ballot dropped from VOTES.
        try Self.rewriteListed(cli, record, file) { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines.remove(at: lines.count - 2)
            return lines.joined(separator: "\n")
        }
        let (_, droppedFailures, _) = try Self.verify(cli, record)
        #expect(droppedFailures["pabulib export"]?.contains { $0.contains("1 counted ballot(s) missing") } == true, "\(droppedFailures)")
    }

    @Test("allocate --official on the exported file funds what the signed result funds")
    func pabulibOfficialRerun() throws {
        let (cli, record, _) = try Self.record()
        let result = try JSONDecoder().decode(ElectionResult.self, from: Data(contentsOf: record.appendingPathComponent("result.json")))
        for contest in result.contests {
            let path = record.appendingPathComponent(ElectionRecordFile.pabulib(area: contest.area)).path
            let run = try cli.run("allocate", path, "--official", "--json")
            #expect(run.status == 0, "\(run.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
            let funded = Set((json["projects"] as? [[String: Any]] ?? []).filter { $0["funded"] as? Bool == true }.compactMap { $0["id"] as? String })
            #expect(funded == Set(contest.projects.filter(\.funded).map(\.id)), "\(contest.area)")
            let instance = try PabulibReader().read(contentsOf: path)
            #expect(instance.votes.count == Int(contest.ballotsCounted))
        }
    }
}
