import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

/// The trustees' key ceremony through the CLI: three trustees in three folders exchanging files only.
@Suite("buurtstem trustee / trustees: the key ceremony from files")
struct TrusteeCeremonyCommandTests {
    /// A ceremony's folders: one per trustee (a, b, c), the coordinator's, and the exchanged dealings.
    struct Ceremony {
        let cli: CLI
        let trustees = ["a", "b", "c"]

        func path(_ relative: String) -> String { cli.directory.appendingPathComponent(relative).path }

        func read(_ relative: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path(relative)))) }

        func write(_ bytes: [UInt8], _ relative: String) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: path(relative)))
        }

        /// Copies a file, as a trustee sends it by mail or USB stick.
        func send(_ from: String, to: String) throws {
            try FileManager.default.createDirectory(atPath: (path(to) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: path(to))
            try FileManager.default.copyItem(atPath: path(from), toPath: path(to))
        }

        /// Runs a command that must succeed.
        @discardableResult
        func ok(_ arguments: String...) throws -> CLI.Result {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
            return result
        }

        /// Runs a command that must fail cleanly: non-zero, no crash, every `needles` in its message.
        func fails(_ arguments: [String], mentioning needles: [String], cli: CLI? = nil) throws {
            let result = try (cli ?? self.cli).run(arguments)
            #expect(result.status != 0, "\(arguments.joined(separator: " ")) should fail")
            #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump") && result.status != 134 && result.status != 132,
                    "\(result.stderr)")
            for needle in needles { #expect(result.stderr.contains(needle), "'\(needle)' not in: \(result.stderr)") }
        }

        /// init for a, b, c; the coordinator's ceremony (2 of 3); every trustee receives ceremony.json.
        static func made(threshold: Int = 2) throws -> Ceremony {
            let ceremony = Ceremony(cli: try CLI.inTemporaryDirectory())
            for (position, name) in ceremony.trustees.enumerated() {
                try ceremony.ok("trustee", "init", "--name", "Trustee \(position + 1) \(name.uppercased())", "--out", name)
                try ceremony.send("\(name)/card.json", to: "coordinator/card-\(name).json")
            }
            try ceremony.ok("trustees", "ceremony", "--threshold", "\(threshold)", "--card", "coordinator/card-a.json",
                            "coordinator/card-b.json", "coordinator/card-c.json", "--election", "pb-2027", "--out", "coordinator/ceremony.json")
            for name in ceremony.trustees { try ceremony.send("coordinator/ceremony.json", to: "\(name)/ceremony.json") }
            return ceremony
        }

        /// Every trustee deals; every dealing goes to every trustee's `dealings` folder and the coordinator's.
        func deal() throws {
            for (position, name) in trustees.enumerated() {
                try ok("trustee", "deal", "--ceremony", "\(name)/ceremony.json", "--key", "\(name)/trustee.key", "--out", "\(name)/dealing.json")
                for folder in trustees + ["coordinator"] {
                    try send("\(name)/dealing.json", to: "\(folder)/dealings/dealing-\(position + 1).json")
                }
            }
        }

        /// The dealing file of dealer `index` in `folder`/dealings, decoded.
        func dealing(_ index: Int, in folder: String = "coordinator") throws -> TrusteeDealingFile {
            try TrusteeFileJSON.decode(TrusteeDealingFile.self, from: try read("\(folder)/dealings/dealing-\(index).json"), file: "dealing")
        }

        /// The ceremony, decoded.
        func ceremony() throws -> TrusteeCeremony {
            try TrusteeFileJSON.decode(TrusteeCeremonyFile.self, from: try read("coordinator/ceremony.json"), file: "ceremony")
                .ceremony(file: "ceremony")
        }

        /// Trustee `name`'s signing key, unsealed as only that trustee can.
        func signingKey(_ name: String) throws -> SigningKey {
            try SealedKey(text: String(decoding: try read("\(name)/trustee.key"), as: UTF8.self)).open(passphrase: "cli test passphrase")
        }

        /// Replaces dealer `index`'s dealing in every folder with `dealing`, signed by `signer` or not re-signed.
        func replace(_ index: Int, with dealing: TrusteeDealing, signer: String?) throws {
            let ceremony = try ceremony()
            var final = dealing
            if let signer {
                final = TrusteeDealing(dealer: dealing.dealer, commitments: dealing.commitments, proof: dealing.proof,
                                       sealedShares: dealing.sealedShares,
                                       signature: try signingKey(signer).signature(for: dealing.signedBytes(in: ceremony)))
            }
            let bytes = TrusteeFileJSON.encode(TrusteeDealingFile(election: "pb-2027", ceremonyHash: ceremony.hash, dealing: final))
            for folder in trustees + ["coordinator"] { try write(bytes, "\(folder)/dealings/dealing-\(index).json") }
        }

        /// Replaces `field`'s value in dealer `index`'s dealing file (all folders) by text substitution.
        func edit(_ index: Int, _ transform: (String) -> String) throws {
            let text = transform(String(decoding: try read("coordinator/dealings/dealing-\(index).json"), as: UTF8.self))
            for folder in trustees + ["coordinator"] { try write(Array(text.utf8), "\(folder)/dealings/dealing-\(index).json") }
        }
    }

    @Test("2 of 3: three trustees in three folders, files only; every receiver and two combines agree; every 2 decrypt the mixed ballots, 1 cannot")
    func fullCeremony() throws {
        let c = try Ceremony.made()
        try c.deal()
        var keys: [String] = []
        for name in c.trustees {
            let received = try c.ok("trustee", "receive", "--ceremony", "\(name)/ceremony.json", "--dealings", "\(name)/dealings",
                                    "--key", "\(name)/trustee.key", "--out", "\(name)/share.key", "--json")
            let view = try JSONSerialization.jsonObject(with: Data(received.stdout.utf8)) as? [String: Any]
            keys.append(view?["publicKey"] as? String ?? "")
            var info = stat()
            #expect(stat(c.path("\(name)/share.key"), &info) == 0 && info.st_mode & 0o077 == 0)
        }
        #expect(Set(keys).count == 1 && keys[0].count == 64)
        try c.ok("trustees", "combine", "--ceremony", "coordinator/ceremony.json", "--dealings", "coordinator/dealings",
                 "--out", "coordinator/election-key.json")
        try c.ok("trustees", "combine", "--ceremony", "a/ceremony.json", "--dealings", "a/dealings", "--out", "a/election-key.json")
        #expect(try c.read("coordinator/election-key.json") == c.read("a/election-key.json"))
        let electionKey = try TrusteeFileJSON.decode(ElectionKeyFile.self, from: try c.read("a/election-key.json"), file: "key")
        #expect(electionKey.key.publicKey.description == keys[0])
        #expect(electionKey.key.threshold == 2 && electionKey.dealings.map(\.dealer) == [1, 2, 3])
        // No half files: nothing hidden is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: c.path("a")).allSatisfy { !$0.hasPrefix(".") })

        // A secret election under the combined key, its ballots mixed by the gemeente; each trustee decrypts the
        // last stage on their own machine from files only (the stage file, election-key.json and share.key).
        let secretBlock = "secret_ballot:\n  election_key: \(c.path("coordinator/election-key.json"))\n"
        let (gemeente, codes) = try StemdagCommandTests.prepared(id: "pb-2027", edit: { $0 + "\n" + secretBlock })
        _ = try SecretElectionCommandTests.cast(gemeente, codes, id: "pb-2027")
        let mixed = try gemeente.run("mix", "--election", "pb-2027", "--out", "stage-1.json")
        #expect(mixed.status == 0, "\(mixed.stderr)")
        for (index, name) in c.trustees.enumerated() {
            try FileManager.default.copyItem(atPath: gemeente.directory.appendingPathComponent("stage-1.json").path, toPath: c.path("\(name)/stage-1.json"))
            try c.send("coordinator/election-key.json", to: "\(name)/election-key.json")
            try c.ok("trustee", "decrypt", "--stage", "\(name)/stage-1.json", "--election-key", "\(name)/election-key.json",
                     "--share", "\(name)/share.key", "--out", "\(name)/decryption.json")
            try c.send("\(name)/decryption.json", to: "coordinator/shares/decryption-\(index + 1).json")
        }
        // One trustee alone cannot decrypt, whichever it is, and the message says how many are needed.
        for index in 1...3 {
            try c.fails(["decrypt", "combine", "--election", "pb-2027", "--shares", c.path("coordinator/shares/decryption-\(index).json")],
                        mentioning: ["1 valid decryption share(s) are present and 2 are needed", "ask 1 more trustee(s)"], cli: gemeente)
        }
        // Every pair decrypts, each in its own copy of the store, to the same tally.
        var tallies: [String] = []
        for pair in [[1, 2], [1, 3], [2, 3]] {
            let db = "pair-\(pair[0])\(pair[1]).sqlite"
            #expect(try gemeente.run("store", "copy", "--to", db).status == 0)
            let combined = try gemeente.run(["decrypt", "combine", "--election", "pb-2027", "--db", db, "--json", "--shares"]
                + pair.map { c.path("coordinator/shares/decryption-\($0).json") })
            #expect(combined.status == 0, "\(pair): \(combined.stderr)")
            let summary = try JSONSerialization.jsonObject(with: Data(combined.stdout.utf8)) as? [String: Any] ?? [:]
            #expect(summary["trustees"] as? [Int] == pair && summary["valid"] as? Int == 8, "\(pair): \(combined.stdout)")
            let tally = try gemeente.run("tally", "--election", "pb-2027", "--db", db)
            #expect(tally.status == 0, "\(pair): \(tally.stderr)")
            tallies.append(tally.stdout)
        }
        #expect(Set(tallies).count == 1 && tallies[0].contains("funded"), "\(tallies)")
    }

    @Test("a changed commitment is refused by combine and receive, naming the dealer, re-signed or not")
    func tamperedDealing() throws {
        let c = try Ceremony.made()
        try c.deal()
        let original = try c.dealing(2).dealing
        var commitments = original.commitments
        commitments[1] = .base(Ristretto255.Scalar(7))
        let changed = TrusteeDealing(dealer: 2, commitments: commitments, proof: original.proof, sealedShares: original.sealedShares,
                                     signature: original.signature)
        try c.replace(2, with: changed, signer: nil)
        let combine = ["trustees", "combine", "--ceremony", "coordinator/ceremony.json", "--dealings", "coordinator/dealings",
                       "--out", "coordinator/election-key.json"]
        try c.fails(combine, mentioning: ["dealing-2.json (signature)", "trustee 2", "Trustee 2 B"])
        try c.fails(["trustee", "receive", "--ceremony", "a/ceremony.json", "--dealings", "a/dealings", "--key", "a/trustee.key",
                     "--out", "a/share.key"], mentioning: ["dealing-2.json (signature)"])
        #expect(!FileManager.default.fileExists(atPath: c.path("a/share.key")))
        // Re-signed by the dealer itself: the proof covers every commitment, so it still fails, by name.
        try c.replace(2, with: changed, signer: "b")
        try c.fails(combine, mentioning: ["dealing-2.json (proof)", "trustee 2 must deal again"])
        #expect(!FileManager.default.fileExists(atPath: c.path("coordinator/election-key.json")))
    }

    @Test("a share sealed to the wrong trustee: the recipient writes a signed complaint naming the dealer and exits non-zero")
    func shareToWrongTrustee() throws {
        let c = try Ceremony.made()
        try c.deal()
        let original = try c.dealing(1).dealing
        var sealed = original.sealedShares
        sealed[1] = sealed[2]
        try c.replace(1, with: TrusteeDealing(dealer: 1, commitments: original.commitments, proof: original.proof,
                                              sealedShares: sealed, signature: original.signature), signer: "a")
        try c.ok("trustees", "combine", "--ceremony", "coordinator/ceremony.json", "--dealings", "coordinator/dealings",
                 "--out", "coordinator/election-key.json")
        try c.fails(["trustee", "receive", "--ceremony", "b/ceremony.json", "--dealings", "b/dealings", "--key", "b/trustee.key",
                     "--out", "b/share.key"],
                    mentioning: ["trustee 1 (Trustee 1 A)", "does not open with trustee 2's box key", "complaint-1-by-2.json", "must deal again"])
        #expect(!FileManager.default.fileExists(atPath: c.path("b/share.key")))
        let complaint = try TrusteeFileJSON.decode(TrusteeComplaintFile.self, from: try c.read("b/complaint-1-by-2.json"), file: "complaint")
        #expect(complaint.complaint == TrusteeComplaint(dealer: 1, recipient: 2, reason: .cannotOpen))
        #expect(complaint.isSigned(in: try c.ceremony()))
        // Trustee 3's own share is intact.
        try c.ok("trustee", "receive", "--ceremony", "c/ceremony.json", "--dealings", "c/dealings", "--key", "c/trustee.key",
                 "--out", "c/share.key")
    }

    @Test("non-canonical values are refused with file and field: an identity commitment, a non-reduced scalar, upper-case hex")
    func canonicalValues() throws {
        let c = try Ceremony.made()
        try c.deal()
        let combine = ["trustees", "combine", "--ceremony", "coordinator/ceremony.json", "--dealings", "coordinator/dealings",
                       "--out", "coordinator/election-key.json"]
        let dealing = try c.dealing(3).dealing
        let first = dealing.commitments[0].description
        try c.edit(3) { $0.replacingOccurrences(of: first, with: String(repeating: "0", count: 64)) }
        try c.fails(combine, mentioning: ["dealing-3.json (commitments[0])", "identity"])
        try c.edit(3) { $0.replacingOccurrences(of: String(repeating: "0", count: 64), with: first)
            .replacingOccurrences(of: dealing.proof.challenge.description, with: String(repeating: "f", count: 64)) }
        try c.fails(combine, mentioning: ["dealing-3.json (proof.challenge)", "not a reduced scalar"])
        try c.edit(3) { $0.replacingOccurrences(of: String(repeating: "f", count: 64), with: dealing.proof.challenge.description.uppercased()) }
        try c.fails(combine, mentioning: ["dealing-3.json (proof.challenge)", "lower-case hex"])
        try c.edit(3) { $0.replacingOccurrences(of: dealing.proof.challenge.description.uppercased(), with: dealing.proof.challenge.description)
            .replacingOccurrences(of: "\"dealer\"", with: "\"extra\": 1, \"dealer\"") }
        try c.fails(combine, mentioning: ["dealing-3.json (extra)", "unknown field"])
    }

    @Test("the ceremony refuses t > n, t < 1, the same card twice, and a card with an identity key, naming the field")
    func ceremonyRefusals() throws {
        let c = try Ceremony.made()
        func ceremony(_ threshold: Int, _ cards: [String]) -> [String] {
            ["trustees", "ceremony", "--threshold", "\(threshold)", "--card"] + cards + ["--election", "pb-2027", "--out", "coordinator/other.json"]
        }
        let cards = ["a/card.json", "b/card.json", "c/card.json"]
        try c.fails(ceremony(4, cards), mentioning: ["a threshold of 4 with 3 cards", "between 1 and 3"])
        try c.fails(ceremony(0, cards), mentioning: ["a threshold of 0 with 3 cards"])
        try c.fails(ceremony(2, ["a/card.json", "b/card.json", "a/card.json"]), mentioning: ["a/card.json (signing_public_key)", "same key as card 1"])
        let card = String(decoding: try c.read("c/card.json"), as: UTF8.self)
        let parsed = try TrusteeFileJSON.decode(TrusteeCardFile.self, from: Array(card.utf8), file: "card")
        try c.write(Array(card.replacingOccurrences(of: parsed.boxKey.description, with: String(repeating: "0", count: 64)).utf8), "c/zero-box.json")
        try c.fails(ceremony(2, ["a/card.json", "b/card.json", "c/zero-box.json"]), mentioning: ["c/zero-box.json (box_public_key)", "identity"])
        try c.write(Array(card.replacingOccurrences(of: parsed.signingKey.description, with: "01" + String(repeating: "0", count: 62)).utf8),
                    "c/identity-signing.json")
        try c.fails(ceremony(2, ["a/card.json", "b/card.json", "c/identity-signing.json"]),
                    mentioning: ["c/identity-signing.json (signing_public_key)", "identity"])
        try c.write(Array(card.replacingOccurrences(of: "Trustee 3 C", with: "Trustee 3 X").utf8), "c/renamed.json")
        try c.fails(ceremony(2, ["a/card.json", "b/card.json", "c/renamed.json"]), mentioning: ["c/renamed.json (signature)"])
        #expect(!FileManager.default.fileExists(atPath: c.path("coordinator/other.json")))
        // A changed ceremony file is refused by the trustees.
        let text = String(decoding: try c.read("a/ceremony.json"), as: UTF8.self)
        try c.write(Array(text.replacingOccurrences(of: "\"threshold\" : 2", with: "\"threshold\" : 1").utf8), "a/ceremony.json")
        try c.fails(["trustee", "deal", "--ceremony", "a/ceremony.json", "--key", "a/trustee.key", "--out", "a/dealing.json"],
                    mentioning: ["a/ceremony.json (ceremony_hash)"])
        // A ceremony file whose card for trustee 3 has the identity as box key names that card's field.
        let other = String(decoding: try c.read("b/ceremony.json"), as: UTF8.self)
        try c.write(Array(other.replacingOccurrences(of: parsed.boxKey.description, with: String(repeating: "0", count: 64)).utf8), "b/ceremony.json")
        try c.fails(["trustee", "deal", "--ceremony", "b/ceremony.json", "--key", "b/trustee.key", "--out", "b/dealing.json"],
                    mentioning: ["b/ceremony.json (trustees[2].card.box_public_key)", "identity"])
    }

    @Test("a wrong passphrase, another trustee's key and an existing key file are refused with the fix")
    func keyRefusals() throws {
        let c = try Ceremony.made()
        var wrong = c.cli
        wrong.environment["BUURTSTEM_PASSPHRASE"] = "not the passphrase"
        try c.fails(["trustee", "deal", "--ceremony", "a/ceremony.json", "--key", "a/trustee.key", "--out", "a/dealing.json"],
                    mentioning: ["does not open", "a/trustee.key"], cli: wrong)
        #expect(!FileManager.default.fileExists(atPath: c.path("a/dealing.json")))
        try c.fails(["trustee", "init", "--name", "Again", "--out", "a"], mentioning: ["already exists"])
        try c.ok("trustee", "init", "--name", "Outsider", "--out", "d")
        try c.fails(["trustee", "deal", "--ceremony", "a/ceremony.json", "--key", "d/trustee.key", "--out", "d/dealing.json"],
                    mentioning: ["is on no card of a/ceremony.json"])
    }
}
