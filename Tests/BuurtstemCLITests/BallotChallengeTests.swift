import Buurtstem
import BuurtstemCrypto
import BuurtstemKiosk
import BuurtstemRecord
import Foundation
import Testing

/// The optional cast-as-intended check of a secret election (the Benaloh challenge; docs/record.md, "Checking a
/// ballot: the Benaloh challenge"): the kiosk seals the ballot and shows its code, then opens it on request; the
/// opened ballot is checked by `buurtstem-verify challenge`, never counted, and the pass votes again.
@Suite("Checking a ballot at the kiosk: the Benaloh challenge")
struct BallotChallengeTests {
    static let id = "kw-secret"

    /// A secret election with its polls open, pre-published into `prepub`; its store opened in this process.
    static func prepared() throws -> (CLI, [String], Store, keys: URL) {
        let keys = try SecretElectionCommandTests.trusteeKeys()
        let secretBlock = "secret_ballot:\n  election_key: \(keys.appendingPathComponent("election-key.json").path)\n"
        let (cli, codes) = try StemdagCommandTests.prepared(id: id, edit: { $0 + "\n" + secretBlock })
        let published = try cli.run("election", "publish", "--election", id, "--out", "prepub")
        #expect(published.status == 0, "\(published.stderr)")
        #expect(try cli.run("polls", "open", "--election", id).status == 0)
        return (cli, codes, try Store.open(path: cli.directory.appendingPathComponent("buurtstem.sqlite").path), keys)
    }

