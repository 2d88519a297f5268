import Foundation
import BuurtstemRecord

/// Whether choices make a valid ballot for a contest, by the election's ballot type; and their canonical order.
public enum BallotRules {
    /// Checks `choices` against `contest` and `type`; returns them in canonical order (by rank for ranking, else
    /// by project id in UTF-8 byte order), or throws `CastError.invalidBallot` saying what is wrong.
    public static func validate(_ choices: [Choice], type: BallotType, contest: Contest) throws(CastError) -> [Choice] {
        let projects = Dictionary(uniqueKeysWithValues: contest.projects.map { ($0.id, $0) })
        var seen: Set<String> = []
        for choice in choices {
            guard projects[choice.project] != nil else {
                throw .invalidBallot("\(choice.project) is not on the ballot of \(contest.area)")
            }
            guard seen.insert(choice.project).inserted else {
                throw .invalidBallot("\(choice.project) is chosen twice")
            }
        }
        func requireOnes() throws(CastError) {
            if let other = choices.first(where: { $0.value != 1 }) {
                throw .invalidBallot("\(other.project) has a value (\(other.value)); this ballot type only marks projects")
            }
        }
        switch type {
        case .chooseOne:
            try requireOnes()
            guard choices.count == 1 else { throw .invalidBallot("choose exactly one project (\(choices.count) chosen)") }
        case let .approval(min, max):
            try requireOnes()
            guard choices.count >= min else { throw .invalidBallot("choose at least \(min) projects (\(choices.count) chosen)") }
            guard choices.count <= max else { throw .invalidBallot("choose at most \(max) projects (\(choices.count) chosen)") }
        case .knapsack:
            try requireOnes()
            guard !choices.isEmpty else { throw .invalidBallot("choose at least one project") }
            let total = choices.reduce(Int64(0)) { $0 + projects[$1.project]!.costCents }
            guard total <= contest.budgetCents else {
                throw .invalidBallot("the chosen projects cost \(Money.format(total)), more than the budget of \(Money.format(contest.budgetCents))")
            }
        case let .cumulative(points, maxPerProject):
            guard !choices.isEmpty else { throw .invalidBallot("give points to at least one project") }
            if let zero = choices.first(where: { $0.value == 0 }) { throw .invalidBallot("\(zero.project) has 0 points; leave it out instead") }
            if let cap = maxPerProject, let over = choices.first(where: { $0.value > cap }) {
                throw .invalidBallot("\(over.project) has \(over.value) points; at most \(cap) per project")
            }
            let total = choices.reduce(UInt64(0)) { $0 + UInt64($1.value) }
            guard total <= points else { throw .invalidBallot("\(total) points given; at most \(points)") }
        case let .ranking(max):
            guard !choices.isEmpty else { throw .invalidBallot("rank at least one project") }
            guard choices.count <= max else { throw .invalidBallot("rank at most \(max) projects (\(choices.count) ranked)") }
            let ranks = choices.map(\.value).sorted()
            guard ranks == Array(1...UInt32(choices.count)) else {
                throw .invalidBallot("ranks must be 1, 2, 3, ... without gaps or ties")
            }
            return choices.sorted { $0.value < $1.value }
        }
        return choices.sorted { Array($0.project.utf8).lexicographicallyPrecedes(Array($1.project.utf8)) }
    }

    /// Reads choices as typed on the command line: `A,B,C` (marks; for ranking, best first) or `A=3,B=2` (points).
    public static func parse(_ text: String, type: BallotType) throws(CastError) -> [Choice] {
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var choices: [Choice] = []
        for (index, item) in items.enumerated() {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard !parts[0].isEmpty else {
                throw .invalidBallot("'\(item)': a project id is missing before the '='; write PROJECT or PROJECT=N")
            }
            if parts.count == 2 {
                guard case .cumulative = type else { throw .invalidBallot("'\(item)': points (=N) are only for cumulative ballots") }
                guard let points = UInt32(parts[1]) else { throw .invalidBallot("'\(item)': the points must be a whole number") }
                choices.append(Choice(project: parts[0], value: points))
            } else {
                if case .cumulative = type { throw .invalidBallot("'\(item)': give points as PROJECT=N") }
                if case .ranking = type {
                    choices.append(Choice(project: parts[0], value: UInt32(index + 1)))
                } else {
                    choices.append(Choice(project: parts[0], value: 1))
                }
            }
        }
        return choices
    }
}
