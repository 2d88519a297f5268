import BuurtstemRecord

/// A Pabulib file of a record (`pabulib/AREA.pb`) read by the verifier's own small reader and compared with the
/// record: the verifier never uses the engine's Pabulib reader or writer.
///
/// The format (pabulib.org): sections `META`, `PROJECTS`, `VOTES`, each a header row and `;`-separated rows; a field
/// may be quoted with `"` (a quote inside doubled).
struct PabulibFileCheck {
    /// A difference from the record, at a line of the file (1-based) when one is to blame.
    struct Problem {
        let line: Int?
        let message: String
    }

    private struct Section {
        var header: [String] = []
        var headerLine = 0
        var rows: [(line: Int, fields: [String])] = []

        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
    }

    private var sections: [String: Section] = [:]
    private var problemsReading: [Problem] = []

    /// Reads `text` into its sections.
    init(text: String) {
        var current: String?
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            let number = offset + 1
            if line.isEmpty { continue }
            if ["META", "PROJECTS", "VOTES"].contains(line) {
                if sections[line] != nil { problemsReading.append(Problem(line: number, message: "section \(line) appears twice")) }
                current = line
                sections[line] = Section()
                continue
            }
            guard let name = current else {
                problemsReading.append(Problem(line: number, message: "text before the META section"))
                continue
            }
            guard let fields = Self.fields(line) else {
                problemsReading.append(Problem(line: number, message: "an unterminated quoted field"))
                continue
            }
            if sections[name]!.header.isEmpty {
                sections[name]!.header = fields
                sections[name]!.headerLine = number
            } else {
                sections[name]!.rows.append((number, fields))
            }
        }
    }

    /// The fields of one row, or nil when a quote is not closed.
    static func fields(_ line: String) -> [String]? {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == ";" {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        guard !quoted else { return nil }
        fields.append(field)
        return fields
    }

    /// Every difference between the file and the record's `contest`, its signed `result` and its counted ballots.
    func problems(contest: Contest, result: ElectionResult.ContestResult, ballot: BallotType,
                  counted: [(choices: [Choice], count: Int)]) -> [Problem] {
        var problems = problemsReading
        guard let meta = sections["META"], let projects = sections["PROJECTS"], let votes = sections["VOTES"] else {
            return problems + [Problem(line: nil, message: "lacks one of the sections META, PROJECTS, VOTES")]
        }
        var values: [String: (line: Int, value: String)] = [:]
        for row in meta.rows where row.fields.count >= 2 { values[row.fields[0]] = (row.line, row.fields[1]) }
        func expectMeta(_ key: String, _ expected: String) {
            guard let entry = values[key] else { return problems.append(Problem(line: nil, message: "META has no \(key)")) }
            if entry.value != expected {
                problems.append(Problem(line: entry.line, message: "META \(key) is \(entry.value), the record says \(expected)"))
            }
        }
        expectMeta("budget", Self.euros(contest.budgetCents))
        expectMeta("num_projects", String(contest.projects.count))
        expectMeta("num_votes", String(result.ballotsCounted))

        let required = ["project_id", "cost", "votes", "selected"]
        guard required.allSatisfy({ projects.column($0) != nil }) else {
            return problems + [Problem(line: projects.headerLine, message: "PROJECTS lacks one of the columns \(required.joined(separator: ", "))")]
        }
        let counts = Dictionary(result.projects.map { ($0.id, $0) }) { first, _ in first }
        var seen = Set<String>()
        for row in projects.rows {
            func field(_ name: String) -> String? { projects.column(name).flatMap { $0 < row.fields.count ? row.fields[$0] : nil } }
            let id = field("project_id") ?? ""
            guard let project = contest.projects.first(where: { $0.id == id }), let count = counts[id] else {
                problems.append(Problem(line: row.line, message: "project \(id) is not a project of the contest"))
                continue
            }
            if !seen.insert(id).inserted { problems.append(Problem(line: row.line, message: "project \(id) is listed twice")) }
            if field("cost") != Self.euros(project.costCents) {
                problems.append(Problem(line: row.line, message: "project \(id) costs \(field("cost") ?? "nothing"), the definition says \(Self.euros(project.costCents))"))
            }
            if field("votes") != String(count.ballots) {
                problems.append(Problem(line: row.line, message: "project \(id) has \(field("votes") ?? "no") votes, the record counts \(count.ballots)"))
            }
            if let score = field("score"), score != String(count.points) {
                problems.append(Problem(line: row.line, message: "project \(id) has score \(score), the record counts \(count.points) points"))
            }
            if field("selected") != (count.funded ? "1" : "0") {
                problems.append(Problem(line: row.line, message: "project \(id) has selected \(field("selected") ?? "empty"), but the signed result \(count.funded ? "funds" : "does not fund") it"))
            }
        }
        for project in contest.projects where !seen.contains(project.id) {
            problems.append(Problem(line: nil, message: "PROJECTS does not list project \(project.id)"))
        }

        // The VOTES rows are the counted ballots, in any order.
        guard let voteColumn = votes.column("vote") else {
            return problems + [Problem(line: votes.headerLine, message: "VOTES has no vote column")]
        }
        let pointsColumn = votes.column("points")
        var expected: [String: Int] = [:]
        let known = Set(contest.projects.map(\.id))
        for entry in counted {
            var choices = entry.choices.filter { known.contains($0.project) }
            if case .ranking = ballot { choices.sort { $0.value < $1.value } }
            let points: String? = if case .cumulative = ballot { choices.map { String($0.value) }.joined(separator: ",") } else { nil }
            expected[Self.key(choices.map(\.project).joined(separator: ","), points), default: 0] += entry.count
        }
        var found: [String: Int] = [:]
        for row in votes.rows {
            let vote = voteColumn < row.fields.count ? row.fields[voteColumn] : ""
            let points = pointsColumn.flatMap { $0 < row.fields.count ? row.fields[$0] : nil }
            found[Self.key(vote, points), default: 0] += 1
        }
        if found != expected {
            let missing = expected.reduce(0) { $0 + max(0, $1.value - (found[$1.key] ?? 0)) }
            let extra = found.reduce(0) { $0 + max(0, $1.value - (expected[$1.key] ?? 0)) }
            problems.append(Problem(line: votes.headerLine, message: "VOTES differs from the counted ballots: \(missing) counted ballot(s) missing, \(extra) row(s) that no counted ballot gives"))
        }
        return problems
    }

    private static func key(_ vote: String, _ points: String?) -> String { vote + "|" + (points ?? "") }

    /// Cents as Pabulib's amount: euros with two decimals and a point.
    static func euros(_ cents: Int64) -> String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + "\(magnitude / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
