@testable import Buurtstem
@testable import BuurtstemDemo
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB
import Testing

/// A Korrewegwijk election over a register made for the test: three buurten of 100 households, one of 30 (merged
/// for privacy), and residents of Professorenbuurt-Noord who hardly vote.
struct UnderRepresentedFixture {
    let store: Store
    let folder: URL
    /// Ballots cast per buurt (the small buurt's households vote with De Hoogte's group).
    static let ballots = ["BU00140100": 55, "BU00140103": 5, "BU00140101": 50, "BU00140102": 10]
    /// Of those, on paper (kiosk `papier`).
    static let paper = ["BU00140101": 4]

    init() throws {
        let (store, folder) = try groningenStore()
        var rows = ["household_id,buurt,residents,eligible"]
        for (buurt, count) in [("BU00140100", 100), ("BU00140101", 100), ("BU00140102", 100), ("BU00140103", 30), ("BU00140200", 80)] {
            for index in 0..<count { rows.append("\(buurt.suffix(4))\(String(format: "%04d", index)),\(buurt),2,2") }
        }
        _ = try RegisterImport.run(Array((rows.joined(separator: "\n") + "\n").utf8), file: "households.csv", eligibleAge: 16, into: store)
        let passphrase = Passphrase(environment: ["BUURTSTEM_PASSPHRASE": StemdagFixture.passphrase], interactive: false)
        let issuingKey = try KeyFile.unseal(folder.appendingPathComponent("issuing.key").path, passphrase: passphrase)
        let text = StemdagFixture.aroundNow(String(decoding: try shippedFile("Ballots/wijkstemdag-korrewegwijk-2026.yaml"), as: UTF8.self), id: "reach")
        _ = try Election.create(try ElectionFile.parse(text, file: "reach.yaml", store: store), issuingKey: issuingKey, in: store)
        for name in ["bibliotheek", "papier"] {
            _ = try Kiosk.add(election: "reach", name: name, keyFile: folder.appendingPathComponent("\(name).key").path,
                              passphrase: StemdagFixture.passphrase, issuingKey: issuingKey, store: store)
        }
        let print = folder.appendingPathComponent("print")
        _ = try StempasIssuance.issue(election: "reach", store: store, issuingKey: issuingKey, addresses: nil, printFolder: print)
        _ = try ElectionPublication.publish(election: "reach", store: store, issuingKey: issuingKey, folder: folder.appendingPathComponent("prepublication"))
        _ = try Polls.open(election: "reach", store: store)
        let lines = try String(contentsOf: print.appendingPathComponent("stempassen.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        var left = Self.ballots, paperLeft = Self.paper
        let box = BallotBox(store: store)
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let buurt = "BU0014" + fields[0].prefix(4)
            guard left[buurt, default: 0] > 0 else { continue }
            left[buurt]! -= 1
            let paper = paperLeft[buurt, default: 0] > 0
            if paper { paperLeft[buurt]! -= 1 }
            _ = try box.cast(election: "reach", kiosk: paper ? "papier" : "bibliotheek", code: String(fields[2]),
                             choices: [Choice(project: "KW-01", value: 1)])
        }
        _ = try Polls.close(election: "reach", store: store, timeMillis: Int64(Date().timeIntervalSince1970 * 1000)) { kiosk in
            try KeyFile.unseal(kiosk.keyFile, passphrase: passphrase)
        }
        self.store = store
        self.folder = folder
    }

    /// Every table's row count, to show a report stored nothing.
    func rowCounts() throws -> [String: Int] {
        try store.read { db in
            var counts: [String: Int] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"")
            }
            return counts
        }
    }
}

@Suite("Reach and representativeness")
struct ReachReportTests {
    @Test("buurten under 50 households are merged: with the wijk's other small buurten, else into its smallest large buurt, else the wijk")
    func groups() {
        let wijk = "WK001401"
        func sizes(_ pairs: [(String, Int64)]) -> [ReachGroup.BuurtSize] { pairs.map { .init(code: $0.0, households: $0.1) } }
        let separate = ReachGroup.groups(wijk: wijk, buurten: sizes([("BU00140100", 80), ("BU00140101", 50)]))
        #expect(separate.map(\.code) == ["BU00140100", "BU00140101"])
        let rest = ReachGroup.groups(wijk: wijk, buurten: sizes([("BU00140100", 80), ("BU00140101", 30), ("BU00140102", 25), ("BU00140103", 0)]))
        #expect(rest.map(\.code) == ["BU00140100", "WK001401-overig"])
        #expect(rest[1].buurten == ["BU00140101", "BU00140102"] && rest[1].households == 55)
        let host = ReachGroup.groups(wijk: wijk, buurten: sizes([("BU00140100", 80), ("BU00140101", 60), ("BU00140102", 10)]))
        #expect(host.map(\.code) == ["BU00140100", "BU00140101"])
        #expect(host[1].buurten == ["BU00140101", "BU00140102"] && host[1].households == 70)
        let whole = ReachGroup.groups(wijk: wijk, buurten: sizes([("BU00140100", 20), ("BU00140101", 10)]))
        #expect(whole == [ReachGroup(code: wijk, wijk: wijk, buurten: ["BU00140100", "BU00140101"], households: 30)])
        #expect(ReachGroup.groups(wijk: wijk, buurten: []).isEmpty)
    }

