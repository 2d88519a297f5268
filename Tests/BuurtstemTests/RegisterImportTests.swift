import Buurtstem
import Foundation
import Testing

@Suite("Household register")
struct RegisterImportTests {
    static let header = "household_id,buurt,residents,eligible,address_line_1\n"

    @Test("the shipped register imports as a snapshot with the right totals, without addresses")
    func importShipped() throws {
        let (store, folder) = try groningenStore()
        let bytes = try shippedFile("Examples/groningen/households.csv")
        let summary = try RegisterImport.run(bytes, file: "households.csv", eligibleAge: 16, into: store)
        #expect(summary.snapshot.id == 1)
        #expect(summary.snapshot.householdCount == 46)
        #expect(summary.addressColumnsIgnored == 2)
        let overview = try RegisterOverview.load(from: store, snapshot: nil)
        #expect(overview.wijken.map(\.wijk.code) == ["WK001401", "WK001402", "WK001403", "WK001404"])
        #expect(overview.wijken.reduce(0) { $0 + $1.wijk.households } == 46)
        #expect(overview.wijken.flatMap(\.buurten).reduce(0) { $0 + $1.eligible } == summary.snapshot.eligibleCount)
        // Print and forget: no address text anywhere in the database file.
        let database = try Data(contentsOf: folder.appendingPathComponent("test.sqlite"))
        #expect(database.range(of: Data("Bedumerweg".utf8)) == nil)
        #expect(database.range(of: Data("Groningen\"".utf8)) == nil)
    }

    @Test("the shipped malformed register gets one problem per bad line and stores nothing")
    func malformedShipped() throws {
        let (store, _) = try groningenStore()
        let bytes = try shippedFile("Examples/groningen/households-malformed.csv")
        let error = #expect(throws: InputError.self) {
            try RegisterImport.run(bytes, file: "households-malformed.csv", eligibleAge: 16, into: store)
        }
        let problems = try #require(error?.problems)
        #expect(problems.map(\.line) == [3, 4, 5, 6, 7, 9])
        #expect(problems.map(\.field) == ["buurt", "household_id", "residents", "eligible", nil, nil])
        #expect(problems[0].message.contains("unknown buurt 'BU00149999'"))
        #expect(problems[1].message.contains("first on line 2"))
        #expect(problems[4].message.contains("3 columns where the header has 6"))
        #expect(problems[5].message.contains("UTF-8"))
        #expect(try store.registerSnapshots().isEmpty)
    }

    @Test("a bad row after a good import leaves the earlier snapshot untouched")
    func allOrNothing() throws {
        let (store, _) = try groningenStore()
        _ = try RegisterImport.run(.init(csv: Self.header + "A1,BU00140100,2,2,x\nA2,BU00140101,1,1,y\n"),
                                   file: "first.csv", eligibleAge: 16, into: store)
        #expect(throws: InputError.self) {
            try RegisterImport.run(.init(csv: Self.header + "B1,BU00140100,2,2,x\nB2,BU00140101,0,0,y\n"),
                                   file: "second.csv", eligibleAge: 16, into: store)
        }
        let snapshots = try store.registerSnapshots()
        #expect(snapshots.count == 1)
        #expect(try RegisterOverview.load(from: store, snapshot: nil).snapshot.householdCount == 2)
    }

    @Test("each import is a new snapshot; earlier ones stay readable")
    func snapshots() throws {
        let (store, _) = try groningenStore()
        _ = try RegisterImport.run(.init(csv: Self.header + "A1,BU00140100,2,2,x\n"), file: "a.csv", eligibleAge: 16, into: store)
        _ = try RegisterImport.run(.init(csv: Self.header + "A1,BU00140100,3,2,x\nA2,BU00140300,1,1,y\n"),
                                   file: "b.csv", eligibleAge: 18, into: store)
        let snapshots = try store.registerSnapshots()
        #expect(snapshots.map(\.id) == [1, 2])
        #expect(snapshots.map(\.householdCount) == [1, 2])
        #expect(snapshots.map(\.eligibleAge) == [16, 18])
        #expect(try RegisterOverview.load(from: store, snapshot: 1).wijken[0].wijk.residents == 2)
        #expect(try RegisterOverview.load(from: store, snapshot: 2).wijken[0].wijk.residents == 3)
        #expect(throws: BuurtstemError.self) { try RegisterOverview.load(from: store, snapshot: 3) }
    }

    @Test("every kind of bad row is named with its line and field", arguments: [
        ("A1,BU00140100,2,2,x\nA1,BU00140101,1,1,y\n", 3, "household_id"),
        ("A1,BU0014010,2,2,x\n", 2, "buurt"),
        ("A1,BU00140100,-1,0,x\n", 2, "residents"),
        ("A1,BU00140100,2,x,x\n", 2, "eligible"),
        ("A1,BU00140100,2,3,x\n", 2, "eligible"),
        ("naam met spatie,BU00140100,2,2,x\n", 2, "household_id"),
        ("\n\nA1,BU00140100,2\n", 4, nil),
        ("A1,BU00140100,2,2,\"Straat 1\nnog een regel\"\nA1,BU00140100,1,1,x\n", 4, "household_id"),
    ] as [(String, Int, String?)])
    func badRows(body: String, line: Int, field: String?) throws {
        let (store, _) = try groningenStore()
        let error = #expect(throws: InputError.self) {
            try RegisterImport.run(.init(csv: Self.header + body), file: "r.csv", eligibleAge: 16, into: store)
        }
        #expect(error?.problems.count == 1)
        #expect(error?.problems.first?.line == line)
        #expect(error?.problems.first?.field == field)
        #expect(error?.description.contains("r.csv:\(line)") == true)
    }

    @Test("a wrong header is refused with the expected columns named")
    func badHeader() throws {
        let (store, _) = try groningenStore()
        let error = #expect(throws: InputError.self) {
            try RegisterImport.run(.init(csv: "id,buurt,residents,eligible,naam\nA1,BU00140100,2,2,Jansen\n"),
                                   file: "r.csv", eligibleAge: 16, into: store)
        }
        let text = error?.description ?? ""
        #expect(text.contains("unknown column 'id'"))
        #expect(text.contains("unknown column 'naam'"))
        #expect(text.contains("no 'household_id' column"))
        #expect(throws: InputError.self) { try RegisterImport.run([], file: "empty.csv", eligibleAge: 16, into: store) }
    }
}
