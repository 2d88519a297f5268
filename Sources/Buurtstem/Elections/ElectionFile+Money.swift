import BuurtstemRecord

/// Caps per wijk and the weighting of the ranking: the parts of a definition about money over several wijken
/// (docs/elections.md, "Caps per wijk" and "Weighted ranking").
extension ElectionFile {
    /// The contest's `caps` (wijk code: euros), checked: only on a gemeente-wide contest, each a stored wijk with
    /// projects in the contest, each above zero and at most the budget, together at least the budget, and every
    /// project in a capped wijk. Nil when the contest has no caps.
    static func parseCaps(_ reader: YAMLReader, _ contest: YAMLReader.Mapping, contestArea: String, gemeente: String,
                          wijken: Set<String>, budget: Int64?, projects: [Project]) -> [AreaCap]? {
        guard let (node, line) = reader.value(contest, "caps", required: false) else { return nil }
        let path = "\(contest.path).caps"
        guard contestArea == gemeente else {
            reader.problem(line, path, "caps per wijk apply to a gemeente-wide contest (area \(gemeente)) whose projects lie in several wijken; "
                + "a wijk contest already has its budget as its cap: remove 'caps' or make the contest gemeente-wide")
            return nil
        }
        guard let mapping = reader.mapping(node, path: path) else { return nil }
        guard !mapping.pairs.isEmpty else {
            reader.problem(line, path, "the contest lists no caps; give each wijk with projects a cap (WK001401: 900000), or remove 'caps'")
            return nil
        }
        let shell = Contest(area: contestArea, budgetCents: budget ?? 0, projects: projects)
        var projectsPerWijk: [String: Int] = [:]
        for project in projects { if let wijk = shell.wijk(of: project) { projectsPerWijk[wijk, default: 0] += 1 } }
        var caps: [AreaCap] = []
        var lines: [String: Int] = [:]
        for pair in mapping.pairs {
            let code = pair.key
            guard let cents = reader.money(mapping, code) else { continue }
            lines[code] = pair.line
            guard wijken.contains(code) else {
                reader.problem(pair.line, "\(path).\(code)", "unknown wijk '\(code)': a cap is for a stored wijk (WK + 6 digits); "
                    + "fix the code or import the gemeente's wijken and buurten first")
                continue
            }
            if cents == 0 {
                reader.problem(pair.line, "\(path).\(code)", "the cap of \(code) is zero: none of its projects could be funded; remove them or give the wijk a cap")
            } else if let budget, cents > budget {
                reader.problem(pair.line, "\(path).\(code)", "the cap of \(code) is \(Money.format(cents)), more than the contest's budget of "
                    + "\(Money.format(budget)); a cap limits a wijk's share of the budget: make it at most the budget")
            }
            if projectsPerWijk[code] == nil {
                reader.problem(pair.line, "\(path).\(code)", "no project of the contest lies in \(code); remove its cap, or give a project 'area: \(code)'")
            }
            caps.append(AreaCap(area: code, capCents: cents))
        }
        for project in projects {
            guard let wijk = shell.wijk(of: project) else {
                reader.problem(contest.line, "\(contest.path).projects", "project \(project.id) has no area, so no cap applies to it; "
                    + "with caps every project names its wijk or buurt ('area: WK...')")
                continue
            }
            if lines[wijk] == nil, wijken.contains(wijk) {
                reader.problem(line, path, "project \(project.id) lies in wijk \(wijk), which has no cap; add '\(wijk): AMOUNT' under caps")
            }
        }
        let total = caps.reduce(Int64(0)) { $0 + $1.capCents }
        if let budget, caps.count == mapping.pairs.count, total < budget {
            reader.problem(line, path, "the caps add up to \(Money.format(total)), less than the contest's budget of \(Money.format(budget)): "
                + "\(Money.format(budget - total)) could never be spent; raise the caps or lower the budget to \(Money.format(total))")
        }
        return caps.sorted { Array($0.area.utf8).lexicographicallyPrecedes(Array($1.area.utf8)) }
    }

