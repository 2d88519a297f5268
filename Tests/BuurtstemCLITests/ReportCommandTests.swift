import Foundation
import Testing

@Suite("buurtstem report")
struct ReportCommandTests {
    @Test("exactly one of --election, --round, --year or --from/--to; each mistake named with how to fix it")
    func selection() throws {
        let cli = try CLI.inTemporaryDirectory()
        for arguments in [["report", "--out", "site"], ["report", "--election", "a", "--round", "b", "--out", "site"],
                          ["report", "--from", "2026-01-01", "--out", "site"], ["report", "--election", "a", "--area", "WK001401", "--out", "site"]] {
            let result = try cli.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains("--"), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"))
        }
        #expect(try cli.run("report", "--help").stdout.contains("--margin"))
    }

    @Test("unknown election, round and area, a bad margin or period, an out folder in the way: clear errors, nothing written or stored")
    func badInput() throws {
        let cli = try CLI.inTemporaryDirectory()
        #expect(try cli.run("init", "--gemeente", "Groningen", "--code", "GM0014").status == 0)
        #expect(try cli.run("areas", "import", CLI.shipped("Examples/groningen/areas.csv")).status == 0)
        #expect(try cli.run("register", "import", CLI.shipped("Examples/groningen/households.csv")).status == 0)
        // What is stored, as the commands show it (the file's bytes change when SQLite folds its WAL in on close).
        func stored() throws -> [String] {
            try [["register", "show", "--json"], ["register", "list", "--json"], ["election", "list", "--json"],
                 ["cheques", "round", "list", "--json"]].map { try cli.run($0).stdout }
        }
        let before = try stored()
        let cases: [([String], String)] = [
            (["report", "--election", "nope", "--out", "site"], "there is no election 'nope'"),
            (["report", "--round", "nope", "--out", "site"], "there is no cheque round 'nope'"),
            (["report", "--year", "2026", "--area", "WK009999", "--out", "site"], "unknown area 'WK009999'"),
            (["report", "--year", "1999", "--out", "site"], "--year 1999 is out of range"),
            (["report", "--from", "2026-07-01", "--to", "2026-06-31", "--out", "site"], "--to '2026-06-31' is not a day"),
            (["report", "--year", "2026", "--margin", "101", "--out", "site"], "--margin 101 is out of range"),
            (["report", "--year", "2026", "--out", "/proc/buurtstem-site"], "cannot write the results site to /proc/buurtstem-site"),
            (["report", "--year", "2026", "--out", "no/such/folder"], "does not exist"),
        ]
        for (arguments, message) in cases {
            let result = try cli.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("site").path))
        // A folder with other files in it is never overwritten.
        let other = cli.directory.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: other.appendingPathComponent("notes.txt"))
        let refused = try cli.run("report", "--year", "2026", "--out", "documents")
        #expect(refused.status != 0 && refused.stderr.contains("is not empty and is not a results site"))
        #expect(try String(contentsOf: other.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me")
        #expect(try stored() == before)
        #expect(try cli.run("check").status == 0)
    }

    @Test("a year view without elections is still a site; writing it again replaces it")
    func emptyYear() throws {
        let cli = try CLI.inTemporaryDirectory()
        #expect(try cli.run("init", "--gemeente", "Groningen", "--code", "GM0014").status == 0)
        #expect(try cli.run("areas", "import", CLI.shipped("Examples/groningen/areas.csv")).status == 0)
        let first = try cli.run("report", "--year", "2026", "--out", "jaar", "--json")
        #expect(first.status == 0, "\(first.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
        #expect((json?["wijken"] as? [Any])?.count == 4)
        for file in ["index.html", "report.json", "wijken.csv", "items.csv"] {
            #expect(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("jaar/\(file)").path), "\(file)")
        }
        let again = try cli.run("report", "--year", "2026", "--area", "WK001401", "--out", "jaar")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("Open it:"))
        let csv = try String(contentsOf: cli.directory.appendingPathComponent("jaar/wijken.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 3)
    }
}