    @Test("a line's shares, gap and ratio come from exact integers; the flag is share of ballots < share of passes x (1 - margin)")
    func lineArithmetic() {
        let line = ReachLine(level: .buurt, code: "B", name: "B", wijk: "W", buurten: ["B"], households: 100, issued: 100, ballotsKiosk: 10,
                             ballotsPaper: 0, participation: 10, issuedTotal: 330, participationTotal: 120, marginPercent: 25)
        #expect(line.turnoutPercent == 10)
        #expect(line.issuedSharePercent == 30.3 && line.participationSharePercent == 8.3)
        #expect(line.gapPoints == -22.0)
        #expect(line.representation == 0.28)
        #expect(line.underRepresented)
        // Exactly at the margin is not beyond it: half the passes, 37.5 % of the ballots.
        let edge = ReachLine(level: .buurt, code: "E", name: "E", wijk: "W", buurten: [], households: 100, issued: 100, ballotsKiosk: nil,
                             ballotsPaper: nil, participation: 75, issuedTotal: 200, participationTotal: 200, marginPercent: 25)
        #expect(edge.representation == 0.75 && !edge.underRepresented)
        let empty = ReachLine(level: .buurt, code: "Z", name: "Z", wijk: "W", buurten: [], households: 0, issued: 0, ballotsKiosk: nil,
                              ballotsPaper: nil, participation: 0, issuedTotal: 0, participationTotal: 0, marginPercent: 25)
        #expect(empty.turnoutPercent == 0 && !empty.underRepresented)
    }

    @Test("the deliberately under-represented buurt is flagged, and only it; the small buurt is counted with De Hoogte")
    func flagsTheUnderRepresentedBuurt() throws {
        let fixture = try UnderRepresentedFixture()
        let report = try ElectionReport.load(election: "reach", store: fixture.store)
        let reach = report.reach
        #expect(reach.buurtCountsAvailable)
        #expect(reach.buurten.map(\.code) == ["BU00140100", "BU00140101", "BU00140102"])
        let hoogte = reach.buurten[0], indische = reach.buurten[1], professoren = reach.buurten[2]
        #expect(hoogte.buurten == ["BU00140100", "BU00140103"] && hoogte.households == 130 && hoogte.issued == 130 && hoogte.participation == 60)
        #expect(indische.participation == 50 && indische.ballotsPaper == 4 && indische.ballotsKiosk == 46)
        #expect(professoren.participation == 10 && professoren.turnoutPercent == 10)
        #expect(professoren.gapPoints == -22.0 && professoren.representation == 0.28)
        #expect(reach.flagged.map(\.code) == ["BU00140102"])
        // Oosterpark has no contest: it is not in the reach at all.
        #expect(reach.wijken.map(\.code) == ["WK001401"])
        #expect(reach.total.issued == 330 && reach.total.participation == 120 && reach.total.ballotsPaper == 4)
        // The margin decides: at 80 % a ratio of 0.28 is tolerated; at 0 % only it is below 1.
        #expect(try ElectionReport.load(election: "reach", store: fixture.store, marginPercent: 80).reach.flagged.isEmpty)
        #expect(try ElectionReport.load(election: "reach", store: fixture.store, marginPercent: 0).reach.flagged.map(\.code) == ["BU00140102"])
    }