    /// `buurtstem-verify challenge` on `opening`'s text, written to a file.
    static func challenge(_ cli: CLI, _ opening: BallotOpening) throws -> CLI.Result {
        let file = "opened-\(UUID().uuidString).txt"
        try opening.text.write(to: cli.directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
        return try cli.run(["challenge", file, "--pinned", "prepub"], tool: "buurtstem-verify")
    }

    @Test("an opened ballot verifies and a tampered one (choice or randomness) fails; it is never counted, and the pass votes again")
    func openedBallotIsCheckedAndSpoiled() throws {
        let (cli, codes, store, keys) = try Self.prepared()
        let box = BallotBox(store: store)
        let sealed = try box.seal(election: Self.id, kiosk: "bibliotheek", code: codes[0],
                                  choices: [Choice(project: "KW-05", value: 1), Choice(project: "KW-01", value: 1)])
        let opening = sealed.opening
        #expect(opening.choices == [Choice(project: "KW-01", value: 1), Choice(project: "KW-05", value: 1)], "canonical order")
        #expect(opening.code == sealed.code)
        let secret = try #require(try store.election(Self.id).decodedDefinition().secretBallot)
        #expect(try opening.ciphertexts(publicKey: secret.publicKey, width: secret.width) == sealed.encryption.ciphertexts)
        // The opening shows choices: it names no pass and no kiosk.
        #expect(!opening.text.contains(Hex.encode(sealed.pass.bytes)) && !opening.text.contains("bibliotheek"), "\(opening.text)")

        let honest = try Self.challenge(cli, opening)
        #expect(honest.status == 0, "\(honest.stdout) \(honest.stderr)")
        #expect(honest.stdout.contains(sealed.code) && honest.stdout.contains("Groen schoolplein") && honest.stdout.contains("OK:"), "\(honest.stdout)")
        let inline = try cli.run(["challenge", opening.text, "--pinned", "prepub", "--json"], tool: "buurtstem-verify")
        #expect(inline.status == 0 && inline.stdout.contains("\"recomputedCode\""), "\(inline.stdout) \(inline.stderr)")

        // A kiosk that encrypted another choice cannot open it as the voter's: a changed choice or randomness fails.
        let otherChoice = BallotOpening(election: opening.election, definitionHash: opening.definitionHash, area: opening.area,
                                        choices: [Choice(project: "KW-01", value: 1), Choice(project: "KW-06", value: 1)],
                                        randomness: opening.randomness, code: opening.code)
        let otherRandomness = BallotOpening(election: opening.election, definitionHash: opening.definitionHash, area: opening.area,
                                            choices: opening.choices, randomness: opening.randomness.map { $0 + .one }, code: opening.code)
        for tampered in [otherChoice, otherRandomness] {
            let refused = try Self.challenge(cli, tampered)
            #expect(refused.status == 1 && refused.stdout.contains("does not match the encryption the kiosk committed to")
                    && refused.stdout.contains("NOT honest"), "\(refused.stdout) \(refused.stderr)")
        }
        // Against a fingerprint alone there is no key to check with; a text that is not an opening is refused by name.
        let noKey = try cli.run(["challenge", opening.text, "--pinned", "nowhere"], tool: "buurtstem-verify")
        #expect(noKey.status != 0 && noKey.stderr.contains("nowhere"), "\(noKey.stderr)")
        let extra = try cli.run(["challenge", String(opening.text.dropLast()) + ",\"pass\":\"x\"}", "--pinned", "prepub"], tool: "buurtstem-verify")
        #expect(extra.status != 0 && extra.stderr.contains("field 'pass'"), "\(extra.stderr)")

        // Spoiled: nothing was stored, the pass is unused, and it votes with a fresh encryption and another code.
        #expect(try KioskLog(store: store, election: Self.id, kiosk: "bibliotheek").treeHead().size == 0)
        _ = try box.admit(election: Self.id, kiosk: "bibliotheek", code: codes[0])
        let again = try box.seal(election: Self.id, kiosk: "bibliotheek", code: codes[0], choices: [Choice(project: "KW-02", value: 1)])
        #expect(again.code != sealed.code)
        // A sealed ballot is cast only with the pass it was sealed for.
        #expect(throws: BuurtstemError.self) { try box.cast(sealed: again, code: codes[1]) }
        let receipt = try box.cast(sealed: again, code: codes[0])
        #expect(receipt.ballotCode == again.code && receipt.encrypted == true)
        // The opened encryption can never be cast: the pass has voted now.
        #expect(throws: CastError.alreadyUsed) { try box.cast(sealed: sealed, code: codes[0]) }

        for (code, choices) in [(codes[1], "KW-03"), (codes[2], "KW-02,KW-03")] {
            let voted = try cli.run("vote", "--election", Self.id, "--kiosk", "bibliotheek", "--pass", code, "--choices", choices)
            #expect(voted.status == 0 && voted.stdout.contains("controlecode / ballot code:"), "\(voted.stdout) \(voted.stderr)")
        }
        #expect(try cli.run("polls", "close", "--election", Self.id).status == 0)
        #expect(try cli.run("mix", "--election", Self.id, "--out", "stage-1.json").status == 0)
        for trustee in [1, 2] {
            #expect(try SecretElectionCommandTests.decrypt(cli, trustee: trustee, stage: "stage-1.json", keys: keys).status == 0)
        }
        let combined = try cli.run("decrypt", "combine", "--election", Self.id, "--shares", "shares-1.json", "shares-2.json")
        #expect(combined.status == 0, "\(combined.stderr)")
        // The opened ballot (KW-01, KW-05) is in no count: three ballots, the pass's own is KW-02.
        let counted = try SecretElectionCommandTests.tally(cli, id: Self.id).counts
        for expected in ["KW-01=0", "KW-05=0", "KW-02=2", "KW-03=2", "counted=3"] {
            #expect(counted.contains(expected), "\(counted)")
        }

        // The record's ballot line of the receipt has the code the kiosk showed before the cast.
        #expect(try cli.run("record", "export", "--election", Self.id, "--out", "record").status == 0)
        let key = try String(contentsOf: cli.directory.appendingPathComponent("record/record.json"), encoding: .utf8)
            .split(separator: "\"").drop { $0 != "issuing_public_key" }.dropFirst(2).first.map(String.init) ?? ""
        let checked = try cli.run("receipt", "check", "--record", "record", "--receipt", receipt.trackingCode, "--issuing-key", key)
        #expect(checked.status == 0 && checked.stdout.contains("Ballot code of the encrypted ballot in the record: \(again.code)"),
                "\(checked.stdout) \(checked.stderr)")
    }

    @Test("the kiosk service: seal shows the code, challenge opens and forgets it, cast takes only the sealed ballot of its pass")
    func kioskService() async throws {
        let (_, codes, store, _) = try Self.prepared()
        let registered = try store.kiosk(election: Self.id, name: "bibliotheek")
        let key = try KeyFile.unseal(registered.keyFile, passphrase: Passphrase(
            environment: ["BUURTSTEM_PASSPHRASE": "cli test passphrase"], interactive: false))
        let service = try KioskService(store: store, election: Self.id, kiosk: "bibliotheek", kioskKey: key)
        #expect(try await service.admit(code: codes[0]).secret)
        let choices = [Choice(project: "KW-01", value: 1)]
        let first = try await service.seal(code: codes[0], choices: choices)
        // Another pass cannot open it; trying forgets it.
        await #expect(throws: KioskService.sealedGone) { try await service.challenge(code: codes[1], sealed: first.handle) }
        await #expect(throws: KioskService.sealedGone) { try await service.challenge(code: codes[0], sealed: first.handle) }
        let second = try await service.seal(code: codes[0], choices: choices)
        let opened = try await service.challenge(code: codes[0], sealed: second.handle)
        #expect(opened.ballotCode == second.ballotCode && opened.choices == choices && opened.qr != nil)
        // Opened, so never cast.
        await #expect(throws: KioskService.sealedGone) { try await service.cast(code: codes[0], choices: choices, sealed: second.handle) }
        let third = try await service.seal(code: codes[0], choices: choices)
        // The choices sent with the cast must be the sealed ones.
        await #expect(throws: KioskService.sealedGone) {
            try await service.cast(code: codes[0], choices: [Choice(project: "KW-02", value: 1)], sealed: third.handle)
        }
        let fourth = try await service.seal(code: codes[0], choices: choices)
        let receipt = try await service.cast(code: codes[0], choices: choices, sealed: fourth.handle)
        #expect(receipt.ballotCode == fourth.ballotCode)
        #expect(try KioskLog(store: store, election: Self.id, kiosk: "bibliotheek").treeHead().size == 1)
    }
}
