import BuurtstemRecord
import Foundation

/// An election's outcome in the Pabulib format (pabulib.org): one `.pb` file per contest, with the published rule
/// and its constraints in META and the outcome in the PROJECTS column `selected`, so that a gemeente can contribute
/// its result to Pabulib in one step and anyone can re-run it with `buurtstem allocate FILE --official`.
///
/// What the format cannot say is written in META `comment` and the rule is then `greedy-custom` or `unknown`,
/// which `--official` refuses to guess (docs/allocation.md, "Pabulib export"). VOTES rows hold the counted ballots
/// (first ballot of each pass) sorted by their content, numbered from 1: no pass key, kiosk or casting order.
public enum ElectionPabulibExport {
    /// One contest's file.
    public struct File: Sendable {
        /// The contest's area code.
        public let area: String
        /// The instance.
        public let instance: PabulibInstance
        /// Whether `--official` on this file runs the election's own rule (`PabulibRule.isRunnable`; false: the rule
        /// is `greedy-custom` or `unknown`, and the comment says why).
        public let runsOfficially: Bool
    }

    /// The files of every contest of `outcome`, for the gemeente named `gemeenteName`.
    public static func files(_ outcome: ElectionOutcome, gemeenteName: String) -> [File] {
        let definition = outcome.definition
        return zip(definition.contests, zip(outcome.tally.contests, outcome.allocations)).map { contest, pair in
            file(contest: contest, count: pair.0, allocation: pair.1, definition: definition, gemeenteName: gemeenteName)
        }
    }

