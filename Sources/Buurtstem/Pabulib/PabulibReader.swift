import Foundation

/// Reads Pabulib `.pb` files, checking everything the rules rely on and naming file, line and field on error.
///
/// Checks: the three sections in order, the required columns (`project_id`, `cost`, `voter_id`, `vote`, and
/// `points` for cumulative and scoring ballots), one field per header column on every row, unique project
/// and voter ids, a decimal `budget` and `cost`, a known `vote_type`, votes naming known projects, integer points,
/// at most one project on a choose-1 ballot, and `num_projects` / `num_votes` equal to the rows present.
///
/// Two things are repaired with a warning (`PabulibInstance.warnings`, file and line): a project named more than
/// once on one ballot (approval: counted once; points: its points added up; ranking: its first place kept), and
/// text after a closing quote (`"Odkupmy" i my`), read as Python's `csv` module reads it (`Odkupmy i my`).
public struct PabulibReader: Sendable {
    /// A reader.
    public init() {}

    /// Reads the file at `path`; errors name the file by its last path component.
    public func read(contentsOf path: String) throws(PabulibError) -> PabulibInstance {
        let name = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PabulibError(file: name, line: nil, field: nil,
                               message: "cannot read the file at \(path); check the path and its permissions")
        }
        return try read(Array(data), file: name)
    }

    /// Reads `bytes`, naming `file` in errors.
    public func read(_ bytes: [UInt8], file: String) throws(PabulibError) -> PabulibInstance {
        var parser = Parser(file: file)
        let records: [CSVRecord]
        do throws(CSVSyntaxError) {
            records = try CSVReader(delimiter: ";", strictQuotes: false).records(bytes)
        } catch {
            throw PabulibError(file: file, line: error.line, field: nil, message: error.message)
        }
        for record in records { try parser.consume(record) }
        return try parser.finish()
    }
}

private enum Section: String {
    case meta = "META", projects = "PROJECTS", votes = "VOTES"
}

private struct Parser {
    let file: String
    var section: Section?
    var header: [String]?
    var seen: Set<Section> = []
    var lastLine = 0

    var meta: [PabulibMetaEntry] = []
    var metaKeys: Set<String> = []
    var budget: DecimalAmount?
    var voteType: PabulibVoteType?

    var projectColumns: [String] = []
    var projects: [PabulibProject] = []
    var projectIndex: [String: Int] = [:]
    var idColumn = 0, costColumn = 0

    var voteColumns: [String] = []
    var votes: [PabulibVote] = []
    var voterIDs: Set<String> = []
    var voterColumn = 0, voteColumn = 0, pointsColumn: Int?
    var warnings: [PabulibWarning] = []

    init(file: String) { self.file = file }

    func error(_ line: Int?, _ field: String?, _ message: String) -> PabulibError {
        PabulibError(file: file, line: line, field: field, message: message)
    }

    mutating func consume(_ record: CSVRecord) throws(PabulibError) {
        lastLine = record.line
        if record.quoteRepaired {
            warnings.append(error(record.line, section?.rawValue,
                                  "text follows a closing quote; read as Python's csv module reads it (the quotes dropped, the rest appended): "
                                  + record.fields.joined(separator: ";") + "; quote the whole field to silence this"))
        }
        if record.fields.count == 1, let next = Section(rawValue: record.fields[0].trimmingBlanks.uppercased()) {
            try enter(next, line: record.line)
            return
        }
        guard let section else {
            throw error(record.line, nil, "the file must start with a line reading META; is this a Pabulib .pb file?")
        }
        guard let header else {
            try readHeader(record, in: section)
            return
        }
        guard record.fields.count == header.count else {
            throw error(record.line, section.rawValue,
                        "this row has \(record.fields.count) fields but the header has \(header.count) (\(header.joined(separator: ";"))); "
                        + "quote any value that contains ';' and give every row one value per column")
        }
        switch section {
        case .meta: try readMeta(record)
        case .projects: try readProject(record)
        case .votes: try readVote(record)
        }
    }

