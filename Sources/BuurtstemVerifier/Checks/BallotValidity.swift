import BuurtstemRecord

/// The verifier's own reading of when a ballot is valid for its type (docs/elections.md, "Ballot types"),
/// written apart from the engine's so that the two must agree rather than share a mistake.
enum BallotValidity {
    /// Nil when `choices` is a valid ballot of `type` for `contest` in canonical order; otherwise why not.
    static func problem(_ choices: [Choice], type: BallotType, contest: Contest) -> String? {
        var costs: [String: Int64] = [:]
        for project in contest.projects { costs[project.id] = project.costCents }
        var seen = Set<String>()
        for choice in choices {
            if costs[choice.project] == nil { return "\(choice.project) is not a project of \(contest.area)" }
            if !seen.insert(choice.project).inserted { return "\(choice.project) appears twice" }
        }
        let allOnes = choices.allSatisfy { $0.value == 1 }
        let byId = zip(choices, choices.dropFirst()).allSatisfy { Array($0.project.utf8).lexicographicallyPrecedes(Array($1.project.utf8)) }
        switch type {
        case .chooseOne:
            if choices.count != 1 || !allOnes { return "a choose-1 ballot marks exactly one project" }
        case let .approval(min, max):
            if !allOnes { return "an approval ballot only marks projects" }
            if choices.count < min || choices.count > max { return "\(choices.count) projects marked; allowed \(min) to \(max)" }
        case .knapsack:
            if !allOnes || choices.isEmpty { return "a knapsack ballot marks at least one project" }
            // Saturating: a hostile definition's costs must not trap the sum.
            let total = choices.reduce(Int64(0)) { sum, choice in
                let (next, overflow) = sum.addingReportingOverflow(costs[choice.project] ?? 0)
                return overflow ? Int64.max : next
            }
            if total > contest.budgetCents { return "the marked projects cost \(total) cents, over the budget of \(contest.budgetCents)" }
        case let .cumulative(points, maxPerProject):
            if choices.isEmpty || choices.contains(where: { $0.value == 0 }) { return "a cumulative ballot gives 1 or more points to at least one project" }
            if let cap = maxPerProject, choices.contains(where: { $0.value > cap }) { return "more than \(cap) points on one project" }
            if choices.reduce(0, { $0 + Int($1.value) }) > points { return "more than \(points) points in all" }
        case let .ranking(max):
            if choices.isEmpty || choices.count > max { return "\(choices.count) projects ranked; allowed 1 to \(max)" }
            if choices.map(\.value) != Array(1...UInt32(choices.count)) { return "the ranks are not 1, 2, 3, ... in order" }
            return nil
        }
        return byId ? nil : "the choices are not in canonical order (by project id)"
    }
}
