extension PabulibInstance {
    /// The number of decimals needed to hold the budget and every cost exactly.
    public var moneyScale: Int {
        projects.reduce(budget.scale) { max($0, $1.cost.scale) }
    }

    /// The election the rules run on: costs and budget in units of `10^-moneyScale`, ballots grouped.
    ///
    /// approval, choose-1 and ordinal ballots become approval ballots (an ordinal ballot approves every
    /// project it ranks); cumulative and scoring ballots keep their points. With `positionalPoints` L, an ordinal
    /// ballot instead gives L points to its first project, L - 1 to its second, and so on (Kraków's 3/2/1), and the
    /// election is a points election. Project categories come from the `category` column (comma-separated), the area
    /// from `neighborhood` (or `district`).
    public func allocationInput(file: String = "<memory>", positionalPoints: Int64? = nil) throws(PabulibError) -> AllocationInput {
        let positional = voteType == .ordinal ? positionalPoints : nil
        let scale = moneyScale
        guard let budgetUnits = budget.units(atScale: scale) else {
            throw PabulibError(file: file, line: nil, field: "META budget", message: "the budget is too large to count exactly; use fewer decimals")
        }
        var electionProjects: [AllocationProject] = []
        electionProjects.reserveCapacity(projects.count)
        for project in projects {
            guard let cost = project.cost.units(atScale: scale) else {
                throw PabulibError(file: file, line: nil, field: "PROJECTS cost",
                                   message: "the cost of \(project.id) is too large to count exactly; use fewer decimals")
            }
            let categories = (projectField("category", of: project) ?? "")
                .split(separator: ",").map { String($0).trimmingBlanks }.filter { !$0.isEmpty }
            let area = (projectField("neighborhood", of: project) ?? projectField("district", of: project))?.trimmingBlanks
            electionProjects.append(AllocationProject(id: project.id, cost: cost, name: projectField("name", of: project),
                                                    categories: categories, area: area?.isEmpty == false ? area : nil))
        }
        let kind: BallotKind = voteType.hasPoints || positional != nil ? .cardinal : .approval
        var list = ballots
        func line(_ voter: Int) -> Int? {
            voter < ballotLines.count && ballotLines[voter] > 0 ? ballotLines[voter] : nil
        }
        if let positional {
            for voter in 0..<list.count where list.range(voter).count > positional {
                throw PabulibError(file: file, line: line(voter), field: "VOTES vote",
                                   message: "the ballot ranks \(list.range(voter).count) projects but positions score only \(positional) places (max_length); a ranking this long has no positional score")
            }
            list = list.withPositionalPoints { positional - Int64($0) }
        }
        if kind == .cardinal {
            for voter in 0..<list.count {
                for k in list.range(voter) where list.points[k] < 0 {
                    throw PabulibError(file: file, line: line(voter), field: "VOTES points",
                                       message: "the ballot gives \(projects[Int(list.projects[k])].id) \(list.points[k]) points; the rules need scores of zero or more")
                }
            }
        }
        do {
            return try AllocationInput(projects: electionProjects, budget: budgetUnits, moneyScale: scale, kind: kind, ballotList: list)
        } catch {
            throw PabulibError(file: file, line: nil, field: nil, message: error.message)
        }
    }

    /// The constraints the file's META declares, in money units of `moneyScale`: `budget_per_category` (with
    /// `categories`), `budget_per_neighborhood` (with `neighborhoods`), `min_project_score_threshold`,
    /// `max_project_cost`, and `leftover_budget` (Amsterdam's two sentences).
    ///
    /// `min_project_score_threshold` is in the file's own unit: points when `thresholdInPoints` (by default on
    /// cumulative and scoring files), votes otherwise.
    public func declaredConstraints(file: String = "<memory>", thresholdInPoints: Bool? = nil) throws(PabulibError) -> AllocationConstraints {
        let scale = moneyScale
        func amount(_ text: String, _ key: String) throws(PabulibError) -> Int64 {
            guard let value = DecimalAmount(parsing: text.trimmingBlanks)?.units(atScale: max(scale, 0)) else {
                throw PabulibError(file: file, line: nil, field: "META \(key)",
                                   message: "\"\(text)\" is not an amount with at most \(scale) decimals")
            }
            return value
        }
        func budgets(names: String, values: String) throws(PabulibError) -> [String: Int64] {
            guard let nameText = meta(names), let valueText = meta(values) else { return [:] }
            let keys = nameText.split(separator: ",").map { String($0).trimmingBlanks }
            let amounts = valueText.split(separator: ",").map(String.init)
            guard keys.count == amounts.count else {
                throw PabulibError(file: file, line: nil, field: "META \(values)",
                                   message: "\(names) lists \(keys.count) names but \(values) has \(amounts.count) amounts; give one amount per name")
            }
            var result: [String: Int64] = [:]
            for (key, text) in zip(keys, amounts) { result[key] = try amount(text, values) }
            return result
        }
        var constraints = AllocationConstraints()
        constraints.categoryBudgets = try budgets(names: "categories", values: "budget_per_category")
        constraints.areaBudgets = try budgets(names: "neighborhoods", values: "budget_per_neighborhood")
        if let text = meta("min_project_score_threshold") {
            let inPoints = thresholdInPoints ?? voteType.hasPoints
            guard let value = Int64(text.trimmingBlanks) else {
                throw PabulibError(file: file, line: nil, field: "META min_project_score_threshold",
                                   message: "\"\(text)\" is not a whole number of \(inPoints ? "points" : "votes"); write the threshold as digits")
            }
            if inPoints { constraints.minimumPoints = value } else { constraints.minimumSupport = value }
        }
        if let text = meta("max_project_cost") { constraints.maximumProjectCost = try amount(text, "max_project_cost") }
        if let text = meta("leftover_budget") {
            let lower = text.lowercased()
            if lower.hasPrefix("fund additional projects") {
                constraints.leftover = .fundFitting
            } else if lower.hasPrefix("partially fund one") {
                constraints.leftover = .partialOne
            } else {
                throw PabulibError(file: file, line: nil, field: "META leftover_budget",
                                   message: "unknown leftover rule \"\(text)\"; known: \"Fund additional projects that fit within leftover budget ordered by score\", \"Partially fund one additional project with highest score\"")
            }
        }
        return constraints
    }
}

extension String {
    /// Without blanks (spaces, tabs) at either end.
    var trimmingBlanks: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }
}
