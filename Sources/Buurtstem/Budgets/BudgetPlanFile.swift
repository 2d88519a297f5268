import Yams

/// Reads an area budget plan file (YAML, see docs/budgets.md) strictly: a missing, misspelt or unknown key, a
/// malformed amount or share, an area in no known class, an area or id given twice, or a code that is not a CBS
/// code of the plan's gemeente is reported with file, line and key, all in one run.
///
/// This is the structure; whether the numbers add up is `BudgetCheck`'s question, asked only of a well-formed
/// plan, since a sum over an area with an unknown class or one listed twice would only echo that mistake.
public enum BudgetPlanFile {
    /// The largest amount a plan may state (EUR 100 billion): far above any gemeente's budget, and with at most
    /// `maximumAreas` areas every sum stays far below 64-bit overflow.
    public static let maximumCents: Int64 = 10_000_000_000_000
    /// The most areas a plan may list (a gemeente has a few hundred buurten at most).
    public static let maximumAreas = 10_000

    /// Parses `text` (the file named `file`); with `known`, area codes must be the store's wijken or buurten,
    /// under the names stored for them, and the gemeente must be the store's.
    public static func parse(_ text: String, file: String, known: KnownAreas? = nil) throws -> BudgetPlan {
        let (reader, root) = try YAMLReader.root(text, file: file)
        let id = reader.string(root, "id")
        if let id, !ElectionFile.isIdentifier(id) {
            reader.problem(reader.value(root, "id")?.line, "id", "'\(id)' is not a plan id: use letters, digits, '-', '_' and '.' (up to 64)")
        }
        let title = reader.string(root, "title")
        let gemeente = parseGemeente(reader, root, known: known)
        let period = parsePeriod(reader, root)
        let funders = parseFunders(reader, root)
        let classes = parseClasses(reader, root)
        let areas = parseAreas(reader, root, classes: classes, gemeente: gemeente, known: known)
        let total = amount(reader, root, "total")
        reader.reportUnknownKeys()

        guard reader.problems.isEmpty, let id, let title, let gemeente, let period, let total,
              let fundersLine = reader.value(root, "funders")?.line else {
            throw InputError(reader.problems.isEmpty ? [Problem(file: file, message: "the plan is incomplete")]
                : reader.problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
        }
        return BudgetPlan(file: file, id: id, title: title, gemeente: gemeente, firstYear: period.first, lastYear: period.last,
                          funders: funders, fundersLine: fundersLine, classes: classes, areas: areas, total: total)
    }

    /// An amount in euros, as cents with its line, at most `maximumCents`.
    private static func amount(_ reader: YAMLReader, _ mapping: YAMLReader.Mapping, _ key: String) -> BudgetPlan.Stated<Int64>? {
        guard let cents = reader.money(mapping, key), let line = reader.value(mapping, key)?.line else { return nil }
        guard cents <= maximumCents else {
            reader.problem(line, path(mapping, key), "\(Money.format(cents)) is more than a plan may state (\(Money.format(maximumCents))); check the number of digits")
            return nil
        }
        return BudgetPlan.Stated(value: cents, line: line)
    }

    private static func parseGemeente(_ reader: YAMLReader, _ root: YAMLReader.Mapping, known: KnownAreas?) -> String? {
        guard let code = reader.string(root, "gemeente") else { return nil }
        let line = reader.value(root, "gemeente")?.line
        guard AreaCode.isGemeente(code) else {
            reader.problem(line, "gemeente", "'\(code)' is not a gemeente code: use GM followed by 4 digits, e.g. GM0014")
            return nil
        }
        if let known, known.gemeente != code {
            reader.problem(line, "gemeente", "the database is for gemeente \(known.gemeente), not \(code); use the plan's own database or fix the code")
        }
        return code
    }

    private static func parsePeriod(_ reader: YAMLReader, _ root: YAMLReader.Mapping) -> (first: Int, last: Int)? {
        guard let period = reader.value(root, "period").flatMap({ reader.mapping($0.node, path: "period") }),
              let from = reader.integer(period, "from", in: 1900...2200), let to = reader.integer(period, "to", in: 1900...2200) else { return nil }
        guard from <= to else {
            reader.problem(reader.value(period, "to")?.line, "period.to", "the period ends in \(to), before it starts in \(from); 'to' is the last year")
            return nil
        }
        return (from, to)
    }

    private static func parseFunders(_ reader: YAMLReader, _ root: YAMLReader.Mapping) -> [BudgetPlan.Funder] {
        var funders: [BudgetPlan.Funder] = []
        var seen: [String: Int] = [:]
        for item in nonEmptyList(reader, root, "funders", what: "funders") {
            let id = uniqueID(reader, item, seen: &seen, what: "funder")
            let name = reader.string(item, "name")
            var share: Share?
            if let text = reader.string(item, "share") {
                share = Share(parsing: text)
                if share == nil {
                    reader.problem(reader.value(item, "share")?.line, path(item, "share"),
                                   "'\(text)' is not a share: write a percentage such as 50 % or 33,5 % (up to four decimals), or a fraction such as 1/3; above 0 and at most 100 %")
                }
            }
            let stated = reader.value(item, "amount", required: false) != nil ? amount(reader, item, "amount") : nil
            if let id, let name, let share {
                funders.append(BudgetPlan.Funder(id: id, name: name, share: share, amount: stated, line: item.line))
            }
        }
        return funders
    }

    private static func parseClasses(_ reader: YAMLReader, _ root: YAMLReader.Mapping) -> [BudgetPlan.AreaClass] {
        var classes: [BudgetPlan.AreaClass] = []
        var seen: [String: Int] = [:]
        for item in nonEmptyList(reader, root, "classes", what: "area classes") {
            let id = uniqueID(reader, item, seen: &seen, what: "class")
            let name = reader.string(item, "name")
            let cap = amount(reader, item, "cap")
            if cap?.value == 0 { reader.problem(cap?.line, path(item, "cap"), "the cap is zero; a class gives each of its areas more than nothing") }
            let count = reader.integer(item, "count", in: 0...maximumAreas)
            let subtotal = amount(reader, item, "subtotal")
            if let id, let name, let cap, let count, let countLine = reader.value(item, "count")?.line, let subtotal {
                classes.append(BudgetPlan.AreaClass(id: id, name: name, capCents: cap.value, count: BudgetPlan.Stated(value: count, line: countLine),
                                                    subtotal: subtotal, line: item.line))
            }
        }
        return classes
    }

    private static func parseAreas(_ reader: YAMLReader, _ root: YAMLReader.Mapping, classes: [BudgetPlan.AreaClass],
                                   gemeente: String?, known: KnownAreas?) -> [BudgetPlan.Area] {
        var areas: [BudgetPlan.Area] = []
        var seen: [String: Int] = [:]
        let items = nonEmptyList(reader, root, "areas", what: "areas")
        if items.count > maximumAreas {
            reader.problem(reader.value(root, "areas")?.line, "areas", "\(items.count) areas are more than a plan may list (\(maximumAreas))")
        }
        for item in items {
            let code = reader.string(item, "code")
            let codeLine = reader.value(item, "code")?.line
            let name = reader.string(item, "name")
            let classID = reader.string(item, "class")
            if let classID, !classes.contains(where: { $0.id == classID }) {
                let ids = classes.map(\.id).joined(separator: ", ")
                reader.problem(reader.value(item, "class")?.line, path(item, "class"), "there is no class '\(classID)'; the classes are: \(ids)")
            }
            guard let code else { continue }
            guard AreaCode.isWijk(code) || AreaCode.isBuurt(code) else {
                reader.problem(codeLine, path(item, "code"), "'\(code)' is not a CBS area code: use WK followed by 6 digits (a wijk) or BU followed by 8 (a buurt)")
                continue
            }
            if let gemeente, AreaCode.gemeenteDigits(of: code) != gemeente.dropFirst(2) {
                reader.problem(codeLine, path(item, "code"), "\(code) is not in gemeente \(gemeente): its code should start with \(code.prefix(2))\(gemeente.dropFirst(2))")
            }
            if let first = seen[code] {
                reader.problem(codeLine, path(item, "code"), "\(code) is listed twice (first on line \(first)); list each area once")
            }
            seen[code] = seen[code] ?? codeLine ?? 0
            if let known, let name { checkStored(reader, item, code: code, name: name, known: known) }
            if let name, let classID, let codeLine {
                areas.append(BudgetPlan.Area(code: code, name: name, classID: classID, line: codeLine))
            }
        }
        // A buurt inside a listed wijk would be paid for twice: once as itself and once as part of its wijk.
        for area in areas where AreaCode.isBuurt(area.code) {
            let wijk = AreaCode.wijk(ofBuurt: area.code)
            if let wijkLine = seen[wijk] {
                reader.problem(area.line, "areas", "buurt \(area.code) lies in wijk \(wijk), which is listed on line \(wijkLine); list the wijk or its buurten, not both")
            }
        }
        return areas
    }

    private static func checkStored(_ reader: YAMLReader, _ item: YAMLReader.Mapping, code: String, name: String, known: KnownAreas) {
        let line = reader.value(item, "code")?.line
        guard let stored = known.name(of: code) else {
            let kind = AreaCode.isWijk(code) ? "wijk" : "buurt"
            reader.problem(line, path(item, "code"), "the database has no \(kind) \(code); fix the code or import the gemeente's wijken and buurten first")
            return
        }
        if stored != name {
            reader.problem(reader.value(item, "name")?.line, path(item, "name"),
                           "\(code) is '\(stored)' in the database, not '\(name)'; fix the code or the name")
        }
    }

    /// The items of the list `key`, reporting an empty list: a plan without funders, classes or areas says nothing.
    private static func nonEmptyList(_ reader: YAMLReader, _ root: YAMLReader.Mapping, _ key: String, what: String) -> [YAMLReader.Mapping] {
        let items = reader.list(root, key)
        if let (node, line) = reader.value(root, key, required: false), case let .sequence(sequence) = node, sequence.isEmpty {
            reader.problem(line, key, "the plan lists no \(what); add at least one")
        }
        return items
    }

    /// The item's `id`, reporting a malformed or repeated one.
    private static func uniqueID(_ reader: YAMLReader, _ item: YAMLReader.Mapping, seen: inout [String: Int], what: String) -> String? {
        guard let id = reader.string(item, "id") else { return nil }
        let line = reader.value(item, "id")?.line ?? item.line
        if !ElectionFile.isIdentifier(id) {
            reader.problem(line, path(item, "id"), "'\(id)' is not a \(what) id: use letters, digits, '-', '_' and '.' (up to 64)")
        }
        if let first = seen[id] {
            reader.problem(line, path(item, "id"), "\(what) id '\(id)' is used twice (first on line \(first)); give each \(what) its own id")
        }
        seen[id] = seen[id] ?? line
        return id
    }

    private static func path(_ mapping: YAMLReader.Mapping, _ key: String) -> String {
        mapping.path.isEmpty ? key : "\(mapping.path).\(key)"
    }
}
