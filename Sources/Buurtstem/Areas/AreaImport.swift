import Foundation
import GRDB

/// `buurtstem areas import`: wijken and buurten from a CSV file.
///
/// Columns (header required, any order): `code`, `name`, and optionally `wijk`. A row is a wijk (`WKxxxxxx`) or a
/// buurt (`BUxxxxxxxx`); a buurt's wijk follows from its code, and a `wijk` value, when given, must agree.
/// Codes must belong to the store's gemeente. Importing again adds new areas and renames existing ones; nothing is
/// removed (households and elections refer to areas). All or nothing.
public struct AreaImport: Sendable {
    /// What an import did.
    public struct Summary: Sendable, Codable, Equatable {
        /// Wijken added.
        public var wijkenAdded = 0
        /// Buurten added.
        public var buurtenAdded = 0
        /// Areas whose name changed.
        public var renamed = 0
        /// Areas already present with the same name.
        public var unchanged = 0

        /// A summary with the given counts.
        public init(wijkenAdded: Int = 0, buurtenAdded: Int = 0, renamed: Int = 0, unchanged: Int = 0) {
            self.wijkenAdded = wijkenAdded
            self.buurtenAdded = buurtenAdded
            self.renamed = renamed
            self.unchanged = unchanged
        }
    }

    /// Imports `bytes` (the file's content) named `file` in error messages into `store`.
    public static func run(_ bytes: [UInt8], file: String, into store: Store) throws -> Summary {
        let gemeente = try store.gemeente()
        let table = try CSVTable(bytes, file: file, required: ["code", "name"], optional: ["wijk"])
        var problems: [Problem] = []
        var wijken: [String: (name: String, line: Int)] = [:]
        var buurten: [String: (name: String, wijk: String, line: Int)] = [:]
        let digits = AreaCode.gemeenteDigits(of: "WK" + gemeente.code.dropFirst(2))

        for row in table.rows {
            let code = row["code"].uppercased()
            let name = row["name"]
            func problem(_ field: String, _ message: String) {
                problems.append(Problem(file: file, line: row.line, field: field, message: message))
            }
            if name.isEmpty { problem("name", "the area has no name; give every wijk and buurt its name") }
            if AreaCode.isWijk(code) || AreaCode.isBuurt(code), AreaCode.gemeenteDigits(of: code) != digits {
                problem("code", "\(code) is not in gemeente \(gemeente.code): its digits 3-6 must be \(digits)")
                continue
            }
            if AreaCode.isWijk(code) {
                if let first = wijken[code] {
                    problem("code", "wijk \(code) is listed twice (first on line \(first.line)); keep one row")
                }
                wijken[code] = (name, row.line)
            } else if AreaCode.isBuurt(code) {
                let wijk = AreaCode.wijk(ofBuurt: code)
                let given = row.value("wijk")?.uppercased() ?? ""
                if !given.isEmpty && given != wijk {
                    problem("wijk", "buurt \(code) lies in wijk \(wijk) by its CBS code, not in \(given); correct the wijk column")
                }
                if let first = buurten[code] {
                    problem("code", "buurt \(code) is listed twice (first on line \(first.line)); keep one row")
                }
                buurten[code] = (name, wijk, row.line)
            } else {
                problem("code", "'\(row["code"])' is not a CBS wijk code (WK + 6 digits) or buurt code (BU + 8 digits)")
            }
        }
        problems.append(contentsOf: table.problems)

        return try store.write { db in
            let existingWijken = Set(try String.fetchAll(db, sql: "SELECT code FROM wijk"))
            for (code, buurt) in buurten where wijken[buurt.wijk] == nil && !existingWijken.contains(buurt.wijk) {
                problems.append(Problem(file: file, line: buurt.line, field: "code",
                                        message: "buurt \(code) lies in wijk \(buurt.wijk), which is neither in this file nor stored; add a row for that wijk"))
            }
            guard problems.isEmpty else { throw InputError(problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }) }
            var summary = Summary()
            for (code, wijk) in wijken.sorted(by: { $0.key < $1.key }) {
                if let existing = try Wijk.fetchOne(db, key: code) {
                    if existing.name == wijk.name { summary.unchanged += 1 } else { summary.renamed += 1 }
                } else {
                    summary.wijkenAdded += 1
                }
                try Wijk(code: code, name: wijk.name).save(db)
            }
            for (code, buurt) in buurten.sorted(by: { $0.key < $1.key }) {
                if let existing = try Buurt.fetchOne(db, key: code) {
                    if existing.name == buurt.name { summary.unchanged += 1 } else { summary.renamed += 1 }
                } else {
                    summary.buurtenAdded += 1
                }
                try Buurt(code: code, name: buurt.name, wijkCode: buurt.wijk).save(db)
            }
            return summary
        }
    }
}