    mutating func enter(_ next: Section, line: Int) throws(PabulibError) {
        guard !seen.contains(next) else {
            throw error(line, next.rawValue, "the section \(next.rawValue) appears twice; merge the two parts into one")
        }
        let expected: Section = switch section {
        case nil: .meta
        case .meta: .projects
        case .projects, .votes: .votes
        }
        guard next == expected else {
            throw error(line, next.rawValue, "expected the section \(expected.rawValue) here; the sections are META, PROJECTS, VOTES in that order")
        }
        if next == .projects { try finishMeta(line: line) }
        seen.insert(next)
        section = next
        header = nil
    }

    mutating func readHeader(_ record: CSVRecord, in section: Section) throws(PabulibError) {
        let columns = record.fields.map(\.trimmingBlanks)
        func require(_ name: String) throws(PabulibError) -> Int {
            guard let index = columns.firstIndex(of: name) else {
                throw error(record.line, section.rawValue,
                            "the header has no column \(name) (found: \(columns.joined(separator: ";"))); add it")
            }
            return index
        }
        var seenColumns: Set<String> = []
        for column in columns where !seenColumns.insert(column).inserted {
            throw error(record.line, section.rawValue, "the header names the column \(column) twice; rename or remove one")
        }
        switch section {
        case .meta:
            guard columns == ["key", "value"] else {
                throw error(record.line, "META", "the META header must be key;value, found \(columns.joined(separator: ";"))")
            }
        case .projects:
            idColumn = try require("project_id")
            costColumn = try require("cost")
            projectColumns = record.fields
        case .votes:
            voterColumn = try require("voter_id")
            voteColumn = try require("vote")
            if voteType?.hasPoints == true { pointsColumn = try require("points") }
            voteColumns = record.fields
        }
        header = record.fields
    }

    mutating func readMeta(_ record: CSVRecord) throws(PabulibError) {
        let key = record.fields[0].trimmingBlanks, value = record.fields[1]
        guard !key.isEmpty else { throw error(record.line, "META", "a META row has an empty key; write key;value") }
        guard metaKeys.insert(key).inserted else {
            throw error(record.line, "META \(key)", "the key \(key) appears twice; keep one")
        }
        switch key {
        case "budget":
            guard let amount = DecimalAmount(parsing: value.trimmingBlanks) else {
                throw error(record.line, "META budget", "\"\(value)\" is not an amount; write the budget as digits, e.g. 250000 or 1250.50")
            }
            budget = amount
        case "vote_type":
            guard let type = PabulibVoteType(rawValue: value.trimmingBlanks) else {
                let known = PabulibVoteType.allCases.map(\.rawValue).joined(separator: ", ")
                throw error(record.line, "META vote_type", "unknown vote type \"\(value)\"; use one of \(known)")
            }
            voteType = type
        default:
            break
        }
        meta.append(PabulibMetaEntry(key: record.fields[0], value: value))
    }

    func finishMeta(line: Int) throws(PabulibError) {
        guard budget != nil else { throw error(line, "META budget", "META has no budget; add a row budget;AMOUNT") }
        guard voteType != nil else { throw error(line, "META vote_type", "META has no vote_type; add a row vote_type;approval (or choose-1, cumulative, scoring, ordinal)") }
    }

    mutating func readProject(_ record: CSVRecord) throws(PabulibError) {
        let id = record.fields[idColumn].trimmingBlanks
        guard !id.isEmpty else { throw error(record.line, "PROJECTS project_id", "the project id is empty; give every project an id") }
        guard projectIndex[id] == nil else {
            throw error(record.line, "PROJECTS project_id", "the project id \(id) is used twice; project ids must be unique")
        }
        let costText = record.fields[costColumn].trimmingBlanks
        guard let cost = DecimalAmount(parsing: costText) else {
            throw error(record.line, "PROJECTS cost", "\"\(costText)\" is not a cost; write it as digits, e.g. 12000 or 12000.50")
        }
        projectIndex[id] = projects.count
        projects.append(PabulibProject(id: id, cost: cost, fields: record.fields))
    }

