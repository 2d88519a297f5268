import Buurtstem
import BuurtstemRecord

/// A contest's projects in the order the rule went through them, and, where two had the same support, which went
/// first and why, in words.
///
/// The engine's explanations give each project of a greedy rule its place ("rank 3"), but not that a tie was broken;
/// the tie is read back from the ranking: neighbours with the same support were ordered by the published tie-break
/// (lowest cost, then most votes, then the public lot; or the lowest project id).
struct RankOrder {
    /// The projects, in the rule's order: a greedy rule's ranking; else the funded ones in the order they were
    /// funded, then the others by support and the tie-break.
    let projects: [ElectionReport.ProjectResult]
    /// Per project id, the sentence on its tie, when it had one.
    let ties: [String: (dutch: String, english: String)]

    /// The order of `contest`'s projects under `spec`.
    init(_ contest: ElectionReport.ContestResult, spec: AllocationSpec) {
        let all = contest.projects
        projects = all.sorted { a, b in
            switch (Self.rank(a), Self.rank(b)) {
            case let (x?, y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil):
                switch (a.fundedOrder, b.fundedOrder) {
                case let (x?, y?): return x < y
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil):
                    if a.points != b.points { return a.points > b.points }
                    return Self.breaksTie(a, before: b, spec.tieBreak) ?? a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
                }
            }
        }
        // Only rules that rank by support itself: per euro (or by cardinality) the same votes are not a tie.
        let bySupport = [.greedy, .greedyNoSkip].contains(spec.rule) && spec.satisfaction != .cardinality
        var ties: [String: (String, String)] = [:]
        if bySupport {
            let ranked = projects.compactMap { project in Self.support(project).map { (project, $0) } }
            var start = 0
            while start < ranked.count {
                var end = start
                while end + 1 < ranked.count, ranked[end + 1].1 == ranked[start].1 { end += 1 }
                if end > start {
                    let group = ranked[start...end].map(\.0)
                    let text = Self.sentence(group, support: ranked[start].1, spec.tieBreak)
                    for project in group { ties[project.id] = text }
                }
                start = end + 1
            }
        }
        self.ties = ties
    }

    /// A greedy rule's place for the project (1 first), from its explanation.
    static func rank(_ project: ElectionReport.ProjectResult) -> Int? {
        switch project.explanation?.reason {
        case let .greedyFunded(rank, _, _, _)?, let .greedyDidNotFit(rank, _, _, _)?, let .greedyStopped(rank, _, _)?: rank
        default: nil
        }
    }

    /// A greedy rule's support for the project (28 votes), from its explanation.
    static func support(_ project: ElectionReport.ProjectResult) -> ReasonSupport? {
        switch project.explanation?.reason {
        case let .greedyFunded(_, support, _, _)?, let .greedyDidNotFit(_, support, _, _)?, let .greedyStopped(_, support, _)?: support
        default: nil
        }
    }

    /// Whether the tie-break puts `a` before `b` by cost or votes; nil when only the lot (or the id) can tell.
    static func breaksTie(_ a: ElectionReport.ProjectResult, before b: ElectionReport.ProjectResult,
                          _ tieBreak: AllocationSpec.TieBreak) -> Bool? {
        guard tieBreak == .costVotes else { return a.id.utf8.lexicographicallyPrecedes(b.id.utf8) }
        if a.costCents != b.costCents { return a.costCents < b.costCents }
        if a.votes != b.votes { return a.votes > b.votes }
        return nil
    }

    /// The sentence on a tie between `group` (in the rule's order), who all had `support`.
    static func sentence(_ group: [ElectionReport.ProjectResult], support: ReasonSupport,
                         _ tieBreak: AllocationSpec.TieBreak) -> (dutch: String, english: String) {
        let ids = group.map(\.id)
        var dutch = "Gelijke stand: \(list(ids, and: "en")) hadden elk \(support.dutch). "
        var english = "A tie: \(list(ids, and: "and")) each had \(support). "
        var steps: [(String, String)] = []
        for (first, second) in zip(group, group.dropFirst()) {
            let pair = "\(first.id) vóór \(second.id)", pairEnglish = "\(first.id) before \(second.id)"
            if tieBreak == .lexico {
                steps.append(("\(pair): de laagste projectcode gaat voor", "\(pairEnglish): the lowest project id goes first"))
            } else if first.costCents != second.costCents {
                steps.append(("\(pair): het goedkoopste gaat voor (\(SiteFormat.money(first.costCents)) tegen \(SiteFormat.money(second.costCents)))",
                              "\(pairEnglish): the cheaper one goes first (\(SiteFormat.money(first.costCents)) against \(SiteFormat.money(second.costCents)))"))
            } else if first.votes != second.votes {
                steps.append(("\(pair): bij gelijke kosten gaan de meeste stemmen voor (\(SiteFormat.count(first.votes)) tegen \(SiteFormat.count(second.votes)))",
                              "\(pairEnglish): at equal cost the most votes go first (\(SiteFormat.count(first.votes)) against \(SiteFormat.count(second.votes)))"))
            } else {
                steps.append(("\(pair): bij gelijke kosten en stemmen besliste de openbare loting",
                              "\(pairEnglish): at equal cost and votes the public lot decided"))
            }
        }
        dutch += steps.map(\.0).joined(separator: "; ") + "."
        english += steps.map(\.1).joined(separator: "; ") + "."
        // Where the order decided who got money, say so: that is when a tie-break matters to residents.
        if Set(group.map(\.funded)).count > 1 {
            dutch += " Hier besliste de gelijke stand wie geld kreeg."
            english += " Here the tie-break decided who got money."
        }
        return (dutch, english)
    }

    /// `A`, `A en B`, `A, B en C`.
    static func list(_ items: [String], and word: String) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " \(word) " + items.last!
    }
}
