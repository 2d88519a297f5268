import BuurtstemCrypto
import Foundation
import GRDB

/// `buurtstem register import`: the household register from a CSV file, as a new snapshot.
///
/// Columns (header required): `household_id`, `buurt`, `residents`, `eligible`, and any number of columns whose
/// name starts with `address` (printed on passes and cheques later, never stored). Every row is checked; if any
/// row is wrong, the whole file is refused with one problem per bad line and the store is left as it was.
public struct RegisterImport: Sendable {
    /// The result of an import.
    public struct Summary: Sendable, Codable, Equatable {
        /// The new snapshot.
        public let snapshot: RegisterSnapshot
        /// Address columns that were read and not stored.
        public let addressColumnsIgnored: Int
    }

    /// The longest household id accepted.
    public static let maximumIdLength = 64
    /// The largest household accepted (a typo guard; institutions are registered per unit).
    public static let maximumResidents = 99

    /// Imports `bytes` (named `file` in messages) as a new snapshot whose `eligible` counts mean age `eligibleAge`+.
    public static func run(_ bytes: [UInt8], file: String, eligibleAge: Int, into store: Store) throws -> Summary {
        guard (0...120).contains(eligibleAge) else {
            throw BuurtstemError(.badInput, "the eligible age \(eligibleAge) is not an age; use e.g. 16")
        }
        let table = try CSVTable(bytes, file: file, required: ["household_id", "buurt", "residents", "eligible"],
                                 prefixes: ["address"])
        let buurten = Set(try store.read { try String.fetchAll($0, sql: "SELECT code FROM buurt") })
        guard !buurten.isEmpty else {
            throw BuurtstemError(.notFound, "no buurten are known yet: import the areas before the register", remedy: .importAreas)
        }
        var problems = table.problems
        var households: [Household] = []
        households.reserveCapacity(table.rows.count)
        var firstLine: [String: Int] = [:]
        var addressColumns = 0

        for row in table.rows {
            func problem(_ field: String, _ message: String) {
                problems.append(Problem(file: file, line: row.line, field: field, message: message))
            }
            addressColumns = row.values(prefixed: "address").count
            let id = row["household_id"]
            var valid = true
            if id.isEmpty || id.utf8.count > maximumIdLength || !id.unicodeScalars.allSatisfy(Self.isIdCharacter) {
                problem("household_id", "'\(id)' is not a household id: use 1 to \(maximumIdLength) letters, digits, '.', '_' or '-'")
                valid = false
            } else if let first = firstLine[id] {
                problem("household_id", "household \(id) appears twice (first on line \(first)); each household once")
                valid = false
            } else {
                firstLine[id] = row.line
            }
            let buurt = row["buurt"].uppercased()
            if !buurten.contains(buurt) {
                let hint = AreaCode.isBuurt(buurt) ? "import the gemeente's wijken and buurten first" : "use a CBS buurt code, BU + 8 digits"
                problem("buurt", "unknown buurt '\(row["buurt"])': \(hint)")
                valid = false
            }
            let residents = Int(row["residents"]).flatMap { (1...maximumResidents).contains($0) ? $0 : nil }
            let eligible = Int(row["eligible"])
            if residents == nil {
                problem("residents", "'\(row["residents"])' is not a number of residents: use a whole number from 1 to \(maximumResidents)")
                valid = false
            }
            if eligible == nil || eligible! < 0 {
                problem("eligible", "'\(row["eligible"])' is not a number of eligible residents: use a whole number from 0 up")
                valid = false
            } else if let residents, let eligible, eligible > residents {
                problem("eligible", "\(eligible) eligible residents but only \(residents) residents; eligible cannot exceed residents")
                valid = false
            }
            if valid, let residents, let eligible {
                households.append(Household(snapshotId: 0, householdId: id, buurtCode: buurt, residents: residents, eligible: eligible))
            }
        }
        guard problems.isEmpty else { throw InputError(problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }) }
        guard !households.isEmpty else { throw InputError(file: file, "the file has a header but no households") }

        let snapshot = try store.write { db in
            var snapshot = RegisterSnapshot(
                id: nil, importedAt: Date(), sourceName: URL(fileURLWithPath: file).lastPathComponent,
                sourceSHA256: Data(SHA.sha256(bytes)), eligibleAge: eligibleAge, householdCount: households.count,
                residentCount: households.reduce(0) { $0 + $1.residents },
                eligibleCount: households.reduce(0) { $0 + $1.eligible })
            try snapshot.insert(db)
            let statement = try db.makeStatement(
                sql: "INSERT INTO household (snapshotId, householdId, buurtCode, residents, eligible) VALUES (?, ?, ?, ?, ?)")
            for household in households {
                try statement.execute(arguments: [snapshot.id, household.householdId, household.buurtCode,
                                                  household.residents, household.eligible])
            }
            return snapshot
        }
        return Summary(snapshot: snapshot, addressColumnsIgnored: addressColumns)
    }

    private static func isIdCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar))
    }
}
