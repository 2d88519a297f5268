import GRDB

/// Households and eligible residents per wijk and buurt in one snapshot (`buurtstem register show`).
public struct RegisterOverview: Sendable, Codable, Equatable {
    /// Counts for one area.
    public struct Counts: Sendable, Codable, Equatable {
        /// CBS code.
        public let code: String
        /// Name.
        public let name: String
        /// Households.
        public let households: Int
        /// Residents.
        public let residents: Int
        /// Residents eligible by age.
        public let eligible: Int
    }

    /// A wijk with its buurten.
    public struct WijkCounts: Sendable, Codable, Equatable {
        /// The wijk's totals.
        public let wijk: Counts
        /// Its buurten, by code; buurten without households are listed with zeros.
        public let buurten: [Counts]
    }

    /// The snapshot shown.
    public let snapshot: RegisterSnapshot
    /// Every wijk, by code.
    public let wijken: [WijkCounts]

    /// The overview of `snapshotId` (the latest when nil).
    public static func load(from store: Store, snapshot snapshotId: Int64?) throws -> RegisterOverview {
        let snapshot = try store.registerSnapshot(snapshotId)
        return try store.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT b.code, b.name, b.wijkCode, w.name AS wijkName,
                       COUNT(h.householdId) AS households,
                       COALESCE(SUM(h.residents), 0) AS residents,
                       COALESCE(SUM(h.eligible), 0) AS eligible
                FROM buurt b
                JOIN wijk w ON w.code = b.wijkCode
                LEFT JOIN household h ON h.buurtCode = b.code AND h.snapshotId = ?
                GROUP BY b.code
                ORDER BY b.wijkCode, b.code
                """, arguments: [snapshot.id])
            var wijken: [WijkCounts] = []
            var index = 0
            while index < rows.count {
                let wijkCode: String = rows[index]["wijkCode"]
                let wijkName: String = rows[index]["wijkName"]
                var buurten: [Counts] = []
                while index < rows.count, rows[index]["wijkCode"] == wijkCode {
                    let row = rows[index]
                    buurten.append(Counts(code: row["code"], name: row["name"], households: row["households"],
                                          residents: row["residents"], eligible: row["eligible"]))
                    index += 1
                }
                let total = Counts(code: wijkCode, name: wijkName,
                                   households: buurten.reduce(0) { $0 + $1.households },
                                   residents: buurten.reduce(0) { $0 + $1.residents },
                                   eligible: buurten.reduce(0) { $0 + $1.eligible })
                wijken.append(WijkCounts(wijk: total, buurten: buurten))
            }
            return RegisterOverview(snapshot: snapshot, wijken: wijken)
        }
    }
}
