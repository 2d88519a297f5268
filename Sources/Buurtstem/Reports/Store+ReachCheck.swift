import GRDB

extension Store {
    /// The reach tables' invariants: in an election with reach groups every issued pass has exactly one group, and
    /// every group a pass names is made of buurten listed for that election.
    func reachProblems(_ db: Database) throws -> [String] {
        var problems: [String] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT e.id,
                   (SELECT COUNT(*) FROM pass p WHERE p.electionId = e.id) AS passes,
                   (SELECT COUNT(*) FROM passReachGroup g WHERE g.electionId = e.id) AS grouped,
                   (SELECT COUNT(*) FROM passReachGroup g WHERE g.electionId = e.id AND NOT EXISTS
                       (SELECT 1 FROM reachGroupBuurt r WHERE r.electionId = g.electionId AND r.groupCode = g.groupCode)) AS unknown
            FROM election e WHERE EXISTS (SELECT 1 FROM reachGroupBuurt r WHERE r.electionId = e.id)
            """) {
            let id: String = row["id"], passes: Int = row["passes"], grouped: Int = row["grouped"], unknown: Int = row["unknown"]
            if passes != grouped { problems.append("election \(id): \(passes) passes issued but \(grouped) with a reach group") }
            if unknown > 0 { problems.append("election \(id): \(unknown) passes name a reach group without buurten") }
        }
        return problems
    }
}