    @Test("the store keeps per pass only its group, never a buurt under 50 households; the record carries no group")
    func privacy() throws {
        let fixture = try UnderRepresentedFixture()
        let groups = try fixture.store.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT groupCode FROM passReachGroup WHERE electionId = 'reach' ORDER BY groupCode")
        }
        #expect(groups == ["BU00140100", "BU00140101", "BU00140102"])
        let columns = try fixture.store.read { db in try db.columns(in: "passReachGroup").map(\.name) }
        #expect(columns == ["electionId", "publicKey", "groupCode"])
        #expect(try fixture.store.check().isEmpty)
        let key = try KeyFile.unseal(fixture.folder.appendingPathComponent("issuing.key").path,
                                     passphrase: Passphrase(environment: ["BUURTSTEM_PASSPHRASE": StemdagFixture.passphrase], interactive: false))
        let record = fixture.folder.appendingPathComponent("record")
        _ = try ElectionRecordExport.export(election: "reach", store: fixture.store, issuingKey: key, folder: record)
        let passes = try String(contentsOf: record.appendingPathComponent(ElectionRecordFile.passes), encoding: .utf8)
        #expect(!passes.contains("BU0014"))
    }

    @Test("a report lists a record folder only when it is this election's record with this result")
    func recordOfThisElection() throws {
        let fixture = try UnderRepresentedFixture()
        let key = try KeyFile.unseal(fixture.folder.appendingPathComponent("issuing.key").path,
                                     passphrase: Passphrase(environment: ["BUURTSTEM_PASSPHRASE": StemdagFixture.passphrase], interactive: false))
        let record = fixture.folder.appendingPathComponent("record")
        _ = try ElectionRecordExport.export(election: "reach", store: fixture.store, issuingKey: key, folder: record)
        let report = try ElectionReport.load(election: "reach", store: fixture.store, record: record)
        #expect(report.verification.files.contains { $0.name == ElectionRecordFile.result })

        // Another election's record: the index names it.
        let other = fixture.folder.appendingPathComponent("other")
        try FileManager.default.copyItem(at: record, to: other)
        let indexURL = other.appendingPathComponent(ElectionRecordFile.index)
        let index = try String(contentsOf: indexURL, encoding: .utf8)
        #expect(index.contains("\"reach\""))
        try index.replacingOccurrences(of: "\"reach\"", with: "\"elders\"").write(to: indexURL, atomically: true, encoding: .utf8)
        let wrong = #expect(throws: BuurtstemError.self) { try ElectionReport.load(election: "reach", store: fixture.store, record: other) }
        #expect(wrong?.kind == .badInput && wrong?.message.contains("not of election 'reach'") == true, "\(String(describing: wrong))")

        // This election's record with another result, signed (exported before a later merge: other final log heads
        // and so another lot seed): refused, naming the fields.
        let stale = try RecordForgery(record, as: "stale", in: fixture.folder, key: key)
        try stale.resign { result in
            let logs = result.logs.map { ElectionResult.LogHead(kiosk: $0.kiosk, size: $0.size - 1, root: $0.root.bytes) }
            return ElectionResult(election: result.election, definitionHash: result.definitionHash.bytes, issuedRoot: result.issuedRoot.bytes,
                                  logs: logs, voids: result.voids, contests: result.contests, issuingKey: key)
        }
        let conflict = #expect(throws: BuurtstemError.self) { try ElectionReport.load(election: "reach", store: fixture.store, record: stale.folder) }
        #expect(conflict?.kind == .conflict, "\(String(describing: conflict))")
        #expect(conflict?.message.contains("result.json logs is ") == true && conflict?.message.contains("result.json lot_seed is ") == true,
                "\(String(describing: conflict))")

        // A folder that is no record at all.
        let empty = fixture.folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let none = #expect(throws: BuurtstemError.self) { try ElectionReport.load(election: "reach", store: fixture.store, record: empty) }
        #expect(none?.kind == .notFound)
    }

    @Test("with a record, the report is the signed result: one changed after signing is refused for its signature, one the key holder re-signed with other figures for each field")
    func signedResult() throws {
        let fixture = try UnderRepresentedFixture()
        let key = try KeyFile.unseal(fixture.folder.appendingPathComponent("issuing.key").path,
                                     passphrase: Passphrase(environment: ["BUURTSTEM_PASSPHRASE": StemdagFixture.passphrase], interactive: false))
        let record = fixture.folder.appendingPathComponent("record")
        let summary = try ElectionRecordExport.export(election: "reach", store: fixture.store, issuingKey: key, folder: record)
        let report = try ElectionReport.load(election: "reach", store: fixture.store, record: record)
        // The report's figures are the signed result's.
        for (contest, signed) in zip(report.contests, summary.result.contests) {
            #expect(contest.ballotsCounted == Int64(signed.ballotsCounted) && contest.fundedCents == signed.fundedCostCents)
            #expect(contest.projects.map { [$0.votes, Int64($0.points), $0.funded ? 1 : 0] }
                    == signed.projects.map { [Int64($0.ballots), Int64($0.points), $0.funded ? 1 : 0] })
        }
        let contest = try #require(summary.result.contests.first)
        let funded = try #require(contest.projects.first { $0.funded }), unfunded = try #require(contest.projects.first { !$0.funded })
        func load(_ forgery: RecordForgery) -> BuurtstemError? {
            #expect(throws: BuurtstemError.self) { try ElectionReport.load(election: "reach", store: fixture.store, record: forgery.folder) }
        }
        func with(_ result: ElectionResult, contests: [ElectionResult.ContestResult]) -> ElectionResult {
            ElectionResult(election: result.election, definitionHash: result.definitionHash.bytes, issuedRoot: result.issuedRoot.bytes,
                           logs: result.logs, voids: result.voids, contests: contests, issuingKey: key)
        }

        // Changed without the key: the contest's ballots counted raised, the index re-signed. Its signature gives it away.
        let changed = try RecordForgery(record, as: "changed", in: fixture.folder, key: key)
        let text = try String(contentsOf: changed.result, encoding: .utf8)
        let counted = "\"ballots_counted\" : \(contest.ballotsCounted)"
        #expect(text.contains(counted))
        try text.replacingOccurrences(of: counted, with: "\"ballots_counted\" : \(contest.ballotsCounted + 7)")
            .write(to: changed.result, atomically: true, encoding: .utf8)
        try changed.resignIndex()
        let unsigned = load(changed)
        #expect(unsigned?.kind == .badInput && unsigned?.message.contains("result.json is not signed by this gemeente's issuing key") == true,
                "\(String(describing: unsigned))")

        // Re-signed by the key holder: other funded projects (and funded cost), the index re-signed over it.
        func fundingAnother(_ result: ElectionResult) -> ElectionResult {
            with(result, contests: result.contests.map { contest in
                ElectionResult.ContestResult(
                    area: contest.area, passesIssued: contest.passesIssued, ballotsCounted: contest.ballotsCounted,
                    projects: contest.projects.map { .init(id: $0.id, ballots: $0.ballots, points: $0.points, funded: $0.id == unfunded.id ? true : $0.funded) },
                    fundedCostCents: contest.fundedCostCents + 1)
            })
        }
        let swapped = try RecordForgery(record, as: "swapped", in: fixture.folder, key: key)
        try swapped.resign(fundingAnother)
        let resigned = load(swapped)
        #expect(resigned?.kind == .conflict, "\(String(describing: resigned))")
        for field in ["result.json contests[\(contest.area)].projects[\(unfunded.id)].funded is true in the record, false in this store's tally",
                      "result.json contests[\(contest.area)].funded_cost_cents is \(contest.fundedCostCents + 1) in the record, \(contest.fundedCostCents)",
                      "export the election's record again from this store"] {
            #expect(resigned?.message.contains(field) == true, "\(field): \(String(describing: resigned))")
        }

        // Re-signed with other counts: a project's votes and the contest's ballots counted.
        let recounted = try RecordForgery(record, as: "recounted", in: fixture.folder, key: key)
        try recounted.resign { result in
            with(result, contests: result.contests.map { contest in
                ElectionResult.ContestResult(
                    area: contest.area, passesIssued: contest.passesIssued, ballotsCounted: contest.ballotsCounted + 1,
                    projects: contest.projects.map { .init(id: $0.id, ballots: $0.id == funded.id ? $0.ballots + 1 : $0.ballots, points: $0.points, funded: $0.funded) },
                    fundedCostCents: contest.fundedCostCents)
            })
        }
        let recount = load(recounted)
        #expect(recount?.kind == .conflict, "\(String(describing: recount))")
        #expect(recount?.message.contains("contests[\(contest.area)].ballots_counted is \(contest.ballotsCounted + 1) in the record") == true
                && recount?.message.contains("contests[\(contest.area)].projects[\(funded.id)].ballots is \(funded.ballots + 1)") == true,
                "\(String(describing: recount))")

        // A re-signed result that the signed index does not list.
        let unlisted = try RecordForgery(record, as: "unlisted", in: fixture.folder, key: key)
        try unlisted.resign(index: false, fundingAnother)
        let stray = load(unlisted)
        #expect(stray?.kind == .badInput && stray?.message.contains("result.json is not the file the record's signed index lists") == true,
                "\(String(describing: stray))")

        // The funded order of explanations.json (the signed result holds the funded set only), the index re-signed.
        let reordered = try RecordForgery(record, as: "reordered", in: fixture.folder, key: key)
        let explanations = reordered.folder.appendingPathComponent(ElectionRecordFile.explanations)
        var allocations = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: explanations)) as? [[String: Any]])
        let order = try #require(allocations[0]["funded"] as? [String])
        allocations[0]["funded"] = order.count > 1 ? Array(order.reversed()) : order + [unfunded.id]
        try JSONSerialization.data(withJSONObject: allocations).write(to: explanations)
        try reordered.resignIndex()
        let misordered = load(reordered)
        #expect(misordered?.kind == .conflict && misordered?.message.contains("explanations.json [\(contest.area)] funded order is") == true,
                "\(String(describing: misordered))")

        // An index signed by another key than the store's.
        let foreign = try RecordForgery(record, as: "foreign", in: fixture.folder, key: SigningKey())
        try foreign.resignIndex()
        let other = load(foreign)
        #expect(other?.kind == .badInput && other?.message.contains("record.json is not signed by this gemeente's issuing key") == true,
                "\(String(describing: other))")
    }

    @Test("an election issued before the reach groups existed: turnout per contest area only, and the site says so")
    func withoutGroups() throws {
        let fixture = try UnderRepresentedFixture()
        try fixture.store.write { db in
            try db.execute(sql: "DELETE FROM passReachGroup WHERE electionId = 'reach'")
            try db.execute(sql: "DELETE FROM reachGroupBuurt WHERE electionId = 'reach'")
        }
        let reach = try ElectionReport.load(election: "reach", store: fixture.store).reach
        #expect(!reach.buurtCountsAvailable && reach.buurten.isEmpty)
        #expect(reach.wijken.map(\.code) == ["WK001401"])
        #expect(reach.wijken[0].households == 330 && reach.wijken[0].issued == 330 && reach.wijken[0].participation == 120)
        #expect(reach.wijken[0].ballotsPaper == 4)
    }

    @Test("the report's counts equal the tally's, and every project carries the allocation's reason")
    func countsEqualTheTally() throws {
        let fixture = try UnderRepresentedFixture()
        let report = try ElectionReport.load(election: "reach", store: fixture.store)
        let tally = try Tally.count(election: "reach", store: fixture.store)
        #expect(report.ballotsCounted == Int64(tally.contests.reduce(0) { $0 + $1.ballotsCounted }))
        for (contest, counted) in zip(report.contests, tally.contests) {
            #expect(contest.passesIssued == Int64(counted.passesIssued))
            #expect(contest.projects.map(\.votes) == counted.projects.map { Int64($0.ballots) })
            #expect(contest.projects.allSatisfy { !$0.reason.isEmpty && $0.explanation != nil })
            #expect(contest.fundedCents == contest.projects.filter(\.funded).reduce(0) { $0 + $1.costCents })
        }
        #expect(report.reach.buurten.reduce(0) { $0 + $1.participation } == report.ballotsCounted)
        #expect(report.reach.buurten.reduce(0) { $0 + $1.issued } == report.passesIssued)
    }

    @Test("bad input: unknown election, round or area, an open election, a margin out of range; clear errors, nothing stored changes")
    func badInput() throws {
        let fixture = try UnderRepresentedFixture()
        let before = try fixture.rowCounts()
        let unknown = #expect(throws: BuurtstemError.self) { try ElectionReport.load(election: "nope", store: fixture.store) }
        #expect(unknown?.message.contains("there is no election 'nope'; known: reach") == true)
        let round = #expect(throws: BuurtstemError.self) { try ChequeRoundReport.load(round: "nope", store: fixture.store) }
        #expect(round?.message.contains("there is no cheque round 'nope'") == true)
        let margin = #expect(throws: BuurtstemError.self) { try ElectionReport.load(election: "reach", store: fixture.store, marginPercent: 120) }
        #expect(margin?.message.contains("the margin 120 is out of range") == true)
        var report = try ElectionReport.load(election: "reach", store: fixture.store)
        let area = #expect(throws: BuurtstemError.self) { try report.setCaps(["WK009999": 100]) }
        #expect(area?.message.contains("unknown area 'WK009999'") == true)
        try report.setCaps(["WK001401": 200_000_00])
        #expect(report.contests[0].capCents == 200_000_00 && report.areas[0].leftCents == 200_000_00 - report.areas[0].fundedCents)
        let year = #expect(throws: BuurtstemError.self) { try YearReport.load(period: try ReportPeriod.year(2026), store: fixture.store, area: "WK009999") }
        #expect(year?.message.contains("unknown area 'WK009999'") == true)
        #expect(throws: BuurtstemError.self) { try ReportPeriod.days(from: "2026-07-01", to: "2026-06-30") }
        #expect(try fixture.rowCounts() == before)
        #expect(try fixture.store.check().isEmpty)
    }

    @Test("an election whose polls are still open has no results yet")
    func openElection() throws {
        let fixture = try StemdagFixture()
        let error = #expect(throws: BuurtstemError.self) { try ElectionReport.load(election: "test-kw", store: fixture.store) }
        #expect(error?.message.contains("the polls of 'test-kw' are open") == true)
    }
}

