import Foundation

/// An allocation outcome in the form `buurtstem allocate` prints: JSON for machines, a table for people.
public struct AllocationReport: Sendable, Codable, Equatable {
    /// One project's line.
    public struct Line: Sendable, Codable, Equatable {
        /// The project id.
        public var id: String
        /// Its name, if known.
        public var name: String?
        /// Its cost in currency units.
        public var cost: String
        /// Voters listing it.
        public var votes: Int64
        /// Points it received (cardinal ballots only).
        public var points: Int64?
        /// Whether it was funded in full.
        public var funded: Bool
        /// The amount received if only partly funded.
        public var partialAmount: String?
        /// Why, when explanations were asked for.
        public var explanation: ProjectExplanation?

        enum CodingKeys: String, CodingKey {
            case id, name, cost, votes, points, funded, explanation
            case partialAmount = "partial_amount"
        }
    }

    /// The source file, if any.
    public var file: String?
    /// The rule.
    public var rule: String
    /// The satisfaction used.
    public var satisfaction: String
    /// The completion (MES).
    public var completion: String
    /// The tie-break.
    public var tieBreak: String
    /// The budget in currency units.
    public var budget: String
    /// The voters, empty ballots included.
    public var voters: Int64
    /// The funded project ids, in the order the rule funded them.
    public var selected: [String]
    /// The exact sum of the funded projects' costs, in currency units.
    public var totalCost: String
    /// The budget left unspent (after any partial funding).
    public var leftover: String
    /// For MES: runs, kept per-voter budget, exhaustiveness.
    public var equalShares: EqualSharesReport?
    /// Every project, in file order.
    public var projects: [Line]
    /// With `allocate --official`: the rule the file's META names, as run.
    public var officialRule: String?
    /// With `allocate --official`: what was run, in one sentence.
    public var officialDescription: String?
    /// Problems in the input the reader recovered from, or that the run could not reproduce exactly (file and line).
    public var warnings: [String]?

    enum CodingKeys: String, CodingKey {
        case file, rule, satisfaction, completion, budget, voters, selected, leftover, projects, warnings
        case tieBreak = "tie_break", totalCost = "total_cost", equalShares = "equal_shares"
        case officialRule = "official_rule", officialDescription = "official_description"
    }

    /// The report of `outcome`, computed from `election` with `options`.
    public init(election: AllocationInput, options: AllocationOptions, outcome: AllocationOutcome, file: String? = nil) {
        self.file = file
        rule = options.rule.rawValue
        satisfaction = options.effectiveSatisfaction(for: election.kind).rawValue
        completion = options.completion.rawValue
        tieBreak = options.tieBreak.name
        budget = election.format(election.budget)
        voters = election.voterCount
        selected = outcome.selected.map { election.projects[$0].id }
        totalCost = election.format(outcome.totalCost)
        let partial = outcome.partialFunding
        leftover = election.format(election.budget - outcome.totalCost - (partial?.amount ?? 0))
        equalShares = outcome.equalShares
        let funded = Set(outcome.selected)
        projects = election.projects.indices.map { p in
            Line(id: election.projects[p].id, name: election.projects[p].name,
                 cost: election.format(election.projects[p].cost), votes: election.approvalCounts[p],
                 points: election.kind == .cardinal ? election.pointTotals[p] : nil, funded: funded.contains(p),
                 partialAmount: partial?.project == p ? partial.map { election.format($0.amount) } : nil,
                 explanation: outcome.explanations?[p])
        }
    }

    /// Pretty-printed JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A plain-text table: funded projects first in funding order, then the rest by votes.
    public func table() -> String {
        var lines: [String] = []
        var header = "\(rule)"
        if rule == "mes" { header += ", \(satisfaction) satisfaction, completion \(completion)" }
        header += ", tie-break \(tieBreak); budget \(AllocationInput.grouped(budget)), \(voters) voters"
        if let file { header = "\(file): " + header }
        lines.append(header)
        if let officialRule {
            lines.append("official rule (META rule \(officialRule)): \(officialDescription ?? officialRule)")
        }
        if let mes = equalShares {
            lines.append("equal shares: \(mes.runs) run\(mes.runs == 1 ? "" : "s"), per-voter budget \(mes.perVoterBudget)"
                         + (mes.exhaustive ? "" : ", not exhaustive"))
        }
        let order = selected.compactMap { id in projects.firstIndex { $0.id == id } }
        let rest = projects.indices.filter { !projects[$0].funded }.sorted {
            projects[$0].votes != projects[$1].votes ? projects[$0].votes > projects[$1].votes : $0 < $1
        }
        let rows = (order + rest).map { index -> [String] in
            let line = projects[index]
            let status = line.funded ? "funded" : (line.partialAmount.map { "partly: \(AllocationInput.grouped($0))" } ?? "-")
            var row = [line.id, AllocationInput.grouped(line.cost), String(line.votes), status]
            if let points = line.points { row.insert(String(points), at: 3) }
            if let explanation = line.explanation { row.append(explanation.summary) }
            return row
        }
        var titles = ["project", "cost", "votes", "funded"]
        if projects.first?.points != nil { titles.insert("points", at: 3) }
        if projects.first?.explanation != nil { titles.append("why") }
        let widths = titles.indices.map { column in
            ([titles[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                // Numbers right-aligned, text left-aligned; the last column is never padded.
                if column == cells.count - 1 { return cell }
                return (column == 1 || column == 2 || (column == 3 && titles[3] == "points")) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
        lines.append(render(titles))
        lines.append(render(widths.map { String(repeating: "-", count: $0) }))
        lines += rows.map(render)
        lines.append("funded \(selected.count) of \(projects.count) projects for \(AllocationInput.grouped(totalCost)); "
                     + "\(AllocationInput.grouped(leftover)) left")
        return lines.joined(separator: "\n")
    }
}
