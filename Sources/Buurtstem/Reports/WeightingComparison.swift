import BuurtstemRecord

/// The outcome of a weighted election next to the outcome without the weighting, so the raad sees whom the
/// weighting favours (DESIGN.md, "Reports and transparency"): per project both outcomes and its factor, and per
/// wijk the money and the projects it gains or loses through the weighting.
package struct WeightingComparison: Sendable, Codable, Equatable {
    /// A published criterion.
    package struct Criterion: Sendable, Codable, Equatable {
        /// Its id (the project attribute).
        package let id: String
        /// What it measures.
        package let title: String
        /// The weight as a decimal (`0.5`).
        package let weight: String
    }

    /// One project in both outcomes.
    package struct ProjectLine: Sendable, Codable, Equatable {
        /// The contest area.
        package let contest: String
        /// The project id.
        package let id: String
        /// Its title.
        package let title: String
        /// The wijk it counts in (the contest area for a wijk contest).
        package let area: String
        /// Its cost in cents.
        package let costCents: Int64
        /// Its support (votes, or points on cumulative ballots).
        package let support: UInt64
        /// Its values for the criteria, by criterion id.
        package let criteria: [String: Int64]
        /// Its weighting factor, rounded to four decimals for reading (the ranking uses the exact value).
        package let factor: String
        /// Funded without the weighting.
        package let fundedUnweighted: Bool
        /// Funded with the weighting (the published outcome).
        package let fundedWeighted: Bool
    }

    /// One wijk in both outcomes.
    package struct AreaLine: Sendable, Codable, Equatable {
        /// The wijk code (or the contest area for projects without a wijk).
        package let area: String
        /// Its name, when known.
        package let name: String?
        /// Funded without the weighting, in cents.
        package let unweightedCents: Int64
        /// Funded with the weighting, in cents.
        package let weightedCents: Int64
        /// Projects funded without the weighting.
        package let unweightedProjects: Int
        /// Projects funded with the weighting.
        package let weightedProjects: Int
        /// Projects funded only because of the weighting.
        package let gained: [String]
        /// Projects that would have been funded without the weighting, and are not.
        package let lost: [String]

        /// What the weighting gives (positive) or takes (negative), in cents.
        package var differenceCents: Int64 { weightedCents - unweightedCents }
    }

    /// The election.
    package let election: String
    /// The rule.
    package let rule: AllocationRule
    /// The criteria with their weights.
    package let criteria: [Criterion]
    /// Every project, per contest in the definition's order.
    package let projects: [ProjectLine]
    /// Every wijk with projects, by code.
    package let areas: [AreaLine]

    /// Projects funded only with the weighting.
    package var fundedOnlyWeighted: [String] { projects.filter { $0.fundedWeighted && !$0.fundedUnweighted }.map(\.id) }
    /// Projects funded only without it.
    package var fundedOnlyUnweighted: [String] { projects.filter { !$0.fundedWeighted && $0.fundedUnweighted }.map(\.id) }

    /// The comparison for a weighted `definition`, from its published (weighted) outcome and the outcome of the
    /// same rule on the same ballots without the weighting; nil when the election has no weighting.
    package static func compare(_ tally: Tally, definition: ElectionDefinition, weighted: [ContestAllocation], unweighted: [ContestAllocation],
                               names: [String: String] = [:]) -> WeightingComparison? {
        guard let weighting = definition.weighting else { return nil }
        var projects: [ProjectLine] = []
        for ((contest, count), (withWeights, without)) in zip(zip(definition.contests, tally.contests), zip(weighted, unweighted)) {
            let values = RankingWeighting(weightsPer10000: weighting.criteria.map(\.weightPer10000),
                                          values: contest.projects.map { p in weighting.criteria.map { p.criteria?[$0.id] ?? 0 } })
            let (yes, no) = (Set(withWeights.funded), Set(without.funded))
            for (index, project) in contest.projects.enumerated() {
                let support = if case .cumulative = definition.ballot { count.projects[index].points } else { UInt64(count.projects[index].ballots) }
                projects.append(ProjectLine(
                    contest: contest.area, id: project.id, title: project.title, area: contest.wijk(of: project) ?? contest.area,
                    costCents: project.costCents, support: support, criteria: project.criteria ?? [:], factor: values.factorText(index),
                    fundedUnweighted: no.contains(project.id), fundedWeighted: yes.contains(project.id)))
            }
        }
        let byArea = Dictionary(grouping: projects, by: \.area)
        let areas = byArea.keys.sorted().map { area -> AreaLine in
            let lines = byArea[area] ?? []
            let with = lines.filter(\.fundedWeighted), without = lines.filter(\.fundedUnweighted)
            return AreaLine(area: area, name: names[area],
                            unweightedCents: without.reduce(Int64(0)) { $0 + $1.costCents }, weightedCents: with.reduce(Int64(0)) { $0 + $1.costCents },
                            unweightedProjects: without.count, weightedProjects: with.count,
                            gained: lines.filter { $0.fundedWeighted && !$0.fundedUnweighted }.map(\.id),
                            lost: lines.filter { !$0.fundedWeighted && $0.fundedUnweighted }.map(\.id))
        }
        return WeightingComparison(
            election: definition.id, rule: definition.allocation.rule,
            criteria: weighting.criteria.map { Criterion(id: $0.id, title: $0.title, weight: Self.decimal($0.weightPer10000)) },
            projects: projects, areas: areas)
    }

    /// Ten-thousandths as a decimal: 2500 is `0.25`, 10000 is `1`.
    static func decimal(_ value: Int64) -> String {
        var fraction = String(value % 10_000)
        guard fraction != "0" else { return "\(value / 10_000)" }
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(value / 10_000).\(fraction)"
    }

    /// Both outcomes side by side, for people: the criteria, then per wijk the money and projects with and
    /// without the weighting and the difference, then the projects whose outcome the weighting changed.
    package var text: String {
        var lines = ["Weighting (rule \(rule)): weighted support = support × (1 + Σ weight × value / highest value)"]
        for criterion in criteria { lines.append("  \(criterion.id) (\(criterion.title)): weight \(criterion.weight)") }
        lines.append("  per wijk                         without weighting          with weighting            difference")
        for area in areas {
            let label = "\(area.area)\(area.name.map { " \($0)" } ?? "")"
            let difference = area.differenceCents
            lines.append("  \(label.padding(toLength: 30, withPad: " ", startingAt: 0))  "
                + "\(Money.format(area.unweightedCents).leftAligned(16)) (\(area.unweightedProjects))  "
                + "\(Money.format(area.weightedCents).leftAligned(16)) (\(area.weightedProjects))  "
                + "\(difference > 0 ? "+" : difference < 0 ? "-" : " ")\(Money.format(abs(difference)))"
                + (area.gained.isEmpty ? "" : "; gains \(area.gained.joined(separator: ", "))")
                + (area.lost.isEmpty ? "" : "; loses \(area.lost.joined(separator: ", "))"))
        }
        let changed = projects.filter { $0.fundedWeighted != $0.fundedUnweighted }
        if changed.isEmpty {
            lines.append("  The weighting changes no project's outcome.")
        }
        for project in changed {
            lines.append("  \(project.id) (\(project.area)): \(project.fundedWeighted ? "funded only with" : "funded only without") the weighting; "
                + "support \(project.support) × \(project.factor)")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The text padded with spaces on the right to `width` characters.
    func leftAligned(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
