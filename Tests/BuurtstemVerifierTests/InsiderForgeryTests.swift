import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing
@testable import BuurtstemVerifier

/// Records an insider made with every key in hand (issuing, kiosks, passes) and signed again throughout: each one
/// breaks a rule the engine enforces, and the named check must catch it with a message naming the place, never
/// crash, and never report a check that could not run as passed (issue #15).
@Suite("The verifier never trusts structure: re-signed forgeries")
struct InsiderForgeryTests {
    /// A forgery: how the insider changes the record, the check that must fail, a part of its message, and the
    /// file and line it must name (line nil: a whole file).
    struct Forgery: Sendable, CustomStringConvertible {
        let name: String
        let check: String
        let message: String
        var file: String?
        var line: Int?
        let change: @Sendable (inout InsiderRecord) -> Void
        var description: String { name }
    }

    static func verify(_ record: InsiderRecord) throws -> VerificationReport {
        let folder = InsiderRecord.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try record.write(to: folder)
        return RecordVerifier(folder: folder, expectedIssuingKey: record.issuingKey.publicKey).verify()
    }

    /// `data` with its first occurrence of `from` replaced by `to`.
    static func replacing(_ data: Data, _ from: String, _ to: String) -> Data {
        let text = String(decoding: data, as: UTF8.self)
        guard let range = text.range(of: from) else { return data }
        return Data(text.replacingCharacters(in: range, with: to).utf8)
    }

    @Test("the insider's honest record passes every check, and every check ran")
    func honestRecordPasses() throws {
        let report = try Self.verify(InsiderRecord())
        #expect(report.passed, "\(report.checks.filter { !$0.passed }.map { "\($0.name): \($0.notRun ?? "") \($0.failures)" })")
        #expect(report.checks.allSatisfy { $0.notRun == nil && $0.items > 0 }, "\(report.checks.map { "\($0.name) \($0.items)" })")
    }

    @Test("a record in which nobody voted passes, and every check ran (none is shown as not run)")
    func emptyRecordPasses() throws {
        var record = InsiderRecord()
        record.casts = []
        let report = try Self.verify(record)
        #expect(report.passed, "\(report.checks.filter { !$0.passed }.map { "\($0.name): \($0.notRun ?? "") \($0.failures)" })")
    }