@Suite("Cheque round report from its record")
struct ChequeRoundRecordReportTests {
    @Test("with a record, the round's report needs its signed settlement to be this store's: one changed after signing is refused for its signature, one the key holder re-signed with another amount for each field, another round's folder for its index")
    func signedSettlement() throws {
        let issued = try IssuedRound.make()
        let initiative = try issued.initiative("BU00140101")
        let id = try #require(initiative.id)
        let redeemer = try ChequeRedeemer(store: issued.store, initiative: id)
        for code in issued.codes(in: "BU00140101") { _ = try redeemer.redeem(code: code, channel: .online, now: IssuedRound.during).get() }
        _ = try ChequeSettlement.settle(round: issued.round.id, in: issued.store, issuingKey: issued.issuingKey,
                                        ledgerKey: issued.ledgerKey, now: ChequeSettlementTests.afterExpiry)
        let record = issued.folder.appendingPathComponent("record")
        _ = try ChequeRecordExport.export(round: issued.round.id, from: issued.store, to: record, issuingKey: issued.issuingKey)
        let report = try ChequeRoundReport.load(round: issued.round.id, store: issued.store, record: record)
        #expect(report.verification.files.contains { $0.name == ChequeRecordExport.settlementFile })
        func load(_ forgery: RecordForgery) -> BuurtstemError? {
            #expect(throws: BuurtstemError.self) { try ChequeRoundReport.load(round: issued.round.id, store: issued.store, record: forgery.folder) }
        }
        let settlementURL = { (forgery: RecordForgery) in forgery.folder.appendingPathComponent(ChequeRecordExport.settlementFile) }
        let signed = try ChequeSettlementFile.decoder.decode(ChequeSettlementFile.self,
                                                             from: Data(contentsOf: record.appendingPathComponent(ChequeRecordExport.settlementFile)))
        let line = try #require(signed.initiatives.first { $0.id == id })
        #expect(line.collectedCents > 0 && line.funded)

        // Changed without the key: the initiative's collected amount raised, the index re-signed. Its signature gives it away.
        let changed = try RecordForgery(record, as: "changed", in: issued.folder, key: issued.issuingKey)
        let text = try String(contentsOf: settlementURL(changed), encoding: .utf8)
        let collected = "\"collected_cents\":\(line.collectedCents)"
        #expect(text.contains(collected))
        try text.replacingOccurrences(of: collected, with: "\"collected_cents\":\(line.collectedCents + 750)")
            .write(to: settlementURL(changed), atomically: true, encoding: .utf8)
        try changed.resignIndex()
        let unsigned = load(changed)
        #expect(unsigned?.kind == .badInput && unsigned?.message.contains("settlement.json is not signed by this gemeente's issuing key") == true,
                "\(String(describing: unsigned))")