    mutating func readVote(_ record: CSVRecord) throws(PabulibError) {
        let voterID = record.fields[voterColumn].trimmingBlanks
        guard voterIDs.insert(voterID).inserted else {
            throw error(record.line, "VOTES voter_id", "the voter id \(voterID) is used twice; every row must be a different voter")
        }
        let voteText = record.fields[voteColumn]
        var listed: [String] = []
        if !voteText.trimmingBlanks.isEmpty {
            for part in voteText.split(separator: ",", omittingEmptySubsequences: false) {
                let id = String(part).trimmingBlanks
                guard projectIndex[id] != nil else {
                    throw error(record.line, "VOTES vote", "the vote names project \"\(id)\", which is not in PROJECTS; fix the id or add the project")
                }
                listed.append(id)
            }
        }
        var listedPoints: [Int64]?
        if let pointsColumn {
            let text = record.fields[pointsColumn]
            var values: [Int64] = []
            if !text.trimmingBlanks.isEmpty {
                for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                    guard let value = Int64(String(part).trimmingBlanks) else {
                        throw error(record.line, "VOTES points", "\"\(part)\" is not a whole number of points; write points as integers")
                    }
                    values.append(value)
                }
            }
            guard values.count == listed.count else {
                throw error(record.line, "VOTES points", "the vote names \(listed.count) projects but points has \(values.count) values; give one value per project")
            }
            listedPoints = values
        }
        // A project listed twice: an approval ballot is a set (pabutools reads it as one; Amsterdam 604 has a
        // repeat), points are added up (what the file's score column counts, Częstochowa 2020), a ranking keeps
        // the first (best) place.
        var ids: [String] = []
        var points: [Int64]? = listedPoints.map { _ in [] }
        var repeated: [String] = []
        for (k, id) in listed.enumerated() {
            if let at = ids.firstIndex(of: id) {
                if !repeated.contains(id) { repeated.append(id) }
                if let value = listedPoints?[k] {
                    guard let sum = points.map({ $0[at].addingReportingOverflow(value) }), !sum.overflow else {
                        throw error(record.line, "VOTES points", "the points given to \(id) add up to more than a whole number can hold")
                    }
                    points?[at] = sum.partialValue
                }
                continue
            }
            ids.append(id)
            if let value = listedPoints?[k] { points?.append(value) }
        }
        if !repeated.isEmpty {
            let how = switch voteType {
            case .cumulative?, .scoring?: "their points are added up"
            case .ordinal?: "each keeps its first (best) place"
            default: "each counts once"
            }
            warnings.append(error(record.line, "VOTES vote", "the vote names \(repeated.joined(separator: ", ")) more than once; \(how)"))
        }
        if voteType == .choose1, ids.count > 1 {
            throw error(record.line, "VOTES vote", "a choose-1 ballot names \(ids.count) projects; it may name one at most")
        }
        votes.append(PabulibVote(voterID: voterID, projects: ids, points: points, fields: record.fields))
    }

    func finish() throws(PabulibError) -> PabulibInstance {
        for required in [Section.meta, .projects, .votes] where !seen.contains(required) {
            throw error(nil, required.rawValue, "the file has no \(required.rawValue) section; a Pabulib file has META, PROJECTS and VOTES")
        }
        if header == nil { throw error(lastLine, "VOTES", "the VOTES section has no header row; add voter_id;vote") }
        try checkCount("num_projects", projects.count, "PROJECTS rows")
        try checkCount("num_votes", votes.count, "VOTES rows")
        guard let budget, let voteType else { throw error(nil, "META", "META is incomplete") }
        return PabulibInstance(meta: meta, projectColumns: projectColumns, projects: projects,
                               voteColumns: voteColumns, votes: votes, budget: budget, voteType: voteType, warnings: warnings)
    }

    func checkCount(_ key: String, _ actual: Int, _ what: String) throws(PabulibError) {
        guard let text = meta.first(where: { $0.key.trimmingBlanks == key })?.value else { return }
        guard let declared = Int(text.trimmingBlanks) else {
            throw error(nil, "META \(key)", "\"\(text)\" is not a whole number; write the count of \(what)")
        }
        guard declared == actual else {
            throw error(nil, "META \(key)", "META says \(declared) but the file has \(actual) \(what); correct \(key) or restore the missing rows")
        }
    }
}