    /// The top-level `weighting: criteria: [{id, title, weight}]`, or nil when the election has none.
    static func parseWeighting(_ reader: YAMLReader, _ root: YAMLReader.Mapping) -> Weighting? {
        guard let (node, _) = reader.value(root, "weighting", required: false),
              let weighting = reader.mapping(node, path: "weighting") else { return nil }
        let items = reader.list(weighting, "criteria")
        if items.isEmpty, reader.value(weighting, "criteria", required: false) != nil {
            reader.problem(weighting.line, "weighting.criteria", "the weighting lists no criteria; add one or remove 'weighting'")
        }
        var criteria: [Weighting.Criterion] = []
        var seen: [String: Int] = [:]
        for item in items {
            let id = reader.string(item, "id")
            let idLine = reader.value(item, "id")?.line
            if let id {
                if !isIdentifier(id) {
                    reader.problem(idLine, "\(item.path).id", "'\(id)' is not a criterion id: use letters, digits, '-', '_' and '.' (up to 64)")
                }
                if let first = seen[id] {
                    reader.problem(idLine, "\(item.path).id", "criterion '\(id)' is listed twice (first on line \(first)); list each criterion once")
                }
                seen[id] = seen[id] ?? idLine ?? 0
            }
            let title = reader.string(item, "title")
            var weight: Int64?
            if let (node, line) = reader.value(item, "weight") {
                let text = node.scalar?.string.trimmingCharacters(in: .whitespaces) ?? ""
                weight = Self.weight(text)
                if weight == nil {
                    reader.problem(line, "\(item.path).weight", "'\(text)' is not a weight: write a number such as 0.5, 1 or 0,25 "
                        + "(up to four decimals), from 0 to 100")
                }
            }
            if let id, let title, let weight { criteria.append(Weighting.Criterion(id: id, title: title, weightPer10000: weight)) }
        }
        return Weighting(criteria: criteria)
    }

    /// A weight from 0 to 100 with up to four decimals (point or comma), in ten-thousandths.
    static func weight(_ text: String) -> Int64? {
        let parts = text.split(separator: text.contains(",") ? "," : ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (1...3).contains(parts[0].count), parts[0].allSatisfy(\.isASCIIDigit),
              let whole = Int64(parts[0]) else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            guard (1...4).contains(parts[1].count), parts[1].allSatisfy(\.isASCIIDigit), let digits = Int64(parts[1]) else { return nil }
            fraction = digits * [1000, 100, 10, 1][parts[1].count - 1]
        }
        let value = whole * 10_000 + fraction
        return value <= RankingWeighting.maximumWeight ? value : nil
    }

    /// A project's `criteria` (criterion id: whole number): one value for every criterion of the weighting, nothing
    /// else; nil without a weighting.
    static func parseCriteriaValues(_ reader: YAMLReader, _ project: YAMLReader.Mapping, project id: String,
                                    weighting: Weighting?) -> [String: Int64]? {
        let given = reader.value(project, "criteria", required: false)
        guard let weighting else {
            if let given {
                reader.problem(given.line, "\(project.path).criteria", "project \(id) has criteria, but the election has no weighting; "
                    + "add a top-level 'weighting' with these criteria or remove them")
            }
            return nil
        }
        let mapping = given.flatMap { reader.mapping($0.node, path: "\(project.path).criteria") }
        var values: [String: Int64] = [:]
        for criterion in weighting.criteria {
            guard let mapping, let (node, line) = reader.value(mapping, criterion.id, required: false) else {
                reader.problem(given?.line ?? project.line, "\(project.path).criteria.\(criterion.id)",
                               "project \(id) has no value for criterion '\(criterion.id)' (\(criterion.title)); add '\(criterion.id): N' under its criteria "
                               + "(0 if it has none): every project is weighed on every criterion")
                continue
            }
            let text = node.scalar?.string.trimmingCharacters(in: .whitespaces) ?? ""
            guard !text.isEmpty, text.count <= 13, text.allSatisfy(\.isASCIIDigit), let value = Int64(text),
                  value <= RankingWeighting.maximumValue else {
                reader.problem(line, "\(project.path).criteria.\(criterion.id)", "'\(text)' is not a value for '\(criterion.id)': "
                    + "write a whole number from 0 to \(RankingWeighting.maximumValue) (hours, euros)")
                continue
            }
            values[criterion.id] = value
        }
        return values
    }
}