        // Re-signed by the key holder with another amount: refused naming each differing field.
        let signedRoot = [UInt8](try #require(try issued.store.chequeIssuance(issued.round.id)).root)
        func resign(_ forgery: RecordForgery, index: Bool) throws {
            let (settlement, lines, initiatives) = try issued.store.read { db in
                (try ChequeSettlement.fetchOne(db, key: issued.round.id)!,
                 try ChequeSettlementLine.filter(Column("roundId") == issued.round.id).order(Column("initiativeId")).fetchAll(db),
                 try Initiative.filter(Column("roundId") == issued.round.id).order(Column("id")).fetchAll(db))
            }
            var forged = settlement
            forged.redeemedCents += 750
            forged.unredeemedCents -= 750
            forged.fundedCents += 750
            let forgedLines = lines.map { line in
                var line = line
                if line.initiativeId == id { line.collectedCents += 750; line.fundedCents += 750 }
                return line
            }
            forged.signature = Data(issued.issuingKey.signature(
                for: forged.signedBytes(round: issued.round.id, issuedRoot: signedRoot, lines: Array(zip(initiatives, forgedLines)))).bytes)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            try encoder.encode(ChequeSettlementFile(forged, lines: forgedLines)).write(to: settlementURL(forgery))
            if index { try forgery.resignIndex() }
        }
        let resigned = try RecordForgery(record, as: "resigned", in: issued.folder, key: issued.issuingKey)
        try resign(resigned, index: true)
        let conflict = load(resigned)
        #expect(conflict?.kind == .conflict, "\(String(describing: conflict))")
        for field in ["settlement.json initiatives[\(id)].collected_cents is \(line.collectedCents + 750) in the record, \(line.collectedCents) in this store's settlement",
                      "settlement.json initiatives[\(id)].funded_cents is \(line.fundedCents + 750)",
                      "settlement.json redeemed_cents is \(signed.redeemedCents + 750) in the record, \(signed.redeemedCents)",
                      "settlement.json funded_cents is ", "settlement.json unredeemed_cents is ",
                      "export the round's record again from this store"] {
            #expect(conflict?.message.contains(field) == true, "\(field): \(String(describing: conflict))")
        }
        #expect(conflict?.message.contains("issued_cents") == false && conflict?.message.contains("ledger_root") == false)

        // Re-signed, but the index not: the settlement is not the file the signed index lists.
        let unlisted = try RecordForgery(record, as: "unlisted", in: issued.folder, key: issued.issuingKey)
        try resign(unlisted, index: false)
        let notListed = load(unlisted)
        #expect(notListed?.message.contains("settlement.json is not the file the record's signed index lists") == true,
                "\(String(describing: notListed))")

