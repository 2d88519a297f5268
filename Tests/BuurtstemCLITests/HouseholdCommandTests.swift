import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

/// `buurtstem receipt check`, `pass check` and `cheques check` as a household runs them on a published record
/// (issue #15): the gemeente's key pinned, a void ballot's receipt exits non-zero, and wrong codes are refused.
@Suite("Households check themselves: receipt, pass and cheque commands")
struct HouseholdCommandTests {
    /// The issuing key a record's index names (the test made the record, so it may take the key from it).
    static func issuingKey(_ record: URL) throws -> String {
        try JSONDecoder().decode(RecordIndex.self, from: Data(contentsOf: record.appendingPathComponent("record.json"))).issuingPublicKey.hex
    }

    @Test("receipt check: counted exits 0, void exits 3 with a clear message, no key is refused; pass check lists the uses")
    func receiptAndPass() throws {
        let (cli, record, receipts) = try RecordTamperTests.record()
        let key = try Self.issuingKey(record)
        let counted = try cli.run("receipt", "check", "--record", record.path, "--receipt", receipts[0], "--issuing-key", key)
        #expect(counted.status == 0 && counted.stdout.contains("Your ballot is in the published record and counts"), "\(counted.stdout) \(counted.stderr)")
        // The first ballot at the buurthuis used a pass that had voted at the bibliotheek before: void.
        let line = try String(contentsOf: record.appendingPathComponent("ballots/buurthuis.jsonl"), encoding: .utf8).split(separator: "\n")[0]
        let ballot = try JSONDecoder().decode(BallotLine.self, from: Data(line.utf8)).ballot(election: "kw-now", kiosk: "buurthuis")
        let voidCode = TrackingCode.code(leafHash: ballot.leafHash)
        let void = try cli.run("receipt", "check", "--record", record.path, "--receipt", voidCode, "--issuing-key", key)
        #expect(void.status == 3, "\(void.stdout) \(void.stderr)")
        #expect(void.stdout.contains("Your ballot does NOT count: it is in the record, but VOID") && void.stdout.contains("at kiosk bibliotheek position 5"), "\(void.stdout)")
        #expect(!void.stdout.contains("and counts"))
        let voidJSON = try cli.run("receipt", "check", "--record", record.path, "--receipt", voidCode, "--issuing-key", key, "--json")
        #expect(voidJSON.status == 3 && voidJSON.stdout.contains("\"void\" : true"), "\(voidJSON.stdout)")
        let unpinned = try cli.run("receipt", "check", "--record", record.path, "--receipt", receipts[0])
        #expect(unpinned.status != 0 && unpinned.stderr.contains("--issuing-key HEX"), "\(unpinned.stderr)")
        let otherKey = try cli.run("receipt", "check", "--record", record.path, "--receipt", receipts[0], "--issuing-key", SigningKey().publicKey.hex)
        #expect(otherKey.status != 0 && otherKey.stderr.contains("not signed by the issuing key you gave"), "\(otherKey.stderr)")

        // The pass used at both locations: counted at the bibliotheek, void at the buurthuis.
        let passes = try cli.run("pass", "check", "--record", record.path, "--pass", Self.code(of: ballot, cli: cli), "--issuing-key", key, "--json")
        #expect(passes.status == 0, "\(passes.stderr)")
        let answer = try JSONSerialization.jsonObject(with: Data(passes.stdout.utf8)) as? [String: Any]
        let uses = answer?["uses"] as? [[String: Any]] ?? []
        #expect(uses.map { "\($0["kiosk"] ?? "")#\($0["position"] ?? "") \(($0["counted"] as? Bool) == true)" } == ["bibliotheek#5 true", "buurthuis#0 false"], "\(passes.stdout)")
        let mistyped = try cli.run("pass", "check", "--record", record.path, "--pass", "ABC-DEF", "--issuing-key", key)
        #expect(mistyped.status != 0 && mistyped.stderr.contains("--pass:"), "\(mistyped.stderr)")
        let stranger = try cli.run("pass", "check", "--record", record.path, "--pass", TypeableCode.random(.stempas).formatted, "--issuing-key", key)
        #expect(stranger.status != 0 && stranger.stderr.contains("this pass was not issued in election kw-now"), "\(stranger.stderr)")
    }

    /// The code of the pass that signed `ballot`, found among the codes the CLI printed in `cli`'s folder.
    static func code(of ballot: Ballot, cli: CLI) throws -> String {
        let printed = try String(contentsOf: cli.directory.appendingPathComponent("print/stempassen.csv"), encoding: .utf8)
        for line in printed.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",")
            guard fields.count > 2, case let field = fields[2], let code = try? TypeableCode(parsing: String(field), format: .stempas) else { continue }
            if PassToken.passKey(secret: code.bytes).publicKey == ballot.pass { return String(field) }
        }
        throw CLIFailure(message: "no printed code signs the ballot")
    }

    struct CLIFailure: Error {
        let message: String
    }

    @Test("cheques check: redeemed for a funded and an unfunded initiative, not redeemed, a wrong code and another key")
    func cheques() throws {
        let records = try ChequeVerifyTests.records.get()
        let cli = records.cli, record = records.settled
        let key = try Self.issuingKey(record)
        let csv = try String(contentsOf: cli.directory.appendingPathComponent("print/cheques.csv"), encoding: .utf8)
        let cheques = csv.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",")
            return (buurt: String(fields[1]), code: String(fields.last ?? ""))
        }
        func check(_ code: String, _ extra: String...) throws -> CLI.Result {
            try cli.run(["cheques", "check", "--record", record.path, "--code", code, "--issuing-key", key] + extra)
        }
        let moestuin = try check(cheques.filter { $0.buurt == "BU00140103" }[0].code)
        #expect(moestuin.status == 0 && moestuin.stdout.contains("for initiative 1, \"Moestuin\": funded."), "\(moestuin.stdout) \(moestuin.stderr)")
        let speelplek = try check(cheques.filter { $0.buurt == "BU00140102" }[0].code, "--json")
        let answer = try JSONSerialization.jsonObject(with: Data(speelplek.stdout.utf8)) as? [String: Any]
        let redemption = (answer?["redemptions"] as? [[String: Any]])?.first
        #expect(redemption?["initiative"] as? Int == 2 && redemption?["funded"] as? Bool == false,
                "\(speelplek.stdout) \(speelplek.stderr)")
        let unused = try check(cheques.first { $0.buurt != "BU00140103" && $0.buurt != "BU00140102" }?.code ?? "")
        #expect(unused.status == 0 && unused.stdout.contains("Your cheque was not redeemed"), "\(unused.stdout) \(unused.stderr)")
        var typo = Array(cheques[0].code)
        typo[2] = typo[2] == "A" ? "B" : "A"
        let mistyped = try check(String(typo))
        #expect(mistyped.status != 0 && mistyped.stderr.contains("--code:"), "\(mistyped.stderr)")
        let stranger = try check(TypeableCode.random(.cheque).formatted)
        #expect(stranger.status != 0 && stranger.stderr.contains("this cheque was not issued in round 2026-voorjaar"), "\(stranger.stderr)")
        let otherKey = try cli.run("cheques", "check", "--record", record.path, "--code", cheques[0].code, "--issuing-key", SigningKey().publicKey.hex)
        #expect(otherKey.status != 0 && otherKey.stderr.contains("not signed by the issuing key you gave"), "\(otherKey.stderr)")
    }
}
