import BuurtstemRecord
import GRDB

/// Money per wijk against its cap, from an election's allocation: what the funded projects of each wijk cost
/// together next to the most the wijk could get. For a contest with caps per wijk (a gemeente-wide contest), a
/// line per capped wijk; for a wijk contest, the contest itself, whose budget is its cap.
public struct AreaFunding: Sendable, Codable, Equatable {
    /// The contest the wijk is in (its area code).
    public let contest: String
    /// The wijk code.
    public let area: String
    /// The wijk's name, when the store knows it.
    public let name: String?
    /// The wijk's cap in cents (for a wijk contest, its budget).
    public let capCents: Int64
    /// What its funded projects cost together, in cents (at most the cap).
    public let fundedCents: Int64
    /// How many of its projects are funded.
    public let fundedProjects: Int
    /// How many projects it has on the ballot.
    public let projects: Int

    /// What the cap leaves unspent, in cents.
    public var leftCents: Int64 { capCents - fundedCents }

    /// The lines of `definition`'s outcome `allocations` (one per contest, in order); `names` by wijk code.
    public static func lines(_ definition: ElectionDefinition, allocations: [ContestAllocation], names: [String: String] = [:]) -> [AreaFunding] {
        zip(definition.contests, allocations).flatMap { contest, allocation -> [AreaFunding] in
            let funded = Set(allocation.funded)
            func line(_ area: String, cap: Int64, _ projects: [Project]) -> AreaFunding {
                let chosen = projects.filter { funded.contains($0.id) }
                return AreaFunding(contest: contest.area, area: area, name: names[area], capCents: cap,
                                   fundedCents: chosen.reduce(Int64(0)) { $0 + $1.costCents }, fundedProjects: chosen.count,
                                   projects: projects.count)
            }
            guard let caps = contest.caps else {
                return contest.area.hasPrefix("GM") ? [] : [line(contest.area, cap: contest.budgetCents, contest.projects)]
            }
            return caps.map { cap in line(cap.area, cap: cap.capCents, contest.projects.filter { contest.wijk(of: $0) == cap.area }) }
        }
    }
}

extension AreaFunding {
    /// Money per wijk against its cap, one line per wijk.
    public static func text(_ lines: [AreaFunding]) -> String {
        var text = ["Money per wijk against its cap:"]
        for line in lines {
            let label = "\(line.area)\(line.name.map { " \($0)" } ?? "")"
            text.append("  \(label.padding(toLength: 30, withPad: " ", startingAt: 0))  \(Money.format(line.fundedCents)) of \(Money.format(line.capCents))"
                + "  (\(line.fundedProjects) of \(line.projects) projects; \(Money.format(line.leftCents)) left)")
        }
        return text.joined(separator: "\n")
    }
}

extension Store {
    /// The stored wijken's names, by code.
    public func wijkNames() throws -> [String: String] {
        try read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT code, name FROM wijk").map { ($0[0] as String, $0[1] as String) }) { first, _ in first }
        }
    }
}