        // The index signed by another key than this gemeente's issuing key.
        let foreign = try RecordForgery(record, as: "foreign", in: issued.folder, key: SigningKey())
        try foreign.resignIndex()
        let foreignKey = load(foreign)
        #expect(foreignKey?.message.contains("record.json is not signed by this gemeente's issuing key") == true, "\(String(describing: foreignKey))")

        // Another round's folder: a second round of this store, settled and exported.
        let other = try ChequeRound.create(in: issued.store, id: "2026-najaar", valueCents: 500, issueDate: "2026-03-01",
                                           validUntil: "2026-06-30", scope: .buurt, snapshot: nil)
        _ = try ChequeIssuer.issue(round: other.id, in: issued.store, issuingKey: issued.issuingKey,
                                   ledgerKey: .init(path: issued.folder.appendingPathComponent("ledger-2.key").path, passphrase: IssuedRound.passphrase),
                                   printTo: issued.folder.appendingPathComponent("print-2"), addresses: nil, now: Date(timeIntervalSince1970: 1_772_000_000))
        let otherRecord = issued.folder.appendingPathComponent("record-2")
        _ = try ChequeRecordExport.export(round: other.id, from: issued.store, to: otherRecord, issuingKey: issued.issuingKey)
        let swapped = #expect(throws: BuurtstemError.self) {
            try ChequeRoundReport.load(round: issued.round.id, store: issued.store, record: otherRecord)
        }
        #expect(swapped?.message.contains("is the record of cheque-round '2026-najaar', not of round \(issued.round.id)") == true,
                "\(String(describing: swapped))")
        // The right folder is still accepted.
        #expect(try !ChequeRoundReport.load(round: issued.round.id, store: issued.store, record: record).verification.files.isEmpty)
    }
}