    private static func file(contest: Contest, count: Tally.ContestCount, allocation: ContestAllocation,
                             definition: ElectionDefinition, gemeenteName: String) -> File {
        let exported = PabulibRule.exported(for: definition, constraints: contest.constraints)
        let rule = exported.rule
        var notes = exported.notes
        let funded = Set(allocation.funded)
        let points: Bool
        let voteType: PabulibVoteType
        var meta: [(String, String)] = [
            ("description", "\(definition.title) (\(contest.area))"),
            ("country", "Netherlands"),
            ("unit", gemeenteName),
            ("subunit", contest.area),
            ("instance", String(year(definition.pollsOpenMillis))),
            ("num_projects", String(contest.projects.count)),
            ("num_votes", String(count.ballotsCounted)),
            ("budget", Money.plain(contest.budgetCents)),
        ]
        switch definition.ballot {
        case .chooseOne:
            (voteType, points) = (.choose1, false)
            meta += [("vote_type", voteType.rawValue)]
        case let .approval(minimum, maximum):
            (voteType, points) = (.approval, false)
            meta += [("vote_type", voteType.rawValue), ("min_length", String(minimum)), ("max_length", String(maximum))]
        case .knapsack:
            (voteType, points) = (.approval, false)
            meta += [("vote_type", voteType.rawValue), ("min_length", "1"), ("max_sum_cost", Money.plain(contest.budgetCents))]
        case let .cumulative(total, perProject):
            (voteType, points) = (.cumulative, true)
            meta += [("vote_type", voteType.rawValue), ("max_sum_points", String(total))]
            if let perProject { meta += [("max_points", String(perProject))] }
        case let .ranking(maximum):
            (voteType, points) = (.ordinal, false)
            meta += [("vote_type", voteType.rawValue), ("min_length", "1"), ("max_length", String(maximum))]
        }
        meta += [("date_begin", date(definition.pollsOpenMillis)), ("date_end", date(definition.pollsCloseMillis)),
                 ("currency", "EUR"), ("language", "nl")]
        let capped = contest.caps != nil
        if let caps = contest.caps {
            meta += [("neighborhoods", caps.map(\.area).joined(separator: ",")),
                     ("budget_per_neighborhood", caps.map { Money.plain($0.capCents) }.joined(separator: ","))]
        }
        if let constraints = contest.constraints {
            switch constraints.minimum {
            case .points(let points):
                meta += [("min_project_score_threshold", String(points))]
            case let minimum?:
                let votes = minimum.votes(ballotsCounted: UInt64(count.ballotsCounted)) ?? 0
                meta += [("min_project_score_threshold", String(votes))]
                if case .shareBasisPoints(let share) = minimum {
                    notes.append("A project needed \(share / 100).\(share % 100 < 10 ? "0" : "")\(share % 100) % of the counted ballots: \(votes) votes.")
                }
            case nil:
                break
            }
            if !constraints.categoryBudgets.isEmpty {
                meta += [("categories", constraints.categoryBudgets.map(\.category).joined(separator: ",")),
                         ("budget_per_category", constraints.categoryBudgets.map { Money.plain($0.capCents) }.joined(separator: ","))]
            }
            if !constraints.exclusions.isEmpty {
                notes.append("At most one project of each group was funded: " + constraints.exclusions.map { $0.joined(separator: " and ") }.joined(separator: "; ") + ".")
            }
        }
        if let constraints = contest.constraints,
           constraints.maximumFunded != nil || constraints.maximumFundedPerWijk != nil || !constraints.categoryMaxima.isEmpty {
            var limits: [String] = []
            if let maximum = constraints.maximumFunded { limits.append("\(maximum) in all") }
            if let maximum = constraints.maximumFundedPerWijk { limits.append("\(maximum) per wijk") }
            limits += constraints.categoryMaxima.map { "\($0.maximum) of category \($0.category)" }
            notes.append("At most so many projects were funded: " + limits.joined(separator: ", ") + ".")
        }
        meta += [("rule", rule.rawValue)]
        let sourceNote = "Exported by Buurtstem from the signed record of election \(definition.id); the record is the authority."
        meta += [("comment", (notes + [sourceNote]).enumerated().map { "#\($0 + 1): \($1)" }.joined(separator: " "))]

        var projectColumns = ["project_id", "cost", "votes"]
        if points { projectColumns.append("score") }
        projectColumns += ["name", "category", "selected"]
        if capped { projectColumns.append("neighborhood") }
        let counts = Dictionary(uniqueKeysWithValues: count.projects.map { ($0.id, $0) })
        let projects = contest.projects.map { project in
            var fields = [project.id, Money.plain(project.costCents), String(counts[project.id]?.ballots ?? 0)]
            if points { fields.append(String(counts[project.id]?.points ?? 0)) }
            fields += [project.title, project.category ?? "", funded.contains(project.id) ? "1" : "0"]
            if capped { fields.append(contest.wijk(of: project) ?? "") }
            return PabulibProject(id: project.id, cost: DecimalAmount(units: project.costCents, scale: 2), fields: fields)
        }

        // Counted ballots without their order of casting: sorted by content, then numbered.
        let known = Set(contest.projects.map(\.id))
        let rows: [(ids: [String], points: [Int64])] = count.ballots.map { choices in
            var kept = choices.filter { known.contains($0.project) }
            if case .ranking = definition.ballot { kept.sort { $0.value < $1.value } }
            return (kept.map(\.project), kept.map { Int64($0.value) })
        }.sorted { lhs, rhs in
            lhs.ids.lexicographicallyPrecedes(rhs.ids) || (lhs.ids == rhs.ids && lhs.points.lexicographicallyPrecedes(rhs.points))
        }
        let voteColumns = points ? ["voter_id", "vote", "points"] : ["voter_id", "vote"]
        let votes = rows.enumerated().map { index, row in
            let voter = String(index + 1)
            var fields = [voter, row.ids.joined(separator: ",")]
            if points { fields.append(row.points.map(String.init).joined(separator: ",")) }
            return PabulibVote(voterID: voter, projects: row.ids, points: points ? row.points : nil, fields: fields)
        }
        // In the order pabulib-checker expects (it warns about any other).
        let ordered = meta.sorted { (metaOrder.firstIndex(of: $0.0) ?? .max) < (metaOrder.firstIndex(of: $1.0) ?? .max) }
        let instance = PabulibInstance(
            meta: ordered.map { PabulibMetaEntry(key: $0.0, value: $0.1) }, projectColumns: projectColumns, projects: projects,
            voteColumns: voteColumns, votes: votes, budget: DecimalAmount(units: contest.budgetCents, scale: 2), voteType: voteType)
        return File(area: contest.area, instance: instance, runsOfficially: rule.isRunnable)
    }

    /// The META keys in the order of the Pabulib format (pabulib-checker 1.0.8's `META_FIELDS_ORDER`, the keys we write).
    static let metaOrder = [
        "description", "country", "unit", "subunit", "instance", "num_projects", "num_votes", "budget", "vote_type", "rule",
        "date_begin", "date_end", "min_length", "max_length", "max_sum_cost", "max_points", "max_sum_points",
        "min_project_score_threshold", "neighborhoods", "categories", "language", "currency", "comment", "budget_per_category",
        "budget_per_neighborhood",
    ]

    /// The year of `millis` in the Netherlands (Europe/Amsterdam).
    private static func year(_ millis: Int64) -> Int {
        calendar.component(.year, from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }

    /// `DD.MM.YYYY` in the Netherlands, as Pabulib writes dates.
    private static func date(_ millis: Int64) -> String {
        let parts = calendar.dateComponents([.day, .month, .year], from: Date(timeIntervalSince1970: Double(millis) / 1000))
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(parts.day)).\(two(parts.month)).\(parts.year ?? 0)"
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        return calendar
    }()
}
