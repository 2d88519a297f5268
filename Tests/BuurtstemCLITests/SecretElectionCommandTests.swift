import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

/// A secret election (issue 16) from the definition to the record, through the CLI: encrypted votes at two kiosks
/// and on paper, a pass used at two locations (void), two mix stages, decryption by trustees 1 and 3 of 2-of-3,
/// and the same outcome as a public election with the same choices.
@Suite("Secret elections from the definition to the record")
struct SecretElectionCommandTests {
    static let passphrase = "cli test passphrase"

    /// A 2-of-3 election key made with the library (Shamir shares of a random key, as the ceremony's outcome would
    /// be): `election-key.json` and the three sealed share key files, in a fresh folder.
    static func trusteeKeys() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("buurtstem-trustees-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (a0, a1) = (Ristretto255.Scalar.random(), Ristretto255.Scalar.random())
        let shares = (1...3).map { a0 + Ristretto255.Scalar(UInt64($0)) * a1 }
        let key = try #require(ElectionKey(publicKey: .base(a0), threshold: 2, verificationKeys: shares.map { .base($0) }))
        let file = ElectionKeyFile(election: "kw-secret", ceremonyHash: [UInt8](repeating: 0, count: 32), key: key, dealings: [])
        try Data(TrusteeFileJSON.encode(file)).write(to: folder.appendingPathComponent("election-key.json"))
        for (index, share) in shares.enumerated() {
            let sealed = try SealedKey(sealing: try SigningKey(seed: share.bytes), label: "trustee \(index + 1) key share", passphrase: passphrase)
            try KeyFile.write(sealed, to: folder.appendingPathComponent("share-\(index + 1).key").path)
        }
        return folder
    }

    /// `buurtstem trustee decrypt` of trustee `trustee` on the stage file `stage`, from files only (no store):
    /// writes `shares-TRUSTEE.json`.
    static func decrypt(_ cli: CLI, trustee: Int, stage: String, keys: URL) throws -> CLI.Result {
        try cli.run("trustee", "decrypt", "--stage", stage, "--election-key", keys.appendingPathComponent("election-key.json").path,
                    "--share", keys.appendingPathComponent("share-\(trustee).key").path, "--out", "shares-\(trustee).json")
    }

    /// The choices cast, in order: two kiosks, paper, and at a second location.
    static let choices = ["KW-01,KW-05", "KW-02", "KW-03,KW-05,KW-06", "KW-05", "KW-01,KW-04", "KW-06,KW-01", "KW-05,KW-02", "KW-01"]