@Suite("Reports of the demo")
struct DemoReportTests {
    @Test("stemdag, cheque round and year: reach counts equal the tally and the settlement, money adds up to the cent")
    func demo() throws {
        let folder = try temporaryDirectory().appendingPathComponent("demo")
        let demo = try Demo(households: 2000, folder: folder).run { _ in }
        let store = try Store.open(path: demo.database)
        let election = try ElectionReport.load(election: demo.stemdag.election, store: store)
        // Turnout per wijk and in total equals the tally's count per contest (voids left out, as the tally does).
        for contest in demo.stemdag.tally.contests {
            let line = try #require(election.reach.wijken.first { $0.code == contest.area })
            #expect(line.participation == Int64(contest.ballotsCounted))
            #expect(line.issued == Int64(contest.passesIssued))
            #expect(line.ballotsKiosk! + line.ballotsPaper! == line.participation)
        }
        #expect(election.voidBallots == Int64(demo.stemdag.tally.voids.count) && election.voidBallots > 0)
        #expect(election.reach.total.ballotsPaper! > 0)
        #expect(election.reach.flagged.map(\.code) == [Demo.lowTurnoutBuurt.code])
        // The cheque round: redeemed per wijk and in total equal the settlement's reach.
        let round = try ChequeRoundReport.load(round: demo.cheques.round, store: store)
        #expect(round.chequesRedeemed == demo.cheques.settlement.total.redeemed)
        // Each report takes its own record folder and refuses the other's (the secret stemdag's record included).
        let stemdagRecord = folder.appendingPathComponent("record-\(demo.stemdag.election)")
        let roundRecord = folder.appendingPathComponent("record-\(demo.cheques.round)")
        #expect(try !ElectionReport.load(election: demo.stemdag.election, store: store, record: stemdagRecord).verification.files.isEmpty)
        #expect(try !ChequeRoundReport.load(round: demo.cheques.round, store: store, record: roundRecord).verification.files.isEmpty)
        let swappedElection = #expect(throws: BuurtstemError.self) { try ElectionReport.load(election: demo.stemdag.election, store: store, record: roundRecord) }
        #expect(swappedElection?.message.contains("is the record of cheque-round") == true, "\(String(describing: swappedElection))")
        let swappedRound = #expect(throws: BuurtstemError.self) { try ChequeRoundReport.load(round: demo.cheques.round, store: store, record: stemdagRecord) }
        #expect(swappedRound?.message.contains("not of round \(demo.cheques.round)") == true, "\(String(describing: swappedRound))")
        for wijk in demo.cheques.settlement.wijken {
            let line = try #require(round.reach.wijken.first { $0.code == wijk.code })
            #expect(line.participation == wijk.redeemed && line.issued == wijk.households)
        }
        // Buurten without an initiative in the cheques' scope (own buurt) could not take part: never flagged.
        let without = round.reach.buurten.filter { !$0.couldTakePart }
        #expect(!without.isEmpty && without.allSatisfy { !$0.underRepresented && $0.participation == 0 })
        #expect(round.reach.buurten.filter(\.couldTakePart).count == Set(round.initiatives.map(\.buurt)).count)
        #expect(round.fundedCents == round.initiatives.reduce(0) { $0 + $1.fundedCents })
        #expect(round.issuedCents == round.redeemedCents + round.unredeemedCents)
        #expect(round.areas.reduce(0) { $0 + $1.budgetCents } == round.issuedCents)
        // The year adds both up per wijk.
        let year = try YearReport.load(period: try ReportPeriod.year(Calendar(identifier: .gregorian).component(.year, from: Date())), store: store)
        #expect(year.items.filter(\.included).count == 2)
        #expect(year.total.ballotsCounted == election.ballotsCounted)
        #expect(year.total.chequesRedeemed == round.chequesRedeemed)
        #expect(year.total.committedCents == election.contests.reduce(0) { $0 + $1.fundedCents } + round.fundedCents)
        #expect(year.total.paidCents == round.fundedCents)
        #expect(year.total.budgetCents == election.contests.reduce(0) { $0 + $1.budgetCents } + round.issuedCents)
    }
}

