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
    /// Returns the tracking codes of 0–4 and the text receipt of 7.
    static func cast(_ cli: CLI, _ codes: [String], id: String) throws -> (receipts: [String], text: String) {
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
        return (receipts, second.stdout)
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
        let (receipts, text) = try Self.cast(cli, codes, id: "kw-secret")
        // The receipt of a secret election says the record shows only the encrypted ballot.
        #expect(text.contains("Geheime stemming / secret ballot: the record shows only this ballot encrypted") && !text.contains("openbaar"), "\(text)")

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
        // One trustee is not enough (two of three missing): the count stops and says which trustees are missing
        // and how many more shares are needed.
        let alone = try cli.run("decrypt", "combine", "--election", "kw-secret", "--shares", "shares-1.json")
        #expect(alone.status != 0 && alone.stderr.contains("1 valid decryption share(s) are present and 2 are needed"), "\(alone.stderr)")
        #expect(alone.stderr.contains("ask 1 more trustee(s) to decrypt") && alone.stderr.contains("Shares were given by trustee(s) 1;")
                && alone.stderr.contains("trustee(s) 2, 3 of 3 did not decrypt"), "\(alone.stderr)")
        #expect(try cli.run("tally", "--election", "kw-secret").stderr.contains("not decrypted yet"))
        let combined = try cli.run("decrypt", "combine", "--election", "kw-secret", "--shares", "shares-1.json", "shares-3.json", "--json")
        #expect(combined.status == 0, "\(combined.stderr)")
        #expect(combined.stdout.contains("\"valid\":8") || combined.stdout.contains("\"valid\" : 8"), "\(combined.stdout)")

        let secret = try Self.tally(cli, id: "kw-secret")
        #expect(secret.voids == 1)

        // The same choices in a public election give the same funded projects and counts.
        let (publicCLI, publicCodes) = try StemdagCommandTests.prepared(id: "kw-open")
        let publicText = try Self.cast(publicCLI, publicCodes, id: "kw-open").text
        // A public election's receipt claims no secrecy: it says whoever has the code can look up the choices.
        #expect(publicText.contains("Stemmen zijn openbaar per stempas / public ballot") && !publicText.contains("secret"), "\(publicText)")
        let open = try Self.tally(publicCLI, id: "kw-open")
        #expect(secret.funded == open.funded && !open.funded.isEmpty, "\(secret) \(open)")
        #expect(secret.counts == open.counts, "\(secret) \(open)")

        // The results sites say which kind each is, in Dutch and English; the public one claims no secrecy.
        for (site, id, kind, dutch, english) in [(cli, "kw-secret", "secret", "De stemming was geheim.", "The ballot was secret."),
                                                 (publicCLI, "kw-open", "public", "Stemmen zijn openbaar per stempas.", "Votes are public per pass.")] {
            let report = try site.run("report", "--election", id, "--out", "site")
            #expect(report.status == 0, "\(report.stderr)")
            let nl = try String(contentsOf: site.directory.appendingPathComponent("site/index.html"), encoding: .utf8)
            let en = try String(contentsOf: site.directory.appendingPathComponent("site/index.en.html"), encoding: .utf8)
            #expect(nl.contains("data-secrecy=\"\(kind)\"") && nl.contains(dutch) && en.contains(english), "\(kind)")
            #expect(nl.contains("niet wat u stemde") == (kind == "secret"), "\(kind)")
        }

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

    @Test("a receipt and the record together do not reveal the choice: its ballot line holds ciphertexts only, and the decoded ballots are not in cast order")
    func receiptRevealsNothing() throws {
        let keys = try Self.trusteeKeys()
        let secretBlock = "secret_ballot:\n  election_key: \(keys.appendingPathComponent("election-key.json").path)\n"
        let (cli, codes) = try StemdagCommandTests.prepared(id: "kw-secret", edit: { $0 + "\n" + secretBlock })
        let receipts = try Self.cast(cli, codes, id: "kw-secret").receipts
        #expect(try cli.run("mix", "--election", "kw-secret", "--out", "stage-1.json").status == 0)
        #expect(try cli.run("mix", "--election", "kw-secret", "--out", "stage-2.json").status == 0)
        for trustee in [1, 2] { #expect(try Self.decrypt(cli, trustee: trustee, stage: "stage-2.json", keys: keys).status == 0) }
        #expect(try cli.run("decrypt", "combine", "--election", "kw-secret", "--shares", "shares-1.json", "shares-2.json").status == 0)
        #expect(try cli.run("record", "export", "--election", "kw-secret", "--out", "record").status == 0)
        let record = cli.directory.appendingPathComponent("record")
        func lines(_ name: String) throws -> [[String: Any]] {
            try String(contentsOf: record.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
        }
        // The receipt (its kiosk and position, the ballot at tracking code receipts[0]) points at a line that holds
        // only the pass, the area and ciphertexts with their proof: no choice, no time.
        let ballots = try lines("ballots/bibliotheek.jsonl")
        let line = try #require(ballots.first { $0["sequence"] as? Int == 0 })
        #expect(Set(line.keys) == ["area", "challenge", "ciphertexts", "pass", "responses", "sequence", "signature"], "\(line.keys)")
        #expect(!receipts[0].isEmpty)
        // No field of the decoded ballots names a pass, kiosk, sequence, time or tracking code.
        let decoded = try lines("decoded.jsonl")
        #expect(decoded.count == 8)
        for row in decoded { #expect(Set(row.keys).isSubset(of: ["area", "choices", "position", "problem"]), "\(row.keys)") }
        // The cast order is the mix's input order (bibliotheek 0-6, then buurthuis's first ballot); after two
        // shuffles the decoded row at position i is not systematically the i-th cast ballot. The eight ballots have
        // distinct choices, so each row names one cast ballot; the identity has probability 1/8! = 1/40320.
        let cast = Self.choices.map { Set($0.split(separator: ",").map(String.init)) }
        #expect(Set(cast).count == cast.count)
        let rows = decoded.sorted { ($0["position"] as? Int ?? 0) < ($1["position"] as? Int ?? 0) }.map { row in
            Set((row["choices"] as? [[String: Any]] ?? []).compactMap { $0["project"] as? String })
        }
        #expect(Set(rows) == Set(cast), "every cast ballot is decoded once")
        let inPlace = zip(rows, cast).filter { $0 == $1 }.count
        #expect(inPlace < cast.count, "the decoded ballots are in cast order: the mix did not shuffle")
        // The mix stages' outputs are not the ballot lines' ciphertexts: a receipt's ciphertexts cannot be followed through.
        let stage = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: record.appendingPathComponent("mix/stage-2.json"))) as? [String: Any])
        let outputs = Set(((stage["areas"] as? [[String: Any]]) ?? []).flatMap { ($0["outputs"] as? [[String]]) ?? [] }.flatMap { $0 })
        let ciphertexts = Set(ballots.flatMap { $0["ciphertexts"] as? [String] ?? [] })
        #expect(!outputs.isEmpty && outputs.isDisjoint(with: ciphertexts))
    }

    @Test("election create refuses an election key made for another election, naming both and the line")
    func keyOfAnotherElection() throws {
        let keys = try Self.trusteeKeys()
        let cli = try CLI.inTemporaryDirectory()
        try cli.run("init", "--gemeente", "Groningen", "--code", "GM0014")
        try cli.run("areas", "import", CLI.shipped("Examples/groningen/areas.csv"))
        try cli.run("register", "import", CLI.shipped("Examples/groningen/households.csv"))
        let text = try String(contentsOfFile: CLI.shipped("Ballots/wijkstemdag-korrewegwijk-2026.yaml"), encoding: .utf8)
        for id in ["kw-other", "kw-secret"] {
            let definition = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("id:") ? "id: \(id)" : String($0) }.joined(separator: "\n")
                + "\nsecret_ballot:\n  election_key: \(keys.appendingPathComponent("election-key.json").path)\n"
            try definition.write(to: cli.directory.appendingPathComponent("\(id).yaml"), atomically: true, encoding: .utf8)
        }
        let refused = try cli.run("election", "create", "kw-other.yaml")
        #expect(refused.status != 0, "\(refused.stdout)")
        #expect(refused.stderr.contains("secret_ballot.election_key") && refused.stderr.contains("is the election key of 'kw-secret'")
                && refused.stderr.contains("not of 'kw-other'") && refused.stderr.contains("hold a key ceremony for 'kw-other'"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("Fatal error"))
        #expect(try cli.run("election", "list").stdout.contains("kw-other") == false)
        // The same key for the election it was made for is accepted.
        let created = try cli.run("election", "create", "kw-secret.yaml")
        #expect(created.status == 0, "\(created.stderr)")
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

    @Test("a ballot whose proof fails is counted as invalid, not mixed (and the verifier checks the mix without it); a tampered mix stage fails its proof when re-checked")
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
        // The results site: 7 valid and 1 invalid; the kiosks' counted ballots (first of their pass) add up to both.
        #expect(try cli.run("report", "--election", "kw-secret", "--out", "site").status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: cli.directory.appendingPathComponent("site/report.json"))) as? [String: Any])
        #expect(report["ballotsCounted"] as? Int == 7 && report["invalidBallots"] as? Int == 1 && report["voidBallots"] as? Int == 1)
        let kiosks = report["kiosks"] as? [[String: Any]] ?? []
        #expect(kiosks.reduce(0) { $0 + ($1["counted"] as? Int ?? 0) } == 8 && kiosks.reduce(0) { $0 + ($1["void"] as? Int ?? 0) } == 1, "\(kiosks)")
        let page = try String(contentsOf: cli.directory.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(page.contains("data-decoded=\"7\" data-invalid=\"1\"") && page.contains("geteld: 8."), "the total row and the line reconcile")

        // The record holds that ballot as the store has it: the verifier fails its signature, proof and log, and
        // checks the mix against the input without it (counted as invalid, not mixed): the shuffles, shares,
        // decoded ballots and counts pass.
        #expect(try cli.run("record", "export", "--election", "kw-secret", "--out", "record").status == 0)
        let (status, failed, _) = try RecordTamperTests.verify(cli, cli.directory.appendingPathComponent("record"))
        // (Its log no longer has the head the kiosk signed, so the lot seed the result names is not the logs' either.)
        #expect(status == 1 && Set(failed.keys) == ["ballot signatures", "ballot proofs", "logs and checkpoints", "allocation"], "\(failed)")
        #expect(failed["allocation"]?.allSatisfy { $0.contains("lot seed") } == true, "\(failed)")
        #expect(failed["ballot proofs"]?.contains { $0.contains("ballot 1: ") && $0.contains("counted as invalid, not mixed") } == true, "\(failed)")

        // Replace stage 1's outputs by stage 2's: well-formed ciphertexts, but not what stage 1 proved.
        try Self.sqlite(cli, "UPDATE mixStage SET outputs = (SELECT outputs FROM mixStage WHERE stage = 2) WHERE stage = 1")
        let verified = try cli.run("mix", "--election", "kw-secret", "--verify")
        #expect(verified.status != 0 && verified.stdout.contains("mix stage 1"), "\(verified.stdout) \(verified.stderr)")
    }
}