    static let forgeries: [Forgery] = [
        Forgery(name: "a project id twice in the signed definition", check: "definition", message: "project id A is used twice",
                file: "definition.json") { record in
            record.definition = InsiderRecord.definition(projects: [
                Project(id: "A", title: "Speeltuin", description: "", costCents: 10_000, area: nil, category: nil),
                Project(id: "B", title: "Bankjes", description: "", costCents: 20_000, area: nil, category: nil),
                Project(id: "A", title: "Nog eens", description: "", costCents: 5_000, area: nil, category: nil),
            ])
        },
        Forgery(name: "an area with two contests in the signed definition", check: "definition", message: "area WK001401 has two contests",
                file: "definition.json") { record in
            record.definition = InsiderRecord.definition(contests: [
                Contest(area: "WK001401", budgetCents: 5, projects: [Project(id: "Z", title: "Z", description: "", costCents: 1, area: nil, category: nil)]),
            ])
        },
        Forgery(name: "an area twice in the signed commitment", check: "issued passes", message: "area WK001401 is listed after WK001401",
                file: "commitment.json") { record in
            record.commitmentAreas = { $0 + $0 }
        },
        Forgery(name: "a negative minimum age (no u32 holds it)", check: "definition", message: "eligibility.minimum_age -1",
                file: "definition.json") { record in
            let d = record.definition
            record.definition = ElectionDefinition(id: d.id, title: d.title, gemeente: d.gemeente, registerSnapshot: d.registerSnapshot,
                                                   eligibility: .resident(minimumAge: -1), ballot: d.ballot, allocation: d.allocation,
                                                   pollsOpenMillis: d.pollsOpenMillis, pollsCloseMillis: d.pollsCloseMillis, contests: d.contests)
        },
        Forgery(name: "project costs whose sum overflows", check: "definition", message: "more together than a 64-bit number",
                file: "definition.json") { record in
            record.definition = InsiderRecord.definition(projects: ["A", "B", "C"].map {
                Project(id: $0, title: $0, description: "", costCents: Int64.max, area: nil, category: nil)
            })
        },
        Forgery(name: "a ballot cast before the polls opened", check: "ballot validity", message: "ballot 0: cast at",
                file: "ballots/bieb.jsonl", line: 1) { record in
            record.casts[0].time = InsiderRecord.opens - InsiderRecord.hour
        },
        Forgery(name: "a ballot cast after the polls closed", check: "ballot validity", message: "outside the polling window",
                file: "ballots/bieb.jsonl", line: 3) { record in
            record.casts[2].time = record.definition.pollsCloseMillis + 1
            record.checkpointPlan["bieb"] = [(1, InsiderRecord.opens + InsiderRecord.hour + 60_000), (3, record.definition.pollsCloseMillis + 2)]
        },
        Forgery(name: "a ballot added after the kiosk's final checkpoint", check: "logs and checkpoints", message: "after kiosk bieb's final checkpoint",
                file: "ballots/bieb.jsonl", line: 3) { record in
            record.checkpointPlan["bieb"] = [(1, InsiderRecord.opens + InsiderRecord.hour + 60_000), (3, InsiderRecord.opens + 2 * InsiderRecord.hour + 60_000)]
        },
        Forgery(name: "checkpoints out of order by size", check: "logs and checkpoints", message: "checkpoint 2 (1 ballots",
                file: "checkpoints/bieb.json") { record in
            record.checkpointPlan["bieb"] = [(3, record.definition.pollsCloseMillis), (1, InsiderRecord.opens + InsiderRecord.hour + 60_000)]
        },
        Forgery(name: "checkpoint times going back", check: "logs and checkpoints", message: "checkpoints are listed in the order made",
                file: "checkpoints/bieb.json") { record in
            record.checkpointPlan["bieb"] = [(1, record.definition.pollsCloseMillis), (3, InsiderRecord.opens + 4 * InsiderRecord.hour)]
        },
        Forgery(name: "a project listed twice in the result", check: "counts", message: "WK001401: project A is listed twice",
                file: "result.json") { record in
            record.resultContests = { $0.map { .init(area: $0.area, passesIssued: $0.passesIssued, ballotsCounted: $0.ballotsCounted,
                                                     projects: $0.projects + [$0.projects[0]], fundedCostCents: $0.fundedCostCents) } }
        },
        Forgery(name: "a project left out of the result", check: "counts", message: "WK001401: the result leaves out project B",
                file: "result.json") { record in
            record.resultContests = { $0.map { .init(area: $0.area, passesIssued: $0.passesIssued, ballotsCounted: $0.ballotsCounted,
                                                     projects: $0.projects.filter { $0.id != "B" }, fundedCostCents: 40_000) } }
        },
        Forgery(name: "the result's projects in another order", check: "counts", message: "not in the definition's order A, B, C",
                file: "result.json") { record in
            record.resultContests = { $0.map { .init(area: $0.area, passesIssued: $0.passesIssued, ballotsCounted: $0.ballotsCounted,
                                                     projects: $0.projects.reversed(), fundedCostCents: $0.fundedCostCents) } }
        },
        Forgery(name: "definition_hash that is not the definition's", check: "definition", message: "definition_hash 0000000000000000... is not the SHA-256",
                file: "definition.json") { record in
            record.writtenDefinitionHash = [UInt8](repeating: 0, count: 32)
        },
        Forgery(name: "an unknown tie-break (once silently lexico)", check: "definition", message: "coin",
                file: "definition.json") { record in
            record.rewrite = { name, data in name == "definition.json" ? Self.replacing(data, "\"lexico\"", "\"coin\"") : data }
        },
        Forgery(name: "an unknown rule", check: "definition", message: "greedy-random",
                file: "definition.json") { record in
            record.rewrite = { name, data in name == "definition.json" ? Self.replacing(data, "\"greedy\"", "\"greedy-random\"") : data }
        },
        Forgery(name: "a duplicate key in result.json", check: "result signature", message: "the key \"election\" appears twice",
                file: "result.json") { record in
            record.rewrite = { name, data in name == "result.json" ? Self.replacing(data, "{", "{\"election\":\"other\",") : data }
        },
        Forgery(name: "a byte-order mark before definition.json", check: "definition", message: "byte-order mark",
                file: "definition.json") { record in
            record.rewrite = { name, data in name == "definition.json" ? Data([0xEF, 0xBB, 0xBF]) + data : data }
        },
        Forgery(name: "upper-case hex in the commitment's root", check: "issued passes", message: "is not lower-case hex",
                file: "commitment.json") { record in
            record.rewrite = { name, data in
                guard name == "commitment.json", var object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                      let root = object["root"] as? String else { return data }
                object["root"] = root.uppercased()
                return (try? JSONSerialization.data(withJSONObject: object)) ?? data
            }
        },
        Forgery(name: "upper-case hex in a ballot line", check: "ballot signatures", message: "is not lower-case hex",
                file: "ballots/buurthuis.jsonl", line: 2) { record in
            record.rewrite = { name, data in
                guard name == "ballots/buurthuis.jsonl" else { return data }
                var lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
                let pass = lines[1].components(separatedBy: "\"pass\":\"")[1].prefix(64)
                lines[1] = lines[1].replacingOccurrences(of: String(pass), with: pass.uppercased())
                return Data((lines.joined(separator: "\n") + "\n").utf8)
            }
        },
        Forgery(name: "a ballots file whose name is no kiosk name, not listed", check: "files", message: "is in ballots/ but is not a kiosk's file",
                file: "ballots/bieb 2.jsonl") { record in
            record.extraFiles = [("ballots/bieb 2.jsonl", Data("{}\n".utf8), false)]
        },
        Forgery(name: "a ballots file whose name is no kiosk name, listed and signed", check: "files", message: "which is no file of an election record",
                file: "record.json") { record in
            record.extraFiles = [("ballots/bieb.txt", Data("{}\n".utf8), true)]
        },
        Forgery(name: "a ballots file of a kiosk nobody registered, listed and signed", check: "files", message: "but kiosks.json registers no kiosk 'ghost'",
                file: "record.json") { record in
            record.extraFiles = [("ballots/ghost.jsonl", Data("{}\n".utf8), true)]
        },
        Forgery(name: "a duplicate key in a ballot line", check: "ballot signatures", message: "the key \"area\" appears twice",
                file: "ballots/bieb.jsonl", line: 2) { record in
            record.rewrite = { name, data in
                guard name == "ballots/bieb.jsonl" else { return data }
                var lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
                lines[1] = lines[1].replacingOccurrences(of: "{\"area\":", with: "{\"area\":\"WK999999\",\"area\":")
                return Data((lines.joined(separator: "\n") + "\n").utf8)
            }
        },
    ]