/// A copy of a record folder that its key holder changes: `result.json` re-signed, the signed index over new digests.
struct RecordForgery {
    let folder: URL
    let key: SigningKey

    /// A copy of `record` named `name` in `parent`, re-signed with `key`.
    init(_ record: URL, as name: String, in parent: URL, key: SigningKey) throws {
        folder = parent.appendingPathComponent(name)
        self.key = key
        try FileManager.default.copyItem(at: record, to: folder)
    }

    var result: URL { folder.appendingPathComponent(ElectionRecordFile.result) }

    /// Replaces `result.json` with `change` of it (which signs it) and, unless `index` is false, re-signs the index.
    func resign(index: Bool = true, _ change: (ElectionResult) throws -> ElectionResult) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(try change(try JSONDecoder().decode(ElectionResult.self, from: Data(contentsOf: result)))).write(to: result)
        if index { try resignIndex() }
    }

    /// Signs the index again over every listed file's digest as the folder holds it now.
    func resignIndex() throws {
        let url = folder.appendingPathComponent(ElectionRecordFile.index)
        let index = try JSONDecoder().decode(RecordIndex.self, from: Data(contentsOf: url))
        let files = try index.files.map {
            RecordIndex.FileDigest(name: $0.name, sha256: SHA.sha256([UInt8](try Data(contentsOf: folder.appendingPathComponent($0.name)))))
        }
        let signed = RecordIndex(format: index.format, kind: index.kind, election: index.election, gemeente: index.gemeente,
                                 gemeenteName: index.gemeenteName, files: files, issuingKey: key)
        try JSONEncoder().encode(signed).write(to: url)
    }
}
