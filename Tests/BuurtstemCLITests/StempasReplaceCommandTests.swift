import BuurtstemRecord
import Foundation
import Testing

/// Issue 19, end to end: `buurtstem stempas replace` at the desk, a revoked pass refused by `vote` and the kiosk
/// with its own message, the replacement voting, and `buurtstem-verify` passing the record with its replaced passes.
@Suite("stempas replace from the command line")
struct StempasReplaceCommandTests {
    @Test("revoke a damaged letter's pass and replace it; replace a lost one; the record verifies pinned")
    func replaceVoteVerify() async throws {
        let (cli, codes) = try StemdagCommandTests.prepared()
        let csv = try String(contentsOf: cli.directory.appendingPathComponent("print/stempassen.csv"), encoding: .utf8)
        let households = csv.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        #expect(try cli.run("election", "publish", "--election", "kw-now", "--out", "prepub").status == 0)
        #expect(try cli.run("polls", "open", "--election", "kw-now").status == 0)

        // Household 2 brings its damaged letter: its pass is revoked and a new letter printed.
        let replaced = try cli.run("stempas", "replace", "--election", "kw-now", "--household", households[2], "--revoke-code", codes[2],
                                   "--print-to", "vervanging-1", "--addresses", "households.csv", "--json")
        #expect(replaced.status == 0, "\(replaced.stderr)")
        let letter = try String(contentsOf: cli.directory.appendingPathComponent("vervanging-1/stempas-vervanging.html"), encoding: .utf8)
        let start = try #require(letter.range(of: "<div class=\"code\">"))
        let newCode = String(letter[start.upperBound...].prefix { $0 != "<" })
        #expect(letter.contains("Vingerafdruk") || letter.contains("vingerafdruk"))

        let refused = try cli.run("vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--pass", codes[2], "--choices", "KW-01")
        #expect(refused.status != 0 && refused.stderr.contains("replaced at the desk"), "\(refused.stderr)")
        let kiosk = try KioskServiceTests.service(cli)
        do {
            _ = try await kiosk.admit(code: codes[2])
            Issue.record("the kiosk admitted a revoked pass")
        } catch {
            #expect(error.message.code == "revoked" && error.status == 410 && error.message.nl.contains("vervangen"))
        }
        #expect(try cli.run("vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--pass", newCode, "--choices", "KW-01").status == 0)

        // A used pass cannot be revoked; a lost letter is replaced without revocation.
        #expect(try cli.run("vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--pass", codes[3], "--choices", "KW-02").status == 0)
        let used = try cli.run("stempas", "replace", "--election", "kw-now", "--household", households[3], "--revoke-code", codes[3],
                               "--print-to", "vervanging-2")
        #expect(used.status != 0 && used.stderr.contains("already voted"), "\(used.stderr)")
        let lost = try cli.run("stempas", "replace", "--election", "kw-now", "--household", households[4], "--print-to", "vervanging-3")
        #expect(lost.status == 0 && lost.stdout.contains("without revocation"), "\(lost.stderr)")

        #expect(try cli.run("polls", "close", "--election", "kw-now").status == 0)
        #expect(try cli.run("record", "export", "--election", "kw-now", "--out", "record").status == 0)
        let (status, failed, report) = try RecordTamperTests.verify(cli, cli.directory.appendingPathComponent("record"),
                                                                    "--pinned", cli.directory.appendingPathComponent("prepub").path)
        #expect(status == 0 && failed.isEmpty, "\(failed)")
        let checks = (report["checks"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(checks.contains("replaced passes"))
    }
    @Test("a location that kept its own store takes a pass the main desk revokes later: merge says so, tally voids it, the record verifies, the receipt says why")
    func revokedAtLocation() throws {
        let (cli, codes) = try StemdagCommandTests.prepared()
        let csv = try String(contentsOf: cli.directory.appendingPathComponent("print/stempassen.csv"), encoding: .utf8)
        let households = csv.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        #expect(try cli.run("election", "publish", "--election", "kw-now", "--out", "prepub").status == 0)
        #expect(try cli.run("store", "copy", "--to", "location2.sqlite").status == 0)
        for db in ["buurtstem.sqlite", "location2.sqlite"] {
            #expect(try cli.run("polls", "open", "--election", "kw-now", "--db", db).status == 0)
        }
        let atLocation = try cli.run("vote", "--db", "location2.sqlite", "--election", "kw-now", "--kiosk", "buurthuis", "--pass", codes[2],
                                     "--choices", "KW-01", "--json")
        #expect(atLocation.status == 0, "\(atLocation.stderr)")
        let receipt = try #require((try JSONSerialization.jsonObject(with: Data(atLocation.stdout.utf8)) as? [String: Any])?["trackingCode"] as? String)
        // The main store has not seen that ballot: the desk revokes the pass and prints a new letter.
        let replaced = try cli.run("stempas", "replace", "--election", "kw-now", "--household", households[2], "--revoke-code", codes[2],
                                   "--print-to", "vervanging")
        #expect(replaced.status == 0, "\(replaced.stderr)")
        let letter = try String(contentsOf: cli.directory.appendingPathComponent("vervanging/stempas-vervanging.html"), encoding: .utf8)
        let start = try #require(letter.range(of: "<div class=\"code\">"))
        let newCode = String(letter[start.upperBound...].prefix { $0 != "<" })
        #expect(try cli.run("vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--pass", newCode, "--choices", "KW-02").status == 0)
        #expect(try cli.run("vote", "--election", "kw-now", "--kiosk", "bibliotheek", "--pass", codes[3], "--choices", "KW-01").status == 0)

        #expect(try cli.run("polls", "close", "--election", "kw-now", "--kiosk", "buurthuis", "--db", "location2.sqlite").status == 0)
        #expect(try cli.run("polls", "close", "--election", "kw-now", "--kiosk", "bibliotheek").status == 0)
        let merged = try cli.run("polls", "merge", "--election", "kw-now", "--from", "location2.sqlite")
        #expect(merged.status == 0 && merged.stdout.contains("1 of the added ballots used a pass revoked here"), "\(merged.stdout) \(merged.stderr)")
        let tally = try cli.run("tally", "--election", "kw-now")
        #expect(tally.status == 0 && tally.stdout.contains("void: buurthuis #0: pass was revoked at the desk"), "\(tally.stdout) \(tally.stderr)")

        #expect(try cli.run("record", "export", "--election", "kw-now", "--out", "record").status == 0)
        let record = cli.directory.appendingPathComponent("record")
        let (status, failed, _) = try RecordTamperTests.verify(cli, record, "--pinned", cli.directory.appendingPathComponent("prepub").path)
        #expect(status == 0 && failed.isEmpty, "\(failed)")
        let result = try JSONSerialization.jsonObject(with: Data(contentsOf: record.appendingPathComponent("result.json"))) as? [String: Any]
        let voids = result?["voids"] as? [[String: Any]] ?? []
        #expect(voids.count == 1 && voids.first?["reason"] as? String == "pass_revoked" && voids.first?["kiosk"] as? String == "buurthuis", "\(voids)")
        #expect((result?["contests"] as? [[String: Any]])?.first?["ballots_counted"] as? Int == 2)

        let key = try JSONDecoder().decode(RecordIndex.self, from: Data(contentsOf: record.appendingPathComponent("record.json"))).issuingPublicKey.hex
        let checked = try cli.run("receipt", "check", "--record", record.path, "--receipt", receipt, "--issuing-key", key)
        #expect(checked.status == 3 && checked.stdout.contains("ingetrokken") && checked.stdout.contains("VOID"), "\(checked.stdout) \(checked.stderr)")
        let pass = try cli.run("pass", "check", "--record", record.path, "--pass", codes[2], "--issuing-key", key)
        #expect(pass.status == 0 && pass.stdout.contains("VOID (the pass was revoked"), "\(pass.stdout) \(pass.stderr)")
        // The household's new pass (made at the desk, in replacements.json) is found and its ballot counts.
        let renewed = try cli.run("pass", "check", "--record", record.path, "--pass", newCode, "--issuing-key", key, "--json")
        let answer = try JSONSerialization.jsonObject(with: Data(renewed.stdout.utf8)) as? [String: Any]
        #expect(renewed.status == 0 && answer?["revoked"] as? Bool == false
                && (answer?["uses"] as? [[String: Any]])?.map { $0["counted"] as? Bool } == [true], "\(renewed.stdout) \(renewed.stderr)")
    }
}
