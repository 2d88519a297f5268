import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

/// Issue 16: `buurtstem-verify` on a secret election's record (format 3). One record is made through the CLI
/// (2-of-3 trustees, pre-published, two kiosks and a second location with a void, an interim checkpoint, one
/// counted ballot whose plaintext is no valid ballot, two mix stages, trustees 1 and 3 decrypt); it passes every
/// named check. Each tampering is made on a copy, with the index signed again by the gemeente's own key (an
/// insider: the file digests then match), and must be caught by the named check.
@Suite("buurtstem-verify on a secret election's record")
struct SecretRecordVerifyTests {
    /// The record and what was needed to make it.
    struct Fixture {
        let cli: CLI
        let record: URL
        let keys: URL
        let codes: [String]
        let receipts: [String]
        let fingerprint: String
    }

    static let id = "kw-secret"
    static let shared = Result { try makeFixture() }

    static func fixture() throws -> Fixture { try shared.get() }

    /// The pass key of the stempas code `code`, as the kiosk derives it.
    static func passKey(_ code: String) throws -> SigningKey {
        PassToken.passKey(secret: try TypeableCode(parsing: code, format: .stempas).bytes)
    }

    static func makeFixture() throws -> Fixture {
        let keys = try SecretElectionCommandTests.trusteeKeys()
        let secretBlock = "secret_ballot:\n  election_key: \(keys.appendingPathComponent("election-key.json").path)\n"
        let (cli, codes) = try StemdagCommandTests.prepared(id: id, edit: { $0 + "\n" + secretBlock })
        let published = try cli.run("election", "publish", "--election", id, "--out", "prepub", "--json")
        #expect(published.status == 0, "\(published.stderr)")
        let fingerprint = try #require((try JSONSerialization.jsonObject(with: Data(published.stdout.utf8)) as? [String: Any])?["fingerprint"] as? String)
        #expect(try cli.run("store", "copy", "--to", "location2.sqlite").status == 0)
        for db in ["buurtstem.sqlite", "location2.sqlite"] {
            #expect(try cli.run("polls", "open", "--election", id, "--db", db).status == 0)
        }
        // The last household's letter came back damaged: its pass is revoked and replaced at the desk, so the record
        // has replacements.json. The second location's store was copied before: it takes the revoked pass below, and
        // that ballot must be void (pass_revoked), not mixed and not counted.
        let csv = try String(contentsOf: cli.directory.appendingPathComponent("print/stempassen.csv"), encoding: .utf8)
        let households = csv.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        let replaced = try cli.run("stempas", "replace", "--election", id, "--household", households[codes.count - 1],
                                   "--revoke-code", codes[codes.count - 1], "--print-to", "vervanging")
        #expect(replaced.status == 0, "\(replaced.stderr)")
        let choices = ["KW-01,KW-05", "KW-02", "KW-03,KW-05,KW-06", "KW-05", "KW-01,KW-04", "KW-02,KW-03", "KW-06"]
        var receipts: [String] = []
        for index in 0..<6 {
            let voted = try cli.run("vote", "--election", id, "--kiosk", "bibliotheek", "--pass", codes[index], "--choices", choices[index], "--json")
            #expect(voted.status == 0, "\(voted.stderr)")
            // Ballot 5 is replaced below (its receipt is then no longer the record's).
            if index < 5 { receipts.append((try JSONSerialization.jsonObject(with: Data(voted.stdout.utf8)) as? [String: Any])?["trackingCode"] as? String ?? "") }
            if index == 4 { #expect(try cli.run("kiosk", "checkpoint", "--election", id, "--kiosk", "bibliotheek").status == 0) }
        }
        #expect(try cli.run("vote", "--db", "location2.sqlite", "--election", id, "--kiosk", "buurthuis", "--pass", codes[6], "--choices", choices[6]).status == 0)
        #expect(try cli.run("vote", "--db", "location2.sqlite", "--election", id, "--kiosk", "buurthuis", "--pass", codes[0], "--choices", "KW-04").status == 0)
        #expect(try cli.run("vote", "--db", "location2.sqlite", "--election", id, "--kiosk", "buurthuis", "--pass", codes[codes.count - 1],
                            "--choices", "KW-03").status == 0)
        try castInvalidPlaintext(cli, code: codes[5])
        #expect(try cli.run("polls", "close", "--election", id, "--kiosk", "bibliotheek").status == 0)
        #expect(try cli.run("polls", "close", "--election", id, "--kiosk", "buurthuis", "--db", "location2.sqlite").status == 0)
        #expect(try cli.run("polls", "merge", "--election", id, "--from", "location2.sqlite").status == 0)
        #expect(try cli.run("mix", "--election", id, "--out", "stage-1.json").status == 0)
        #expect(try cli.run("mix", "--election", id, "--out", "stage-2.json").status == 0)
        for trustee in [1, 3] {
            let decrypted = try SecretElectionCommandTests.decrypt(cli, trustee: trustee, stage: "stage-2.json", keys: keys)
            #expect(decrypted.status == 0, "\(decrypted.stderr)")
        }
        let combined = try cli.run("decrypt", "combine", "--election", id, "--shares", "shares-1.json", "shares-3.json")
        #expect(combined.status == 0 && combined.stdout.contains("6 valid ballot(s), 1 invalid"), "\(combined.stdout) \(combined.stderr)")
        let exported = try cli.run("record", "export", "--election", id, "--out", "record")
        #expect(exported.status == 0, "\(exported.stderr)")
        return Fixture(cli: cli, record: cli.directory.appendingPathComponent("record"), keys: keys, codes: codes, receipts: receipts,
                       fingerprint: fingerprint)
    }

    /// Replaces the last bibliotheek ballot (sequence 5, before any checkpoint includes it) in the store by a
    /// well-formed one whose plaintext is no valid ballot (a project twice): its pass signs it and its proof holds,
    /// so it is mixed, and only its decryption shows it invalid. The store's leaf hash follows, so the kiosk's
    /// checkpoints cover it.
    static func castInvalidPlaintext(_ cli: CLI, code: String) throws {
        let store = try Store.open(path: cli.directory.appendingPathComponent("buurtstem.sqlite").path)
        let election = try SecretElection(id, store: store)
        let cast = try #require(try election.ballots(kiosk: "bibliotheek").last)
        #expect(cast.sequence == 5)
        let key = try passKey(code)
        let bytes = ChoiceBytes.encode([Choice(project: "KW-01", value: 1), Choice(project: "KW-01", value: 1)])
        let points = try PlaintextEncoding.encode(bytes, width: election.secret.width)
        let encryption = ProvenEncryption.encrypt(points, publicKey: election.secret.publicKey,
                                                  context: EncryptedBallot.encryptionContext(definitionHash: election.definition.hash, pass: key.publicKey))
        let ballot = EncryptedBallot(election: id, definitionHash: election.definition.hash, area: cast.area, passKey: key, encryption: encryption,
                                     kiosk: "bibliotheek", sequence: 5)
        let ciphertexts = Hex.encode(encryption.ciphertexts.flatMap(\.bytes))
        let proof = Hex.encode(encryption.proof.challenge.bytes + encryption.proof.responses.flatMap(\.bytes))
        try SecretElectionCommandTests.sqlite(cli, """
            UPDATE encryptedBallot SET ciphertexts = X'\(ciphertexts)', proof = X'\(proof)' WHERE kiosk = 'bibliotheek' AND sequence = 5;
            UPDATE ballot SET signature = X'\(Hex.encode(ballot.signature.bytes))', leafHash = X'\(Hex.encode(ballot.leafHash))' WHERE kiosk = 'bibliotheek' AND sequence = 5;
            """)
    }

    // MARK: - Changing a copy

    /// A copy of the record, changed by `change`, with the index signed again by the gemeente's issuing key over
    /// the new files' digests (an insider: only the checks of the content can catch the change).
    static func tampered(_ change: (URL) throws -> Void) throws -> (Fixture, URL) {
        let fixture = try Self.fixture()
        let folder = fixture.cli.directory.appendingPathComponent("tampered-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixture.record, to: folder)
        try change(folder)
        try resign(fixture.cli, folder)
        return (fixture, folder)
    }

    /// The gemeente's issuing key, from the store of `cli`.
    static func issuingKey(_ cli: CLI) throws -> SigningKey {
        let store = try Store.open(path: cli.directory.appendingPathComponent("buurtstem.sqlite").path)
        return try ChequeKeys.issuingKey(store: store, path: nil, passphrase: Passphrase(environment: cli.environment, interactive: false))
    }

    /// Signs `folder`'s index again over the current digests of the files it lists.
    static func resign(_ cli: CLI, _ folder: URL) throws {
        let url = folder.appendingPathComponent("record.json")
        let index = try JSONDecoder().decode(RecordIndex.self, from: Data(contentsOf: url))
        let files = try index.files.map { RecordIndex.FileDigest(name: $0.name, sha256: SHA.sha256([UInt8](try Data(contentsOf: folder.appendingPathComponent($0.name))))) }
        let signed = RecordIndex(format: index.format, kind: index.kind, election: index.election, gemeente: index.gemeente,
                                 gemeenteName: index.gemeenteName, files: files, issuingKey: try issuingKey(cli))
        try JSONEncoder().encode(signed).write(to: url)
    }

    /// The JSON object of file `name` in `folder`, changed by `change` and written back with sorted keys.
    static func editJSON(_ folder: URL, _ name: String, _ change: (inout [String: Any]) throws -> Void) throws {
        let url = folder.appendingPathComponent(name)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        try change(&object)
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: url)
    }

    /// The lines of `.jsonl` file `name` in `folder` as objects, changed by `change` and written back.
    static func editLines(_ folder: URL, _ name: String, _ change: (inout [[String: Any]]) throws -> Void) throws {
        let url = folder.appendingPathComponent(name)
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        try change(&lines)
        let text = try lines.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self) + "\n" }
        try Data(text.joined().utf8).write(to: url)
    }

    /// The first area's shuffle of a stage file, as an object.
    static func editShuffle(_ folder: URL, stage: Int, _ change: (inout [String: Any]) -> Void) throws {
        try editJSON(folder, "mix/stage-\(stage).json") { file in
            var areas = file["areas"] as? [[String: Any]] ?? []
            change(&areas[0])
            file["areas"] = areas
        }
    }

    /// The first area's share of trustee `trustee`, as an object.
    static func editShare(_ folder: URL, trustee: Int, _ change: (inout [String: Any]) -> Void) throws {
        try editJSON(folder, "decryption/trustee-\(trustee).json") { file in
            var areas = file["areas"] as? [[String: Any]] ?? []
            change(&areas[0])
            file["areas"] = areas
        }
    }

    /// Verifies `folder` and expects exit 1 with `check` among the failed checks, one of its failures containing
    /// `message`; returns the failures per check.
    @discardableResult
    static func expectCaught(_ cli: CLI, _ folder: URL, check: String, message: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: [String]] {
        let (status, failed, _) = try RecordTamperTests.verify(cli, folder)
        #expect(status == 1, sourceLocation: sourceLocation)
        #expect(failed[check]?.contains { $0.contains(message) } == true, "\(failed)", sourceLocation: sourceLocation)
        #expect(failed["files"] == nil, "the index was signed again over the changed files: \(failed)", sourceLocation: sourceLocation)
        return failed
    }

    // MARK: - The genuine record

    @Test("a genuine secret record passes every named check, pinned by its fingerprint and with the issuing key")
    func genuinePasses() throws {
        let fixture = try Self.fixture()
        let key = try JSONDecoder().decode(RecordIndex.self, from: Data(contentsOf: fixture.record.appendingPathComponent("record.json"))).issuingPublicKey.hex
        for options in [["--issuing-key", key, "--fingerprint", fixture.fingerprint], ["--pinned", fixture.cli.directory.appendingPathComponent("prepub").path]] {
            let (status, failed, report) = try RecordTamperTests.verify(fixture.cli, fixture.record, options: options)
            #expect(status == 0 && failed.isEmpty, "\(failed)")
            #expect(report["format"] as? String == "buurtstem-record/3")
            let checks = report["checks"] as? [[String: Any]] ?? []
            let ran = Dictionary(checks.map { ($0["name"] as? String ?? "", $0) }) { first, _ in first }
            for name in ["files", "definition", "issued passes", "kiosks", "ballot signatures", "ballot passes", "ballot proofs", "logs and checkpoints",
                         "voids", "election key", "mix shuffles", "decryption shares", "decoded ballots", "counts", "result signature", "allocation",
                         "pinned pre-publication", "replaced passes"] {
                #expect(ran[name] != nil && ran[name]?["notRun"] == nil, "\(name): \(ran[name] ?? [:])")
            }
            #expect(ran["ballot validity"] == nil, "a secret ballot's validity is known only after decryption (decoded ballots)")
            #expect((ran["mix shuffles"]?["items"] as? Int) == 2 && (ran["decryption shares"]?["items"] as? Int) == 2
                    && (ran["decoded ballots"]?["items"] as? Int) == 7 && (ran["ballot proofs"]?["items"] as? Int) == 9, "\(checks)")
        }
        let text = try fixture.cli.run([fixture.record.path], tool: "buurtstem-verify")
        #expect(text.status == 0 && text.stdout.contains("mix shuffles") && text.stdout.contains("decoded ballots"), "\(text.stdout)")
        // 7 counted ballots, 6 valid once decrypted: ballots_counted is the valid ones.
        let result = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture.record.appendingPathComponent("result.json"))) as? [String: Any]
        #expect(((result?["contests"] as? [[String: Any]])?.first?["ballots_counted"] as? Int) == 6)
        // A reuse (pass 0 at the buurthuis) and the revoked pass's ballot (buurthuis #2), not mixed: 7 decoded, not 8.
        let voids = result?["voids"] as? [[String: Any]] ?? []
        #expect(voids.count == 2 && voids.last?["kiosk"] as? String == "buurthuis" && voids.last?["sequence"] as? Int == 2
                && voids.last?["reason"] as? String == "pass_revoked" && voids.first?["reason"] == nil, "\(voids)")
    }

    @Test("the revoked pass's encrypted ballot: its receipt is in the record but void because the pass was revoked; its pass check says so")
    func revokedPassReceipt() throws {
        let fixture = try Self.fixture()
        let key = try JSONDecoder().decode(RecordIndex.self, from: Data(contentsOf: fixture.record.appendingPathComponent("record.json"))).issuingPublicKey.hex
        let revoked = fixture.codes[fixture.codes.count - 1]
        let pass = try fixture.cli.run("pass", "check", "--record", fixture.record.path, "--pass", revoked, "--issuing-key", key, "--json")
        #expect(pass.status == 0, "\(pass.stderr)")
        let answer = try JSONSerialization.jsonObject(with: Data(pass.stdout.utf8)) as? [String: Any]
        let uses = answer?["uses"] as? [[String: Any]] ?? []
        #expect(answer?["revoked"] as? Bool == true && uses.count == 1 && uses.first?["counted"] as? Bool == false, "\(pass.stdout)")
        let code = try #require(uses.first?["trackingCode"] as? String)
        let receipt = try fixture.cli.run("receipt", "check", "--record", fixture.record.path, "--receipt", code, "--issuing-key", key)
        #expect(receipt.status == 3 && receipt.stdout.contains("ingetrokken"), "\(receipt.stdout) \(receipt.stderr)")
    }

    @Test("result.json that counts the revoked pass (its void dropped, signed again) fails the voids; a reuse relabelled as revoked fails too")
    func revokedPassCounted() throws {
        let fixture = try Self.fixture()
        let issuingKey = try Self.issuingKey(fixture.cli)
        func forged(_ change: @escaping ([ElectionResult.VoidEntry]) -> [ElectionResult.VoidEntry]) throws -> URL {
            try Self.tampered { folder in
                let url = folder.appendingPathComponent("result.json")
                let result = try JSONDecoder().decode(ElectionResult.self, from: Data(contentsOf: url))
                try JSONEncoder().encode(ElectionResult(election: result.election, definitionHash: result.definitionHash.bytes, issuedRoot: result.issuedRoot.bytes,
                                                        logs: result.logs, voids: change(result.voids), contests: result.contests, issuingKey: issuingKey)).write(to: url)
            }.1
        }
        let counted = try forged { $0.filter { $0.reason != .passRevoked } }
        let failed = try Self.expectCaught(fixture.cli, counted, check: "voids", message: "was cast with a pass revoked at the desk")
        #expect(failed["result signature"] == nil, "\(failed)")
        let relabelled = try forged { $0.map { $0.reason == .passUsedBefore ? .init(revokedKiosk: $0.kiosk, sequence: $0.sequence) : $0 } }
        try Self.expectCaught(fixture.cli, relabelled, check: "voids", message: "is listed as void because its pass was revoked, but it is void because its pass voted earlier")
    }

    @Test("receipts prove inclusion of the encrypted ballot and say the record does not show its choices; a void one exits 3")
    func receipts() throws {
        let fixture = try Self.fixture()
        let key = try JSONDecoder().decode(RecordIndex.self, from: Data(contentsOf: fixture.record.appendingPathComponent("record.json"))).issuingPublicKey.hex
        for receipt in fixture.receipts {
            let checked = try fixture.cli.run("receipt", "check", "--record", fixture.record.path, "--receipt", receipt, "--issuing-key", key)
            #expect(checked.status == 0, "\(checked.stdout) \(checked.stderr)")
            #expect(checked.stdout.contains("neither the record nor this receipt shows your choices") && !checked.stdout.contains("KW-"), "\(checked.stdout)")
        }
        // Pass 0 voted at the bibliotheek and again at the buurthuis: the second use is void.
        let pass = try fixture.cli.run("pass", "check", "--record", fixture.record.path, "--pass", fixture.codes[0], "--issuing-key", key, "--json")
        #expect(pass.status == 0, "\(pass.stderr)")
        let answer = try JSONSerialization.jsonObject(with: Data(pass.stdout.utf8)) as? [String: Any]
        let uses = answer?["uses"] as? [[String: Any]] ?? []
        #expect(answer?["encrypted"] as? Bool == true && uses.count == 2 && uses.first?["kiosk"] as? String == "bibliotheek", "\(pass.stdout)")
        let voidCode = try #require(uses.last?["trackingCode"] as? String)
        let void = try fixture.cli.run("receipt", "check", "--record", fixture.record.path, "--receipt", voidCode, "--issuing-key", key)
        #expect(void.status == 3 && void.stdout.contains("VOID"), "\(void.stdout) \(void.stderr)")
        let text = try fixture.cli.run("pass", "check", "--record", fixture.record.path, "--pass", fixture.codes[0], "--issuing-key", key)
        #expect(text.stdout.contains("does not show its choices"), "\(text.stdout)")
    }

    // MARK: - Tampering, each caught by its check

    @Test("a changed ciphertext in a ballot fails its signature and its proof")
    func changedCiphertext() throws {
        let (fixture, folder) = try Self.tampered { folder in
            try Self.editLines(folder, "ballots/bibliotheek.jsonl") { lines in
                var ciphertexts = lines[1]["ciphertexts"] as? [String] ?? []
                ciphertexts[0] = (lines[2]["ciphertexts"] as? [String] ?? [])[0]
                lines[1]["ciphertexts"] = ciphertexts
            }
        }
        let failed = try Self.expectCaught(fixture.cli, folder, check: "ballot signatures", message: "ballot 1: the signature does not match")
        #expect(failed["ballot proofs"]?.contains { $0.contains("ballot 1: the proof of knowledge") } == true, "\(failed)")
    }

    @Test("a ballot whose ciphertexts and proof are copied from another pass's ballot, signed by its own pass, fails its proof")
    func copiedProof() throws {
        let fixture = try Self.fixture()
        let key = try Self.passKey(fixture.codes[2])
        let (_, folder) = try Self.tampered { folder in
            try Self.editLines(folder, "ballots/bibliotheek.jsonl") { lines in
                for field in ["ciphertexts", "challenge", "responses"] { lines[2][field] = lines[1][field] }
                let line = try JSONSerialization.data(withJSONObject: lines[2], options: [.sortedKeys])
                let hash = try JSONDecoder().decode(DefinitionFile.self, from: Data(contentsOf: folder.appendingPathComponent("definition.json"))).definition.hash
                let text = try JSONDecoder().decode(EncryptedBallotLine.self, from: line)
                let copied = try text.ballot(election: Self.id, definitionHash: hash, kiosk: "bibliotheek").get()
                let resigned = EncryptedBallot(election: Self.id, definitionHash: hash, area: copied.area, passKey: key, encryption: copied.encryption,
                                               kiosk: "bibliotheek", sequence: copied.sequence)
                lines[2]["signature"] = Hex.encode(resigned.signature.bytes)
            }
        }
        let failed = try Self.expectCaught(fixture.cli, folder, check: "ballot proofs", message: "ballot 2: the proof of knowledge")
        #expect(failed["ballot signatures"] == nil, "its own pass signed it: \(failed)")
    }

    @Test("a changed output row in stage 2 fails stage 2's shuffle proof")
    func changedStageOutput() throws {
        let (fixture, folder) = try Self.tampered { folder in
            try Self.editShuffle(folder, stage: 2) { area in
                var outputs = area["outputs"] as? [[String]] ?? []
                outputs[0][0] = outputs[1][0]
                area["outputs"] = outputs
            }
        }
        let failed = try Self.expectCaught(fixture.cli, folder, check: "mix shuffles", message: "stage 2, area")
        #expect(failed["mix shuffles"]?.allSatisfy { !$0.contains("stage 1,") } == true, "\(failed)")
    }

    @Test("two rows of stage 1's output swapped: the proof no longer holds")
    func swappedRows() throws {
        let (fixture, folder) = try Self.tampered { folder in
            try Self.editShuffle(folder, stage: 1) { area in
                var outputs = area["outputs"] as? [[String]] ?? []
                outputs.swapAt(0, 1)
                area["outputs"] = outputs
            }
        }
        try Self.expectCaught(fixture.cli, folder, check: "mix shuffles", message: "stage 1, area")
    }

    @Test("a changed partial in a decryption share fails its proof, and with one share left the count does not run")
    func changedPartial() throws {
        let (fixture, folder) = try Self.tampered { folder in
            try Self.editShare(folder, trustee: 1) { area in
                var partials = area["partials"] as? [String] ?? []
                partials[0] = partials[1]
                area["partials"] = partials
            }
        }
        try Self.expectCaught(fixture.cli, folder, check: "decryption shares", message: "trustee 1's verification key")
        let (_, failed, report) = try RecordTamperTests.verify(fixture.cli, folder)
        #expect(failed["decryption shares"]?.contains { $0.contains("1 valid decryption share(s) and 2 are needed") } == true, "\(failed)")
        let counts = (report["checks"] as? [[String: Any]] ?? []).first { $0["name"] as? String == "counts" }
        #expect(counts?["notRun"] != nil, "no count without a decryption: \(counts ?? [:])")
    }

    @Test("a changed response in a decryption share fails its proof")
    func changedResponse() throws {
        let (fixture, folder) = try Self.tampered { folder in
            try Self.editShare(folder, trustee: 3) { area in area["response"] = area["challenge"] }
        }
        try Self.expectCaught(fixture.cli, folder, check: "decryption shares", message: "trustee 3's verification key")
    }

    @Test("a decoded line whose choices were changed is caught")
    func changedDecodedChoice() throws {
        let (fixture, folder) = try Self.tampered { folder in
            try Self.editLines(folder, "decoded.jsonl") { lines in
                let index = try #require(lines.firstIndex { ($0["choices"] as? [Any])?.count == 1 && ($0["choices"] as? [[String: Any]])?.first?["project"] as? String != "KW-04" })
                lines[index]["choices"] = [["project": "KW-04", "value": 1]]
            }
        }
        let failed = try Self.expectCaught(fixture.cli, folder, check: "decoded ballots", message: "the line says KW-04")
        #expect(Set(failed.keys) == ["decoded ballots"], "the counts follow the verifier's own decryption: \(failed)")
    }

    @Test("a dropped decoded line is caught")
    func droppedDecodedLine() throws {
        let (fixture, folder) = try Self.tampered { folder in
            try Self.editLines(folder, "decoded.jsonl") { lines in lines.removeLast() }
        }
        try Self.expectCaught(fixture.cli, folder, check: "decoded ballots", message: "decoded ballots were dropped")
    }

    @Test("a problem line turned into a valid ballot is caught")
    func problemMadeValid() throws {
        let (fixture, folder) = try Self.tampered { folder in
            try Self.editLines(folder, "decoded.jsonl") { lines in
                let index = try #require(lines.firstIndex { $0["problem"] != nil })
                lines[index]["problem"] = nil
                lines[index]["choices"] = [["project": "KW-01", "value": 1]]
            }
        }
        try Self.expectCaught(fixture.cli, folder, check: "decoded ballots", message: "an invalid ballot was counted as valid")
    }

    @Test("result.json with a changed count, signed again, fails the counts")
    func changedCount() throws {
        let fixture = try Self.fixture()
        let issuingKey = try Self.issuingKey(fixture.cli)
        let (_, folder) = try Self.tampered { folder in
            let url = folder.appendingPathComponent("result.json")
            let result = try JSONDecoder().decode(ElectionResult.self, from: Data(contentsOf: url))
            let contests = result.contests.map { contest in
                ElectionResult.ContestResult(area: contest.area, passesIssued: contest.passesIssued, ballotsCounted: contest.ballotsCounted + 1,
                                             projects: contest.projects, fundedCostCents: contest.fundedCostCents)
            }
            let forged = ElectionResult(election: result.election, definitionHash: result.definitionHash.bytes, issuedRoot: result.issuedRoot.bytes,
                                        logs: result.logs, voids: result.voids, contests: contests, issuingKey: issuingKey)
            try JSONEncoder().encode(forged).write(to: url)
        }
        let failed = try Self.expectCaught(fixture.cli, folder, check: "counts", message: "7 ballots counted in the result, 6 in the valid decoded ballots")
        #expect(failed["result signature"] == nil, "\(failed)")
    }

    @Test("a record whose election-key.json is not the file the definition names fails the election key; the decryption is not checked against it")
    func otherElectionKey() throws {
        let other = try SecretElectionCommandTests.trusteeKeys()
        let (fixture, folder) = try Self.tampered { folder in
            try FileManager.default.removeItem(at: folder.appendingPathComponent("election-key.json"))
            try FileManager.default.copyItem(at: other.appendingPathComponent("election-key.json"), to: folder.appendingPathComponent("election-key.json"))
        }
        try Self.expectCaught(fixture.cli, folder, check: "election key", message: "is not the election_key_sha256 the signed definition names")
        let (_, _, report) = try RecordTamperTests.verify(fixture.cli, folder)
        let checks = Dictionary((report["checks"] as? [[String: Any]] ?? []).map { ($0["name"] as? String ?? "", $0) }) { first, _ in first }
        for name in ["decryption shares", "decoded ballots", "counts", "allocation"] {
            #expect(checks[name]?["notRun"] != nil, "\(name) must not pass on an untrusted key: \(checks[name] ?? [:])")
        }
    }

    @Test("stage and share files are read strictly (an unknown field, upper-case hex, a non-reduced scalar are refused) and wrong lengths fail clearly")
    func strictFiles() throws {
        let cases: [(check: String, message: String, change: (URL) throws -> Void)] = [
            ("mix shuffles", "unknown field 'note'", { try Self.editShuffle($0, stage: 1) { $0["note"] = "x" } }),
            ("mix shuffles", "no field of a shuffle proof", { try Self.editShuffle($0, stage: 2) { area in
                var proof = area["proof"] as? [String: Any] ?? [:]
                proof["extra"] = "x"
                area["proof"] = proof
            } }),
            ("decryption shares", "lower-case hex", { try Self.editShare($0, trustee: 1) { area in area["response"] = (area["response"] as? String ?? "").uppercased() } }),
            ("decryption shares", "canonical scalar", { try Self.editShare($0, trustee: 3) { area in
                area["challenge"] = "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010"
            } }),
            // Claimed lengths that do not match: a clear failure, never a trap.
            ("mix shuffles", "output rows for 7 input rows", { try Self.editShuffle($0, stage: 1) { area in
                area["outputs"] = (area["outputs"] as? [[String]] ?? []) + (area["outputs"] as? [[String]] ?? [])
            } }),
            ("mix shuffles", "s_hat", { try Self.editShuffle($0, stage: 2) { area in
                var proof = area["proof"] as? [String: Any] ?? [:]
                proof["s_hat"] = Array((proof["s_hat"] as? [String] ?? []).prefix(2))
                area["proof"] = proof
            } }),
            ("decryption shares", "partial(s) for", { try Self.editShare($0, trustee: 1) { area in
                area["partials"] = (area["partials"] as? [String] ?? []) + (area["partials"] as? [String] ?? [])
            } }),
        ]
        for item in cases {
            let (fixture, folder) = try Self.tampered(item.change)
            try Self.expectCaught(fixture.cli, folder, check: item.check, message: item.message)
        }
    }

    @Test("an insider with every gemeente key forges the decoded ballots and a matching result, signs everything again: the proofs catch it")
    func insiderForgery() throws {
        let fixture = try Self.fixture()
        let issuingKey = try Self.issuingKey(fixture.cli)
        let (_, folder) = try Self.tampered { folder in
            // Every valid decoded ballot becomes a vote for KW-04 only.
            var forgedLines: [[String: Any]] = []
            try Self.editLines(folder, "decoded.jsonl") { lines in
                for index in lines.indices where lines[index]["choices"] != nil { lines[index]["choices"] = [["project": "KW-04", "value": 1]] }
                forgedLines = lines
            }
            // The result as the forged ballots give it, signed with the gemeente's key.
            let url = folder.appendingPathComponent("result.json")
            let result = try JSONDecoder().decode(ElectionResult.self, from: Data(contentsOf: url))
            let valid = UInt64(forgedLines.filter { $0["choices"] != nil }.count)
            let contests = result.contests.map { contest in
                ElectionResult.ContestResult(area: contest.area, passesIssued: contest.passesIssued, ballotsCounted: valid,
                                             projects: contest.projects.map { .init(id: $0.id, ballots: $0.id == "KW-04" ? valid : 0, points: $0.id == "KW-04" ? valid : 0,
                                                                                   funded: $0.id == "KW-04") },
                                             fundedCostCents: contest.fundedCostCents)
            }
            try JSONEncoder().encode(ElectionResult(election: result.election, definitionHash: result.definitionHash.bytes, issuedRoot: result.issuedRoot.bytes,
                                                    logs: result.logs, voids: result.voids, contests: contests, issuingKey: issuingKey)).write(to: url)
        }
        let failed = try Self.expectCaught(fixture.cli, folder, check: "decoded ballots", message: "the shares decrypt to")
        #expect(failed["counts"] != nil && failed["result signature"] == nil && failed["mix shuffles"] == nil, "\(failed)")
    }
}

extension SecretRecordVerifyTests {
    @Test("docs/record.md's table of a secret election's checks lists exactly the checks its report has, in order")
    func documentedChecks() throws {
        let fixture = try Self.fixture()
        let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/record.md")
        let lines = try String(contentsOf: page, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0 == "### Checks of a secret election" })
        var documented: [String] = []
        for line in lines[(start + 1)...] {
            if line.hasPrefix("#") { break }
            guard line.hasPrefix("| `"), let close = line.dropFirst(3).firstIndex(of: "`") else { continue }
            documented.append(String(line[line.index(line.startIndex, offsetBy: 3)..<close]))
        }
        let (_, _, report) = try RecordTamperTests.verify(fixture.cli, fixture.record)
        let reported = (report["checks"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            .filter { !["pre-publication", "pinned pre-publication", "observer checkpoints", "pabulib export", "replaced passes"].contains($0) }
        #expect(documented.count >= 16 && documented == reported, "\(documented) \(reported)")
    }
}
