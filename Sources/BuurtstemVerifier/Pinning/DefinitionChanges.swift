import BuurtstemRecord

/// What differs between a pre-published definition and a record's: named, so that an observer sees at once what
/// was changed after publication (a project's cost, a budget, the rule, a project added), not only that something
/// was.
enum DefinitionChanges {
    /// The differences from `old` to `new`, one sentence each (at most `limit`).
    static func between(_ old: ElectionDefinition, _ new: ElectionDefinition, limit: Int = 20) -> [String] {
        var changes: [String] = []
        func note<T: Equatable>(_ what: String, _ a: T, _ b: T) {
            if a != b { changes.append("\(what) was \(a), is \(b)") }
        }
        note("the title", old.title, new.title)
        note("the register snapshot", old.registerSnapshot, new.registerSnapshot)
        note("the eligibility", "\(old.eligibility)", "\(new.eligibility)")
        note("the ballot", "\(old.ballot)", "\(new.ballot)")
        note("the rule", old.allocation.rule.rawValue, new.allocation.rule.rawValue)
        note("the tie-break", old.allocation.tieBreak.rawValue, new.allocation.tieBreak.rawValue)
        note("the satisfaction", old.allocation.satisfaction?.rawValue ?? "-", new.allocation.satisfaction?.rawValue ?? "-")
        note("the completion", old.allocation.completion?.rawValue ?? "-", new.allocation.completion?.rawValue ?? "-")
        note("the opening time", old.pollsOpenMillis, new.pollsOpenMillis)
        note("the closing time", old.pollsCloseMillis, new.pollsCloseMillis)
        note("the weighting", "\(String(describing: old.weighting))", "\(String(describing: new.weighting))")
        let oldContests = Dictionary(old.contests.map { ($0.area, $0) }, uniquingKeysWith: { a, _ in a })
        let newAreas = Set(new.contests.map(\.area))
        for contest in new.contests {
            guard let before = oldContests[contest.area] else {
                changes.append("contest \(contest.area) was added")
                continue
            }
            note("contest \(contest.area)'s budget (cents)", before.budgetCents, contest.budgetCents)
            note("contest \(contest.area)'s caps", "\(before.caps ?? [])", "\(contest.caps ?? [])")
            let oldProjects = Dictionary(before.projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let newIds = Set(contest.projects.map(\.id))
            for project in contest.projects {
                guard let was = oldProjects[project.id] else {
                    changes.append("project \(project.id) was added to contest \(contest.area)")
                    continue
                }
                note("project \(project.id)'s cost (cents)", was.costCents, project.costCents)
                note("project \(project.id)'s title", was.title, project.title)
                note("project \(project.id)'s description", was.description, project.description)
                note("project \(project.id)'s area", was.area ?? "-", project.area ?? "-")
                note("project \(project.id)'s category", was.category ?? "-", project.category ?? "-")
                note("project \(project.id)'s criteria", was.criteria ?? [:], project.criteria ?? [:])
            }
            for project in before.projects where !newIds.contains(project.id) {
                changes.append("project \(project.id) was removed from contest \(contest.area)")
            }
            if before.projects.map(\.id) != contest.projects.map(\.id) && Set(before.projects.map(\.id)) == newIds {
                changes.append("the projects of contest \(contest.area) were reordered")
            }
        }
        for contest in old.contests where !newAreas.contains(contest.area) {
            changes.append("contest \(contest.area) was removed")
        }
        return Array(changes.prefix(limit))
    }
}
