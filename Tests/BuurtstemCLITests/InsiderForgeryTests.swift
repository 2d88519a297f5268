@testable import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB
import Testing

/// Issue 15: the adversary includes the gemeente. These tests hold every key the gemeente holds (the issuing key,
/// every kiosk key) and, as the strongest insider, the printed pass codes too (a kept print file), so they can
/// re-sign every ballot. Each forgery changes the store after the pre-publication and re-signs everything
/// consistently (definition, commitment, ballots, checkpoints, pre-publication, result, index: the engine's own
/// export does the last two). Without a pin the forged record passes, with a loud warning; pinned with the
/// pre-publication folder or its fingerprint, it fails the named check.
@Suite("Insider forgeries: a gemeente with all its keys, caught by the pinned pre-publication")
struct InsiderForgeryTests {
    /// A closed election pre-published before the polls opened: the CLI, the record, the pre-publication folder,
    /// its fingerprint, the pass codes and an observer's checkpoint file saved during the day.
    struct Published {
        let cli: CLI
        let record: URL
        let prePublication: URL
        let fingerprint: String
        let codes: [String]
        let observed: URL
    }

    static func published() throws -> Published {
        let (cli, codes) = try StemdagCommandTests.prepared()
        let published = try cli.run("election", "publish", "--election", "kw-now", "--out", "prepub", "--json")
        #expect(published.status == 0, "\(published.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(published.stdout.utf8)) as? [String: Any]
        let fingerprint = try #require(summary?["fingerprint"] as? String)
        #expect(try cli.run("polls", "open", "--election", "kw-now").status == 0)
        let choices = ["KW-01,KW-05", "KW-02", "KW-03,KW-05,KW-06", "KW-05", "KW-01,KW-04", "KW-06,KW-01", "KW-02,KW-03"]
        for (index, code) in codes.prefix(4).enumerated() {
            #expect(try cli.run("vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--pass", code, "--choices", choices[index]).status == 0)
        }
        // An observer saves the checkpoint the kiosk signs at 4 ballots, as printed by the command.
        let checkpoint = try cli.run("kiosk", "checkpoint", "--election", "kw-now", "--kiosk", "bibliotheek", "--json")
        #expect(checkpoint.status == 0, "\(checkpoint.stderr)")
        let observed = cli.directory.appendingPathComponent("observed-bibliotheek.json")
        try Data(checkpoint.stdout.utf8).write(to: observed)
        for (index, code) in codes[4..<7].enumerated() {
            #expect(try cli.run("vote", "--election", "kw-now", "--kiosk", index == 0 ? "bibliotheek" : "buurthuis", "--pass", code,
                                "--choices", choices[4 + index]).status == 0)
        }
        #expect(try cli.run("polls", "close", "--election", "kw-now").status == 0)
        let exported = try cli.run("record", "export", "--election", "kw-now", "--out", "record")
        #expect(exported.status == 0, "\(exported.stderr)")
        let record = cli.directory.appendingPathComponent("record")
        #expect(try JSONDecoder().decode(Checkpoint.self, from: Data(contentsOf: observed)).size == 4)
        return Published(cli: cli, record: record, prePublication: cli.directory.appendingPathComponent("prepub"),
                         fingerprint: fingerprint, codes: codes, observed: observed)
    }

    /// What an insider changes in (a copy of) the store before re-signing everything.
    struct Forgery: Sendable, CustomStringConvertible {
        let name: String
        let change: @Sendable (Insider) throws -> Void
        var description: String { name }
    }

    /// The insider's keys and the store copy being forged.
    final class Insider {
        let store: Store
        let issuingKey: SigningKey
        var kioskKeys: [String: SigningKey] = [:]
        /// Pass public key (hex) -> its key, from the codes the insider kept.
        var passKeys: [String: SigningKey] = [:]
        /// Added to the pre-publication's eligible counts when it is re-signed.
        var eligibleExtra: UInt64 = 0
        /// False for an insider without the pass codes: the ballots keep the signatures their passes made.
        var resignBallots = true
        /// 1 to re-sign the ballots as v1 (signing no definition hash), so the export falls back to format 1.
        var ballotVersion = 2

        init(store: Store, issuingKey: SigningKey, kioskKeys: [String: SigningKey], passKeys: [String: SigningKey]) {
            self.store = store
            self.issuingKey = issuingKey
            self.kioskKeys = kioskKeys
            self.passKeys = passKeys
        }

        /// Edits the stored definition (as JSON) and stores it signed again.
        func editDefinition(_ edit: (inout [String: Any]) -> Void) throws {
            let election = try store.election("kw-now")
            var object = try JSONSerialization.jsonObject(with: Data(election.definition.utf8)) as? [String: Any] ?? [:]
            edit(&object)
            let definition = try JSONDecoder().decode(ElectionDefinition.self, from: JSONSerialization.data(withJSONObject: object))
            let text = String(decoding: try JSONEncoder().encode(definition), as: UTF8.self)
            try store.write { db in
                try db.execute(sql: "UPDATE election SET definition = ?, definitionHash = ?, manifestSignature = ? WHERE id = 'kw-now'",
                               arguments: [text, Data(definition.hash), Data(issuingKey.signature(for: definition.canonicalBytes).bytes)])
            }
        }

        /// Issues `count` more passes for `area` and casts a ballot with each at `kiosk`, appended to its log.
        func addPassesAndVote(_ count: Int, area: String, kiosk: String, choices: [Choice]) throws {
            try store.write { db in
                var next = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(sequence) + 1, 0) FROM ballot WHERE electionId = 'kw-now' AND kiosk = ?",
                                              arguments: [kiosk]) ?? 0
                let time = try Int64.fetchOne(db, sql: "SELECT MAX(timeMillis) FROM ballot WHERE electionId = 'kw-now'") ?? 0
                for _ in 0..<count {
                    let key = SigningKey()
                    passKeys[key.publicKey.hex] = key
                    let token = PassToken(election: "kw-now", area: area, pass: key.publicKey, issuingKey: issuingKey)
                    try db.execute(sql: "INSERT INTO pass (electionId, publicKey, area, signature) VALUES ('kw-now', ?, ?, ?)",
                                   arguments: [Data(key.publicKey.bytes), area, Data(token.signature.bytes)])
                    try db.execute(sql: """
                        INSERT INTO ballot (electionId, kiosk, sequence, pass, area, choices, timeMillis, signature, leafHash, version)
                        VALUES ('kw-now', ?, ?, ?, ?, ?, ?, ?, ?, 2)
                        """, arguments: [kiosk, next, Data(key.publicKey.bytes), area, String(decoding: try JSONEncoder().encode(choices), as: UTF8.self),
                                         time, Data(repeating: 0, count: 64), Data(repeating: 0, count: 32)])
                    next += 1
                }
            }
        }

        /// Re-signs everything from the stored state: the commitment over the stored passes, every ballot with its
        /// pass key over the stored definition, every checkpoint (the final one at the log's size) with the kiosk's
        /// key, and the pre-publication.
        func resign() throws {
            let election = try store.election("kw-now")
            let definition = try election.decodedDefinition()
            try store.write { db in
                // The commitment.
                var log = MerkleLog()
                var perArea: [String: UInt64] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT publicKey, area, signature FROM pass WHERE electionId = 'kw-now' ORDER BY publicKey") {
                    let token = PassToken(election: "kw-now", area: row["area"], pass: try PublicKey(bytes: [UInt8](row["publicKey"] as Data)),
                                          signature: try Signature(bytes: [UInt8](row["signature"] as Data)))
                    log.append(leafHash: token.leafHash)
                    perArea[token.area, default: 0] += 1
                }
                let areas = perArea.keys.sorted().map { IssuedPassCommitment.AreaCount(area: $0, count: perArea[$0]!) }
                let commitment = IssuedPassCommitment(election: "kw-now", definitionHash: definition.hash, areas: areas, root: log.root, issuingKey: issuingKey)
                try db.execute(sql: "UPDATE election SET issuedRoot = ?, issuedAreas = ?, issuedSignature = ? WHERE id = 'kw-now'",
                               arguments: [Data(commitment.root), String(decoding: try JSONEncoder().encode(areas), as: UTF8.self),
                                           Data(commitment.signature.bytes)])
                // The ballots and the checkpoints, kiosk by kiosk.
                var kiosks: [PrePublication.KioskKey] = []
                for kiosk in try Row.fetchAll(db, sql: "SELECT name FROM kiosk WHERE electionId = 'kw-now' ORDER BY name").map({ $0["name"] as String }) {
                    let kioskKey = try #require(kioskKeys[kiosk])
                    let registration = KioskRegistration(election: "kw-now", name: kiosk, kiosk: kioskKey.publicKey, issuingKey: issuingKey)
                    try db.execute(sql: "UPDATE kiosk SET publicKey = ?, registrationSignature = ? WHERE electionId = 'kw-now' AND name = ?",
                                   arguments: [Data(kioskKey.publicKey.bytes), Data(registration.signature.bytes), kiosk])
                    kiosks.append(.init(name: kiosk, publicKey: kioskKey.publicKey))
                    var leaves: [[UInt8]] = []
                    for row in try Row.fetchAll(db, sql: "SELECT sequence, pass, area, choices, timeMillis, leafHash FROM ballot WHERE electionId = 'kw-now' AND kiosk = ? ORDER BY sequence",
                                                arguments: [kiosk]) {
                        guard resignBallots else {
                            leaves.append([UInt8](row["leafHash"] as Data))
                            continue
                        }
                        let pass = try PublicKey(bytes: [UInt8](row["pass"] as Data))
                        let ballot = Ballot(election: "kw-now", definitionHash: ballotVersion == 2 ? definition.hash : nil, area: row["area"], passKey: try #require(passKeys[pass.hex]),
                                            choices: try JSONDecoder().decode([Choice].self, from: Data((row["choices"] as String).utf8)),
                                            kiosk: kiosk, sequence: UInt64(row["sequence"] as Int64), timeMillis: row["timeMillis"])
                        try db.execute(sql: "UPDATE ballot SET signature = ?, leafHash = ?, version = ? WHERE electionId = 'kw-now' AND kiosk = ? AND sequence = ?",
                                       arguments: [Data(ballot.signature.bytes), Data(ballot.leafHash), ballotVersion, kiosk, Int64(ballot.sequence)])
                        leaves.append(ballot.leafHash)
                    }
                    let tree = MerkleTree(leafHashes: leaves)
                    let checkpoints = try Row.fetchAll(db, sql: "SELECT size, timeMillis, final FROM checkpoint WHERE electionId = 'kw-now' AND kiosk = ?", arguments: [kiosk])
                    try db.execute(sql: "DELETE FROM checkpoint WHERE electionId = 'kw-now' AND kiosk = ?", arguments: [kiosk])
                    for row in checkpoints {
                        let final: Bool = row["final"]
                        let size = final ? leaves.count : Int(row["size"] as Int64)
                        let checkpoint = Checkpoint(logId: "election/kw-now/kiosk/\(kiosk)", size: UInt64(size), root: tree.root(of: 0..<size),
                                                    timeMillis: row["timeMillis"], signedBy: kioskKey)
                        try db.execute(sql: "INSERT INTO checkpoint (electionId, kiosk, size, root, timeMillis, signature, final) VALUES ('kw-now', ?, ?, ?, ?, ?, ?)",
                                       arguments: [kiosk, size, Data(checkpoint.root), checkpoint.timeMillis, Data(checkpoint.signature.bytes), final])
                    }
                }
                // The pre-publication, made again to match (the one observers kept is what catches all of this).
                guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM prePublication") == 1 else { return }
                let old = try JSONDecoder().decode(PrePublication.self, from: Data(try #require(try String.fetchOne(db, sql: "SELECT json FROM prePublication")).utf8))
                let eligible = Dictionary(uniqueKeysWithValues: old.areas.map { ($0.area, $0.eligible) })
                let remade = PrePublication(
                    election: "kw-now", gemeente: definition.gemeente, definitionHash: definition.hash, total: commitment.total, root: commitment.root,
                    areas: areas.map { .init(area: $0.area, eligible: max(eligible[$0.area] ?? 0, $0.count) + eligibleExtra, issued: $0.count) },
                    kiosks: kiosks, publishedAtMillis: old.publishedAtMillis, issuingKey: issuingKey)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                try db.execute(sql: "UPDATE prePublication SET json = ?, fingerprint = ?", arguments: [
                    String(decoding: try encoder.encode(remade), as: UTF8.self) + "\n", remade.fingerprint])
            }
        }
    }

    static func contestProjects(_ object: inout [String: Any], _ edit: (inout [[String: Any]]) -> Void) {
        var contests = object["contests"] as? [[String: Any]] ?? []
        var projects = contests[0]["projects"] as? [[String: Any]] ?? []
        edit(&projects)
        contests[0]["projects"] = projects
        object["contests"] = contests
    }

    static let forgeries: [Forgery] = [
        Forgery(name: "halve a project's cost after the vote") { insider in
            try insider.editDefinition { object in
                contestProjects(&object) { projects in
                    projects[0]["cost_cents"] = (projects[0]["cost_cents"] as? Int ?? 0) / 2
                }
            }
        },
        Forgery(name: "raise the wijk's budget") { insider in
            try insider.editDefinition { object in
                var contests = object["contests"] as? [[String: Any]] ?? []
                contests[0]["budget_cents"] = (contests[0]["budget_cents"] as? Int ?? 0) * 2
                object["contests"] = contests
            }
        },
        Forgery(name: "switch the rule") { insider in
            try insider.editDefinition { object in
                var allocation = object["allocation"] as? [String: Any] ?? [:]
                allocation["rule"] = "greedy-per-euro"
                object["allocation"] = allocation
            }
        },
        Forgery(name: "add a project with no votes") { insider in
            try insider.editDefinition { object in
                contestProjects(&object) { projects in
                    projects.append(["id": "KW-99", "title": "Kunstwerk van de wethouder", "description": "Niemand stemde ervoor.", "cost_cents": 100_000])
                }
            }
        },
        Forgery(name: "issue passes to oneself and vote with them") { insider in
            try insider.addPassesAndVote(5, area: "WK001401", kiosk: "buurthuis", choices: [Choice(project: "KW-04", value: 1)])
            insider.eligibleExtra = 5
        },
        Forgery(name: "raise the eligible counts") { insider in
            insider.eligibleExtra = 250
        },
        Forgery(name: "replace a kiosk's key") { insider in
            insider.kioskKeys["buurthuis"] = SigningKey()
        },
        Forgery(name: "leave the pre-publication out of the record and raise a budget") { insider in
            try insider.store.write { db in try db.execute(sql: "DELETE FROM prePublication") }
            try insider.editDefinition { object in
                var contests = object["contests"] as? [[String: Any]] ?? []
                contests[0]["budget_cents"] = (contests[0]["budget_cents"] as? Int ?? 0) + 1
                object["contests"] = contests
            }
        },
        Forgery(name: "downgrade to format 1 (v1 ballots, no pre-publication)") { insider in
            insider.ballotVersion = 1
        },
    ]

    /// A copy of the store forged by `forgery` and re-signed, exported as a record.
    static func forge(_ published: Published, _ forgery: Forgery, name: String) throws -> URL {
        let cli = published.cli
        #expect(try cli.run("store", "copy", "--to", "\(name).sqlite").status == 0)
        let store = try Store.open(path: cli.directory.appendingPathComponent("\(name).sqlite").path)
        let passphrase = Passphrase(environment: cli.environment, interactive: false)
        // The issuing key file lies next to the original database (its default place).
        let original = try Store.open(path: cli.directory.appendingPathComponent("buurtstem.sqlite").path)
        let keyFile = try #require(try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).first { $0.hasSuffix("issuing.key") })
        let issuingKey = try ChequeKeys.issuingKey(store: original, path: nil, passphrase: passphrase)
        var kioskKeys: [String: SigningKey] = [:]
        for kiosk in try store.kiosks(election: "kw-now") {
            kioskKeys[kiosk.name] = try KeyFile.unseal(kiosk.keyFile, passphrase: passphrase)
        }
        var passKeys: [String: SigningKey] = [:]
        for code in published.codes {
            let key = PassToken.passKey(secret: try TypeableCode(parsing: code, format: .stempas).bytes)
            passKeys[key.publicKey.hex] = key
        }
        let insider = Insider(store: store, issuingKey: issuingKey, kioskKeys: kioskKeys, passKeys: passKeys)
        try forgery.change(insider)
        try insider.resign()
        let exported = try cli.run("record", "export", "--election", "kw-now", "--db", "\(name).sqlite", "--key", keyFile, "--out", name)
        #expect(exported.status == 0, "\(exported.stderr)")
        return cli.directory.appendingPathComponent(name)
    }

    static func warnings(_ report: [String: Any]) -> [String] { report["warnings"] as? [String] ?? [] }

    @Test("the honest record passes pinned by folder and by fingerprint, with no warning; unpinned it warns loudly")
    func honestRecord() throws {
        let published = try Self.published()
        let cli = published.cli
        let (status, failed, report) = try RecordTamperTests.verify(cli, published.record)
        #expect(status == 0, "\(failed)")
        #expect(report["format"] as? String == "buurtstem-record/2")
        #expect(Self.warnings(report).contains { $0.hasPrefix("NOTHING WAS PINNED") })
        for pin in [["--pinned", published.prePublication.path], ["--fingerprint", published.fingerprint.lowercased()]] {
            let (status, failed, report) = try RecordTamperTests.verify(cli, published.record, options: pin + ["--checkpoint", published.observed.path])
            #expect(status == 0, "\(pin): \(failed)")
            #expect(Self.warnings(report).isEmpty, "\(pin): \(Self.warnings(report))")
            #expect(report["pinnedFingerprint"] as? String == published.fingerprint)
            let checks = (report["checks"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(checks.contains("pinned pre-publication") && checks.contains("observer checkpoints") && checks.contains("pre-publication"))
        }
        let text = try cli.run([published.record.path], tool: "buurtstem-verify")
        #expect(text.status == 0)
        #expect(text.stdout.contains("WARNING: NOTHING WAS PINNED") && text.stdout.contains("but see the warning above: NOTHING WAS PINNED."))
        // Publishing again writes the same pre-publication; a kiosk can no longer be added.
        let again = try cli.run("election", "publish", "--election", "kw-now", "--out", "prepub-again", "--json")
        #expect(again.status != 0 && again.stderr.contains("before the polls open"), "\(again.stderr)")
    }

    @Test("each forgery re-signed with all the gemeente's keys passes unpinned (with the warning) and fails the pinned pre-publication", arguments: forgeries)
    func forgeryCaught(_ forgery: Forgery) throws {
        let published = try Self.published()
        let forged = try Self.forge(published, forgery, name: "forged")
        let cli = published.cli
        let (status, failed, report) = try RecordTamperTests.verify(cli, forged)
        #expect(status == 0, "\(forgery.name): the insider's re-signing is incomplete, so this test proves nothing: \(failed)")
        #expect(Self.warnings(report).contains { $0.hasPrefix("NOTHING WAS PINNED") })
        for pin in [["--pinned", published.prePublication.path], ["--fingerprint", published.fingerprint]] {
            let (status, failed, _) = try RecordTamperTests.verify(cli, forged, options: pin)
            #expect(status == 1, "\(forgery.name) \(pin[0]): not caught")
            #expect(failed["pinned pre-publication"] != nil, "\(forgery.name) \(pin[0]): \(failed)")
        }
    }

    @Test("a pinned folder names what was changed in the definition")
    func changeNamed() throws {
        let published = try Self.published()
        let forged = try Self.forge(published, Self.forgeries[0], name: "forged")
        let (_, failed, _) = try RecordTamperTests.verify(published.cli, forged, "--pinned", published.prePublication.path)
        #expect(failed["pinned pre-publication"]?.contains { $0.contains("project KW-01's cost (cents) was") } == true, "\(failed)")
    }

    @Test("a log rewritten after an observer saved a checkpoint fails 'observer checkpoints', even with every checkpoint re-signed")
    func observerCheckpoint() throws {
        let published = try Self.published()
        let forged = try Self.forge(published, Forgery(name: "change a vote") { insider in
            try insider.store.write { db in
                try db.execute(sql: "UPDATE ballot SET choices = ? WHERE electionId = 'kw-now' AND kiosk = 'bibliotheek' AND sequence = 1",
                               arguments: [#"[{"project":"KW-04","value":1}]"#])
            }
        }, name: "forged")
        let (status, failed, _) = try RecordTamperTests.verify(published.cli, forged, "--checkpoint", published.observed.path)
        #expect(status == 1)
        #expect(failed["observer checkpoints"]?.first?.contains("not consistent with the checkpoint it signed at 4 ballots") == true, "\(failed)")
    }

    @Test("a bad pin gets a clear error and exit 64: a missing or altered folder, a mistyped fingerprint, an unreadable checkpoint")
    func badPins() throws {
        let published = try Self.published()
        let cli = published.cli
        let missing = try cli.run([published.record.path, "--pinned", "nowhere"], tool: "buurtstem-verify")
        #expect(missing.status == 64 && missing.stderr.contains("prepublication.json cannot be read"), "\(missing.stderr)")
        let itself = try cli.run([published.record.path, "--pinned", published.record.path], tool: "buurtstem-verify")
        #expect(itself.status == 64 && itself.stderr.contains("is a published record"), "\(itself.stderr)")
        var typo = Array(published.fingerprint)
        typo[0] = typo[0] == "7" ? "8" : "7"
        let mistyped = try cli.run([published.record.path, "--fingerprint", String(typo)], tool: "buurtstem-verify")
        #expect(mistyped.status == 64 && mistyped.stderr.contains("typing error"), "\(mistyped.stderr)")
        let file = published.prePublication.appendingPathComponent("prepublication.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "\"eligible\" : ", with: "\"eligible\" : 1").write(to: file, atomically: true, encoding: .utf8)
        let altered = try cli.run([published.record.path, "--pinned", published.prePublication.path], tool: "buurtstem-verify")
        #expect(altered.status == 64 && altered.stderr.contains("signature does not match"), "\(altered.stderr)")
        let checkpoint = try cli.run([published.record.path, "--checkpoint", file.deletingLastPathComponent().appendingPathComponent("kiosks.json").path],
                                     tool: "buurtstem-verify")
        #expect(checkpoint.status == 64 && checkpoint.stderr.contains("is not a checkpoint"), "\(checkpoint.stderr)")
    }

    @Test("ballots sign the definition hash: an insider without the pass codes who changes the definition fails 'ballot signatures', pinned or not")
    func ballotsBound() throws {
        let published = try Self.published()
        let forged = try Self.forge(published, Forgery(name: "halve a cost, ballots untouched") { insider in
            insider.resignBallots = false
            try Self.forgeries[0].change(insider)
        }, name: "forged")
        let (status, failed, report) = try RecordTamperTests.verify(published.cli, forged)
        #expect(status == 1)
        #expect(report["format"] as? String == "buurtstem-record/2")
        #expect(failed["ballot signatures"]?.count == 7, "\(failed)")
    }

    @Test("a published format 1 record still verifies, reported as not bound to a pre-publication; pinned, it fails")
    func formatOne() throws {
        let cli = try CLI.inTemporaryDirectory()
        let record = URL(fileURLWithPath: CLI.shipped("TestVectors/election-small/record"))
        let (status, failed, report) = try RecordTamperTests.verify(cli, record)
        #expect(status == 0, "\(failed)")
        #expect(report["format"] as? String == "buurtstem-record/1")
        #expect(Self.warnings(report).contains { $0.hasPrefix("format 1: not bound to a pre-publication") })
        let text = try cli.run([record.path], tool: "buurtstem-verify")
        #expect(text.status == 0 && text.stdout.contains("WARNING: format 1: not bound to a pre-publication"))
        let fingerprint = TypeableCode(bytes: [UInt8](repeating: 7, count: Fingerprint.byteCount), format: Fingerprint.format).formatted
        let (pinnedStatus, pinnedFailed, _) = try RecordTamperTests.verify(cli, record, "--fingerprint", fingerprint)
        #expect(pinnedStatus == 1 && pinnedFailed["pinned pre-publication"] != nil, "\(pinnedFailed)")
    }

    @Test("election publish: after issuance and before the polls open, once (the same fingerprint again), and no kiosk after it")
    func publishRules() throws {
        let cli = try CLI.inTemporaryDirectory()
        try cli.run("init", "--gemeente", "Groningen", "--code", "GM0014")
        try cli.run("areas", "import", CLI.shipped("Examples/groningen/areas.csv"))
        try cli.run("register", "import", CLI.shipped("Examples/groningen/households.csv"))
        let text = try String(contentsOfFile: CLI.shipped("Ballots/wijkstemdag-korrewegwijk-2026.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "\nid: ", with: "\nid: kw-pub\n# was: ")
        try text.write(to: cli.directory.appendingPathComponent("pub.yaml"), atomically: true, encoding: .utf8)
        let created = try cli.run("election", "create", "pub.yaml")
        #expect(created.status == 0, "\(created.stderr)")
        let early = try cli.run("election", "publish", "--election", "kw-pub", "--out", "early")
        #expect(early.status != 0 && early.stderr.contains("have not been issued"), "\(early.stderr)")
        #expect(try cli.run("stempas", "issue", "--election", "kw-pub", "--print-to", "print").status == 0)
        let noKiosk = try cli.run("election", "publish", "--election", "kw-pub", "--out", "early")
        #expect(noKiosk.status != 0 && noKiosk.stderr.contains("has no kiosk"), "\(noKiosk.stderr)")
        #expect(try cli.run("kiosk", "add", "--election", "kw-pub", "--name", "bibliotheek").status == 0)
        let first = try cli.run("election", "publish", "--election", "kw-pub", "--out", "prepub")
        #expect(first.status == 0 && first.stdout.contains("Fingerprint: ") && first.stdout.contains("eligible in the register snapshot"), "\(first.stderr)")
        let again = try cli.run("election", "publish", "--election", "kw-pub", "--out", "prepub-2", "--json")
        let summary = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
        let fingerprint = try #require(summary?["fingerprint"] as? String)
        #expect(summary?["new"] as? Bool == false && first.stdout.contains(fingerprint))
        let copy1 = try Data(contentsOf: cli.directory.appendingPathComponent("prepub/prepublication.json"))
        let copy2 = try Data(contentsOf: cli.directory.appendingPathComponent("prepub-2/prepublication.json"))
        #expect(copy1 == copy2)
        let published = try JSONSerialization.jsonObject(with: copy1) as? [String: Any]
        let areas = published?["areas"] as? [[String: Any]] ?? []
        #expect(!areas.isEmpty && areas.allSatisfy { ($0["eligible"] as? Int ?? -1) >= ($0["issued"] as? Int ?? 0) && ($0["issued"] as? Int ?? 0) > 0 })
        let late = try cli.run("kiosk", "add", "--election", "kw-pub", "--name", "buurthuis")
        #expect(late.status != 0 && late.stderr.contains("was pre-published"), "\(late.stderr)")
    }

    @Test("an observer's checkpoint that no kiosk of the record signed, or of a log the record lacks, fails 'observer checkpoints'")
    func foreignCheckpoints() throws {
        let published = try Self.published()
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: published.observed)) as? [String: Any] ?? [:]
        let signature = object["signature"] as? String ?? ""
        object["signature"] = (signature.first == "0" ? "1" : "0") + signature.dropFirst()
        let damaged = published.cli.directory.appendingPathComponent("damaged.json")
        try JSONSerialization.data(withJSONObject: object).write(to: damaged)
        object["log_id"] = "election/other/kiosk/bibliotheek"
        let foreign = published.cli.directory.appendingPathComponent("foreign.json")
        try JSONSerialization.data(withJSONObject: [object]).write(to: foreign)
        let (status, failed, _) = try RecordTamperTests.verify(published.cli, published.record, "--checkpoint", damaged.path, "--checkpoint", foreign.path)
        #expect(status == 1)
        let messages = failed["observer checkpoints"] ?? []
        #expect(messages.count == 2 && messages[0].contains("is not signed by kiosk bibliotheek's registered key")
                && messages[1].contains("which is no kiosk log of this record"), "\(messages)")
    }
}