    @Test("each forgery, re-signed with the insider's keys, fails the named check at the named place", arguments: forgeries)
    func forgery(_ forgery: Forgery) throws {
        var record = InsiderRecord()
        forgery.change(&record)
        let report = try Self.verify(record)
        #expect(!report.passed, "\(forgery.name) passed")
        let check = report.checks.first { $0.name == forgery.check }
        let failures = check?.failures ?? []
        #expect(failures.contains { $0.message.contains(forgery.message) && (forgery.file == nil || $0.file == forgery.file) && $0.line == forgery.line },
                "\(forgery.name): \(report.checks.filter { !$0.passed }.map { "\($0.name): \($0.notRun ?? "") \($0.failures)" })")
        // Every signature is right: only content checks may fail.
        for signed in ["files", "kiosks"] where signed != forgery.check {
            #expect(report.checks.first { $0.name == signed }?.failures.isEmpty == true, "\(forgery.name): \(signed) failed")
        }
    }

    @Test("an unknown tie-break or rule stops the allocation from running: it is reported as not run, never as passed")
    func unknownTieBreakIsNotRun() throws {
        for (from, to) in [("\"lexico\"", "\"coin\""), ("\"greedy\"", "\"dictator\"")] {
            var record = InsiderRecord()
            record.rewrite = { name, data in name == "definition.json" ? Self.replacing(data, from, to) : data }
            let report = try Self.verify(record)
            let check = report.checks.first { $0.name == "allocation" }
            #expect(check?.failures.isEmpty == true && check?.notRun != nil, "\(String(describing: check))")
            #expect(check?.passed == false && !report.passed)
        }
    }

    @Test("a cost times its voters past 2^63 (a trap in Equal Shares once): the allocation is reported as not run, naming the contest")
    func amountsBeyondExactRange() throws {
        var record = InsiderRecord()
        record.definition = InsiderRecord.definition(
            projects: [Project(id: "A", title: "A", description: "", costCents: 1, area: nil, category: nil),
                       Project(id: "B", title: "B", description: "", costCents: Int64.max / 2, area: nil, category: nil),
                       Project(id: "C", title: "C", description: "", costCents: 1, area: nil, category: nil)],
            allocation: AllocationSpec(rule: .mes, satisfaction: nil, completion: .add1, tieBreak: .lexico))
        let report = try Self.verify(record)
        let check = report.checks.first { $0.name == "allocation" }
        #expect(check?.notRun?.contains("WK001401: its amounts times 5 voters") == true, "\(String(describing: check))")
        #expect(!report.passed)
    }

    @Test("checks that cannot run because an earlier file is unreadable are reported as not run")
    func unreadableDefinitionLeavesChecksNotRun() throws {
        var record = InsiderRecord()
        record.rewrite = { name, data in name == "result.json" ? Data("{\"election\": 1}".utf8) : data }
        let report = try Self.verify(record)
        let byName = Dictionary(report.checks.map { ($0.name, $0) }) { first, _ in first }
        #expect(byName["result signature"]?.failures.isEmpty == false)
        for name in ["voids", "allocation"] {
            #expect(byName[name]?.notRun != nil && byName[name]?.passed == false, "\(name): \(String(describing: byName[name]))")
        }
    }

    @Test("no signed definition crashes the verifier: every rule and ballot type with zero, huge and negative amounts")
    func extremeDefinitionsNeverCrash() throws {
        let rules = AllocationRule.allCases
        let ballots: [BallotType] = [.approval(min: 1, max: 3), .cumulative(points: Int(UInt32.max), maxPerProject: nil), .ranking(max: 3),
                                     .knapsack, .chooseOne, .approval(min: -1, max: Int.max)]
        // [1, max / 2, 1]: the costs fit, but a cost times its three voters does not (once a trap in Equal Shares).
        let costs: [[Int64]] = [[0, 0, 0], [0, 1, Int64.max / 4], [-5, 1, 2], [Int64.max, Int64.max, 1], [1, Int64.max / 2, 1]]
        let budgets: [Int64] = [0, 1, Int64.max, -1]
        var verified = 0
        for rule in rules {
            for ballot in ballots {
                for cost in costs {
                    for budget in budgets {
                        var record = InsiderRecord()
                        let projects = zip(["A", "B", "C"], cost).map { Project(id: $0, title: $0, description: "", costCents: $1, area: nil, category: nil) }
                        let base = InsiderRecord.definition(projects: projects, allocation: AllocationSpec(rule: rule, satisfaction: nil, completion: nil, tieBreak: .costVotes),
                                                            ballot: ballot)
                        record.definition = ElectionDefinition(
                            id: base.id, title: base.title, gemeente: base.gemeente, registerSnapshot: base.registerSnapshot, eligibility: base.eligibility,
                            ballot: base.ballot, allocation: base.allocation, pollsOpenMillis: base.pollsOpenMillis, pollsCloseMillis: base.pollsCloseMillis,
                            contests: [Contest(area: "WK001401", budgetCents: budget, projects: projects)])
                        let report = try Self.verify(record)
                        #expect(!report.checks.isEmpty)
                        verified += 1
                    }
                }
            }
        }
        #expect(verified == rules.count * ballots.count * costs.count * budgets.count)
    }
}