    /// Casts `choices` in `id`: 0–4 at the bibliotheek, 5–6 on paper (vote --file) there, 7 at the buurthuis, a
    /// second location with its own store, which also takes pass 0 again (a void once merged). Closes and merges.
    static func cast(_ cli: CLI, _ codes: [String], id: String) throws -> [String] {
        try StemdagCommandTests.publish(cli, id: id)
        #expect(try cli.run("store", "copy", "--to", "location2.sqlite").status == 0)
        for db in ["buurtstem.sqlite", "location2.sqlite"] {
            #expect(try cli.run("polls", "open", "--election", id, "--db", db).status == 0)
        }
        var receipts: [String] = []
        for index in 0..<5 {
            let voted = try cli.run("vote", "--election", id, "--kiosk", "bibliotheek", "--pass", codes[index],
                                    "--choices", choices[index], "--json")
            #expect(voted.status == 0, "\(voted.stderr)")
            let receipt = try JSONSerialization.jsonObject(with: Data(voted.stdout.utf8)) as? [String: Any]
            receipts.append(receipt?["trackingCode"] as? String ?? "")
        }
        try "\(codes[5]) \(choices[5])\n\(codes[6]) \(choices[6])\n".write(to: cli.directory.appendingPathComponent("paper.txt"), atomically: true, encoding: .utf8)
        let paper = try cli.run("vote", "--election", id, "--kiosk", "bibliotheek", "--file", "paper.txt")
        #expect(paper.status == 0, "\(paper.stdout) \(paper.stderr)")
        #expect(try cli.run("kiosk", "checkpoint", "--election", id, "--kiosk", "bibliotheek").status == 0)
        // The second location: a new pass, and pass 0 again (its first use at the bibliotheek counts).
        let second = try cli.run("vote", "--db", "location2.sqlite", "--election", id, "--kiosk", "buurthuis", "--pass", codes[7], "--choices", choices[7])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try cli.run("vote", "--db", "location2.sqlite", "--election", id, "--kiosk", "buurthuis", "--pass", codes[0],
                            "--choices", "KW-04").status == 0)
        #expect(try cli.run("polls", "close", "--election", id, "--kiosk", "bibliotheek").status == 0)
        #expect(try cli.run("polls", "close", "--election", id, "--kiosk", "buurthuis", "--db", "location2.sqlite").status == 0)
        let merged = try cli.run("polls", "merge", "--election", id, "--from", "location2.sqlite")
        #expect(merged.status == 0, "\(merged.stderr)")
        return receipts
    }

    /// The tally's funded projects and per-project counts.
    static func tally(_ cli: CLI, id: String) throws -> (funded: [String], counts: [String], voids: Int) {
        let tally = try cli.run("tally", "--election", id, "--json")
        #expect(tally.status == 0, "\(tally.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(tally.stdout.utf8)) as? [String: Any] ?? [:]
        let allocation = ((json["allocations"] as? [[String: Any]]) ?? []).first ?? [:]
        let count = json["tally"] as? [String: Any] ?? [:]
        let contest = (count["contests"] as? [[String: Any]] ?? []).first ?? [:]
        let counts = (contest["projects"] as? [[String: Any]] ?? []).map { "\($0["id"] ?? "")=\($0["ballots"] ?? "")" }
        return ((allocation["funded"] as? [String] ?? []).sorted(), counts + ["counted=\(contest["ballotsCounted"] ?? "")"],
                (count["voids"] as? [Any])?.count ?? -1)
    }

    @Test("2 of 3 trustees: encrypted votes, two mix stages, trustees 1 and 3 decrypt; the outcome equals the public one")
    func endToEnd() throws {
        let keys = try Self.trusteeKeys()
        let secretBlock = "secret_ballot:\n  election_key: \(keys.appendingPathComponent("election-key.json").path)\n"
        let (cli, codes) = try StemdagCommandTests.prepared(id: "kw-secret", edit: { $0 + "\n" + secretBlock })
        let receipts = try Self.cast(cli, codes, id: "kw-secret")

        // The store keeps ciphertexts only: no choices in any ballot row, no choice text anywhere in the file.
        var database = Data()
        for suffix in ["", "-wal"] {
            database += (try? Data(contentsOf: cli.directory.appendingPathComponent("buurtstem.sqlite" + suffix))) ?? Data()
        }
        #expect(database.range(of: Data("{\"project\"".utf8)) == nil)
        #expect(database.range(of: Data(ChoiceBytes.encode([Choice(project: "KW-02", value: 1)]))) == nil)

        // The store's own check recomputes every v3 ballot's leaf from its ciphertexts.
        let checked = try cli.run("check")
        #expect(checked.status == 0, "\(checked.stdout) \(checked.stderr)")

        // Before the mix the tally says what is missing.
        let early = try cli.run("tally", "--election", "kw-secret")
        #expect(early.status != 0 && early.stderr.contains("not decrypted yet"), "\(early.stderr)")

        #expect(try cli.run("mix", "--election", "kw-secret", "--out", "stage-1.json").status == 0)
        let stage2 = try cli.run("mix", "--election", "kw-secret", "--out", "stage-2.json")
        #expect(stage2.status == 0, "\(stage2.stderr)")
        #expect(try cli.run("mix", "--election", "kw-secret", "--verify").status == 0)

        // Each trustee decrypts from files only: no store.
        for trustee in [1, 3] {
            let decrypted = try Self.decrypt(cli, trustee: trustee, stage: "stage-2.json", keys: keys)
            #expect(decrypted.status == 0, "\(decrypted.stderr)")
        }
        // A share of an earlier stage is refused by name.
        #expect(try Self.decrypt(cli, trustee: 2, stage: "stage-1.json", keys: keys).status == 0)
        let stale = try cli.run("decrypt", "combine", "--election", "kw-secret", "--shares", "shares-1.json", "shares-2.json")
        #expect(stale.status != 0 && stale.stderr.contains("the last mix stage"), "\(stale.stderr)")
        // One trustee is not enough, and says so.
        let alone = try cli.run("decrypt", "combine", "--election", "kw-secret", "--shares", "shares-1.json")
        #expect(alone.status != 0 && alone.stderr.contains("1 valid decryption share(s) are present and 2 are needed"), "\(alone.stderr)")
        let combined = try cli.run("decrypt", "combine", "--election", "kw-secret", "--shares", "shares-1.json", "shares-3.json", "--json")
        #expect(combined.status == 0, "\(combined.stderr)")
        #expect(combined.stdout.contains("\"valid\":8") || combined.stdout.contains("\"valid\" : 8"), "\(combined.stdout)")

        let secret = try Self.tally(cli, id: "kw-secret")
        #expect(secret.voids == 1)

        // The same choices in a public election give the same funded projects and counts.
        let (publicCLI, publicCodes) = try StemdagCommandTests.prepared(id: "kw-open")
        _ = try Self.cast(publicCLI, publicCodes, id: "kw-open")
        let open = try Self.tally(publicCLI, id: "kw-open")
        #expect(secret.funded == open.funded && !open.funded.isEmpty, "\(secret) \(open)")
        #expect(secret.counts == open.counts, "\(secret) \(open)")

        // The record: encrypted ballot lines only; the verifier checks every proof and passes it.
        let exported = try cli.run("record", "export", "--election", "kw-secret", "--out", "record")
        #expect(exported.status == 0, "\(exported.stderr)")
        let record = cli.directory.appendingPathComponent("record")
        for name in ["election-key.json", "mix/stage-1.json", "mix/stage-2.json", "decryption/trustee-1.json", "decryption/trustee-3.json", "decoded.jsonl"] {
            #expect(FileManager.default.fileExists(atPath: record.appendingPathComponent(name).path), "\(name)")
        }
        let index = try String(contentsOf: record.appendingPathComponent("record.json"), encoding: .utf8)
        #expect(index.contains("buurtstem-record/3") && index.contains("mix/stage-2.json") && index.contains("decoded.jsonl"))
        let ballots = try String(contentsOf: record.appendingPathComponent("ballots/bibliotheek.jsonl"), encoding: .utf8)
        // The receipt's ballot is the line at its position: ciphertexts, a proof and a signature, no choice and no time.
        let line = ballots.split(separator: "\n")[0]
        #expect(line.contains("\"ciphertexts\"") && !line.contains("KW-") && !line.contains("time_ms") && !line.contains("choices"), "\(line)")
        #expect(!receipts[0].isEmpty)
        let key = try String(contentsOf: record.appendingPathComponent("record.json"), encoding: .utf8)
            .split(separator: "\"").drop { $0 != "issuing_public_key" }.dropFirst(2).first.map(String.init) ?? ""
        let receipt = try cli.run("receipt", "check", "--record", "record", "--receipt", receipts[0], "--issuing-key", key)
        #expect(receipt.status == 0 && receipt.stdout.contains("neither the record nor this receipt shows your choices"), "\(receipt.stdout) \(receipt.stderr)")
        let verified = try cli.run([record.path], tool: "buurtstem-verify")
        #expect(verified.status == 0, "\(verified.stdout) \(verified.stderr)")
    }

    /// Runs `sql` on the store of `cli` with the sqlite3 tool (as someone with the file could).
    static func sqlite(_ cli: CLI, _ sql: String) throws {
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [cli.directory.appendingPathComponent("buurtstem.sqlite").path, sql]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
    }

    @Test("a ballot whose proof fails is counted as invalid, not mixed; a tampered mix stage fails its proof when re-checked")
    func tampered() throws {
        let keys = try Self.trusteeKeys()
        let secretBlock = "secret_ballot:\n  election_key: \(keys.appendingPathComponent("election-key.json").path)\n"
        let (cli, codes) = try StemdagCommandTests.prepared(id: "kw-secret", edit: { $0 + "\n" + secretBlock })
        _ = try Self.cast(cli, codes, id: "kw-secret")
        // A stored ballot's proof replaced by zeros: its signature and proof fail.
        try Self.sqlite(cli, "UPDATE encryptedBallot SET proof = zeroblob(64) WHERE kiosk = 'bibliotheek' AND sequence = 1")
        #expect(try cli.run("mix", "--election", "kw-secret", "--out", "stage-1.json").status == 0)
        #expect(try cli.run("mix", "--election", "kw-secret", "--out", "stage-2.json").status == 0)
        for trustee in [2, 3] {
            #expect(try Self.decrypt(cli, trustee: trustee, stage: "stage-2.json", keys: keys).status == 0)
        }
        let combined = try cli.run("decrypt", "combine", "--election", "kw-secret", "--shares", "shares-2.json", "shares-3.json")
        #expect(combined.status == 0 && combined.stdout.contains("7 valid ballot(s), 0 invalid"), "\(combined.stdout) \(combined.stderr)")
        let tally = try cli.run("tally", "--election", "kw-secret")
        #expect(tally.status == 0 && tally.stdout.contains("7 ballots from") && tally.stdout.contains("1 invalid"), "\(tally.stdout) \(tally.stderr)")

        // Replace stage 1's outputs by stage 2's: well-formed ciphertexts, but not what stage 1 proved.
        try Self.sqlite(cli, "UPDATE mixStage SET outputs = (SELECT outputs FROM mixStage WHERE stage = 2) WHERE stage = 1")
        let verified = try cli.run("mix", "--election", "kw-secret", "--verify")
        #expect(verified.status != 0 && verified.stdout.contains("mix stage 1"), "\(verified.stdout) \(verified.stderr)")
    }
}
