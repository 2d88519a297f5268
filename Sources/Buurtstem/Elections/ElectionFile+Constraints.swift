import BuurtstemRecord
import Yams

extension ElectionFile {
    /// A contest's `constraints:` (docs/elections.md, "Constraints"): `minimum_votes`, `minimum_points` or
    /// `minimum_share` (a percentage of the contest's counted ballots, at most two decimals), `category_budgets`
    /// (category: euros), `exclusive` (groups of project ids of which at most one is funded), and at most how many
    /// projects are funded: `max_funded`, `max_funded_per_wijk` (gemeente-wide contests), `max_funded_per_category`.
    /// nil when absent.
    ///
    /// `pointMinimumLines` collects the lines of a `minimum_points`, which only a cumulative ballot can meet (the
    /// ballot is read after the contests).
    static func parseConstraints(_ reader: YAMLReader, _ contest: YAMLReader.Mapping, budget: Int64?, projects: [Project],
                                 pointMinimumLines: inout [Int]) -> ContestConstraints? {
        guard let (node, line) = reader.value(contest, "constraints", required: false) else { return nil }
        let path = "\(contest.path).constraints"
        guard let mapping = reader.mapping(node, path: path) else { return nil }

        var minimum: ContestConstraints.MinimumSupport?
        let given = ["minimum_votes", "minimum_points", "minimum_share"].filter { key in mapping.pairs.contains { $0.key == key } }
        if given.count > 1 {
            reader.problem(line, path, "give one of \(given.joined(separator: ", ")), not \(given.count): a project has one threshold")
        }
        if let votes = reader.integer(mapping, "minimum_votes", in: 1...1_000_000_000, required: false) {
            minimum = .votes(UInt32(votes))
        }
        if let points = reader.integer(mapping, "minimum_points", in: 1...1_000_000_000, required: false) {
            minimum = .points(UInt32(points))
            pointMinimumLines.append(reader.value(mapping, "minimum_points")?.line ?? line)
        }
        if let (shareNode, shareLine) = reader.value(mapping, "minimum_share", required: false) {
            // A percentage with at most two decimals is a whole number of basis points, read like cents.
            let text = (shareNode.scalar?.string ?? "").replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces)
            if let basisPoints = Money.cents(text), basisPoints > 0, basisPoints <= 10_000 {
                minimum = .shareBasisPoints(UInt32(basisPoints))
            } else {
                reader.problem(shareLine, "\(path).minimum_share",
                               "'minimum_share' should be a percentage above 0 and at most 100 with at most two decimals, e.g. 5 or 2.5")
            }
        }

        let categories = Set(projects.compactMap(\.category))
        var budgets: [ContestConstraints.CategoryBudget] = []
        if let (budgetNode, budgetLine) = reader.value(mapping, "category_budgets", required: false),
           let perCategory = reader.mapping(budgetNode, path: "\(path).category_budgets") {
            if perCategory.pairs.isEmpty {
                reader.problem(budgetLine, "\(path).category_budgets", "no category is given; write 'groen: 50000' per category, or remove 'category_budgets'")
            }
            for pair in perCategory.pairs {
                guard let cents = reader.money(perCategory, pair.key) else { continue }
                let field = "\(path).category_budgets.\(pair.key)"
                if !categories.contains(pair.key) {
                    let known = categories.sorted().joined(separator: ", ")
                    reader.problem(pair.line, field, "no project of the contest has category '\(pair.key)'"
                                   + (known.isEmpty ? "; give projects a 'category'" : " (the categories are: \(known))"))
                } else if cents == 0 {
                    reader.problem(pair.line, field, "the budget of '\(pair.key)' is zero: none of its projects could be funded")
                } else if let budget, cents > budget {
                    reader.problem(pair.line, field, "the budget of '\(pair.key)' is \(Money.format(cents)), more than the contest's \(Money.format(budget)); make it at most the budget")
                }
                budgets.append(.init(category: pair.key, capCents: cents))
            }
        }

        var groups: [[String]] = []
        if let (groupsNode, groupsLine) = reader.value(mapping, "exclusive", required: false) {
            let field = "\(path).exclusive"
            let ids = Set(projects.map(\.id))
            var grouped: [String: Int] = [:]
            if case let .sequence(list) = groupsNode, !list.isEmpty {
                for (index, groupNode) in list.enumerated() {
                    let groupLine = groupNode.mark?.line ?? groupsLine
                    guard case let .sequence(members) = groupNode else {
                        reader.problem(groupLine, "\(field)[\(index + 1)]", "a group is a list of project ids, e.g. [KW-01, KW-03]")
                        continue
                    }
                    let group = members.compactMap { $0.scalar?.string.trimmingCharacters(in: .whitespaces) }
                    if group.count != members.count || Set(group).count != group.count || group.count < 2 {
                        reader.problem(groupLine, "\(field)[\(index + 1)]", "a group names two or more different project ids, e.g. [KW-01, KW-03]")
                        continue
                    }
                    for id in group {
                        if !ids.contains(id) {
                            reader.problem(groupLine, "\(field)[\(index + 1)]", "'\(id)' is not a project of this contest")
                        } else if let first = grouped[id] {
                            reader.problem(groupLine, "\(field)[\(index + 1)]", "'\(id)' is already in group \(first); a project belongs to one group at most (merge the groups)")
                        }
                        grouped[id] = index + 1
                    }
                    groups.append(group)
                }
            } else {
                reader.problem(groupsLine, field, "'exclusive' should be a list of groups, each a list of project ids: - [KW-01, KW-03]")
            }
        }
        let maximumFunded = reader.integer(mapping, "max_funded", in: 1...100_000, required: false)
        let maximumPerWijk = reader.integer(mapping, "max_funded_per_wijk", in: 1...100_000, required: false)
        if maximumPerWijk != nil, let area = contest.pairs.first(where: { $0.key == "area" }), !(area.value.scalar?.string ?? "").hasPrefix("GM") {
            reader.problem(reader.value(mapping, "max_funded_per_wijk")?.line, "\(path).max_funded_per_wijk",
                           "a maximum per wijk applies to a gemeente-wide contest whose projects lie in several wijken; in a wijk contest use max_funded")
        }
        var maxima: [ContestConstraints.CategoryMaximum] = []
        if let (maximaNode, maximaLine) = reader.value(mapping, "max_funded_per_category", required: false),
           let perCategory = reader.mapping(maximaNode, path: "\(path).max_funded_per_category") {
            if perCategory.pairs.isEmpty {
                reader.problem(maximaLine, "\(path).max_funded_per_category", "no category is given; write 'groen: 2' per category, or remove it")
            }
            for pair in perCategory.pairs {
                guard let maximum = reader.integer(perCategory, pair.key, in: 1...100_000) else { continue }
                if !categories.contains(pair.key) {
                    reader.problem(pair.line, "\(path).max_funded_per_category.\(pair.key)", "no project of the contest has category '\(pair.key)'")
                }
                maxima.append(.init(category: pair.key, maximum: UInt32(maximum)))
            }
        }
        let constraints = ContestConstraints(minimum: minimum, categoryBudgets: budgets, exclusions: groups,
                                             maximumFunded: maximumFunded.map { UInt32($0) }, maximumFundedPerWijk: maximumPerWijk.map { UInt32($0) },
                                             categoryMaxima: maxima)
        if constraints.isEmpty {
            reader.problem(line, path, "no constraint is given; use minimum_votes, minimum_points, minimum_share, category_budgets, exclusive, "
                           + "max_funded, max_funded_per_wijk or max_funded_per_category, or remove 'constraints'")
        }
        return constraints
    }
}
