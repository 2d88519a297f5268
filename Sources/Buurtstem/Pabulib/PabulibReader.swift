import Foundation

/// Reads Pabulib `.pb` files, checking everything the rules rely on and naming file, line and field on error.
///
/// Checks: the three sections in order, the required columns (`project_id`, `cost`, `voter_id`, `vote`, and
/// `points` for cumulative and scoring ballots), one field per header column on every row, unique project
/// and voter ids, a decimal `budget` and `cost`, a known `vote_type`, votes naming known projects, integer points,
/// at most one project on a choose-1 ballot, valid UTF-8, and `num_projects` / `num_votes` equal to the rows present.
///
/// Two things are repaired with a warning (`PabulibInstance.warnings`, file and line): a project named more than
/// once on one ballot (approval: counted once; points: its points added up; ranking: its first place kept), and
/// text after a closing quote (`"Odkupmy" i my`), read as Python's `csv` module reads it (`Odkupmy i my`).
///
/// The file is read in one pass over its bytes (`CSVReader.forEachRow`); a VOTES row becomes entries of the
/// instance's `ballots` without a `String` being made, unless `keepVoteRows` asks for every row as a `PabulibVote`.
public struct PabulibReader: Sendable {
    /// Whether to keep every VOTES row as a `PabulibVote` (its fields as written), as `PabulibWriter` needs.
    /// Without, `votes` stays empty and only `ballots` holds the votes: what the rules need, read at disk speed.
    public var keepVoteRows: Bool

    /// A reader; `keepVoteRows` off reads only what the rules need from VOTES.
    public init(keepVoteRows: Bool = true) {
        self.keepVoteRows = keepVoteRows
    }

    /// Reads the file at `path`; errors name the file by its last path component.
    public func read(contentsOf path: String) throws(PabulibError) -> PabulibInstance {
        let name = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PabulibError(file: name, line: nil, field: nil,
                               message: "cannot read the file at \(path); check the path and its permissions")
        }
        var result: Result<PabulibInstance, PabulibError>!
        data.withUnsafeBytes { raw in
            result = Result { () throws(PabulibError) in try read(raw.bindMemory(to: UInt8.self), file: name) }
        }
        return try result.get()
    }

    /// Reads `bytes`, naming `file` in errors.
    public func read(_ bytes: [UInt8], file: String) throws(PabulibError) -> PabulibInstance {
        var result: Result<PabulibInstance, PabulibError>!
        bytes.withUnsafeBufferPointer { buffer in
            result = Result { () throws(PabulibError) in try read(buffer, file: file) }
        }
        return try result.get()
    }

    /// Reads the bytes of a `.pb` file, naming `file` in errors.
    public func read(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws(PabulibError) -> PabulibInstance {
        var parser = Parser(file: file, keepVoteRows: keepVoteRows)
        parser.ballots.reserve(voters: 1024, entries: bytes.count / 8)
        let reader = CSVReader(delimiter: ";", strictQuotes: false)
        try reader.forEachRow(bytes, syntaxError: { PabulibError(file: file, line: $0.line, field: nil, message: $0.message) }) {
            (row: CSVRow) throws(PabulibError) in
            try parser.consume(row)
        }
        return try parser.finish()
    }
}

private enum Section: String {
    case meta = "META", projects = "PROJECTS", votes = "VOTES"
}

/// Project ids looked up by their bytes, without making a `String` (FNV-1a hashing, open addressing over one flat
/// buffer of every id's bytes).
private struct ProjectTable {
    private var bytes: [UInt8] = []
    private var ranges: [Range<Int>] = []
    private var slots: [Int32] = []
    private var mask = 0

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    init(_ projects: [String]) {
        for id in projects {
            let start = bytes.count
            bytes.append(contentsOf: id.utf8)
            ranges.append(start..<bytes.count)
        }
        var size = 16
        while size < projects.count * 2 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        bytes.withUnsafeBufferPointer { all in
            for (index, range) in ranges.enumerated() {
                var slot = Self.hash(UnsafeBufferPointer(rebasing: all[range])) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(index)
            }
        }
    }

    func index(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
        var slot = Self.hash(key) & mask
        return bytes.withUnsafeBufferPointer { all in
            while true {
                let candidate = slots[slot]
                if candidate < 0 { return nil }
                let range = ranges[Int(candidate)]
                if range.count == key.count, memcmp(all.baseAddress! + range.lowerBound, key.baseAddress!, key.count) == 0 {
                    return candidate
                }
                slot = (slot + 1) & mask
            }
        }
    }
}

/// Voter ids that are whole numbers, for the uniqueness check: a bit per id for the usual 1, 2, 3, ... (up to
/// 2^26, 8 MB at most), a set for the rest.
private struct VoterIDSet {
    private var bits: [UInt64] = []
    private var others: Set<Int64> = []

    /// Adds `id`; false if it was already there.
    mutating func insert(_ id: Int64) -> Bool {
        guard id >= 0, id < 1 << 26 else { return others.insert(id).inserted }
        let word = Int(id >> 6), bit = UInt64(1) << UInt64(id & 63)
        if word >= bits.count { bits.append(contentsOf: repeatElement(0, count: max(word + 1 - bits.count, bits.count))) }
        if bits[word] & bit != 0 { return false }
        bits[word] |= bit
        return true
    }
}

/// `bytes` without blanks (spaces, tabs) at either end.
private func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0, end = bytes.count
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
}

/// Calls `body` with each `,`-separated part of `bytes`, trimmed; nothing for a field that is blank.
private func forEachPart<E: Error>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> Void) throws(E) {
    guard trimmed(bytes).count > 0 else { return }
    var start = 0
    for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: ",") {
        try body(trimmed(UnsafeBufferPointer(rebasing: bytes[start..<i])))
        start = i + 1
    }
}

/// A whole number written in `bytes` (optional sign, digits), if it is one that fits in `Int64`.
private func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    var i = 0, negative = false
    if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
        negative = bytes[i] == UInt8(ascii: "-")
        i += 1
    }
    guard i < bytes.count else { return nil }
    var value: Int64 = 0
    while i < bytes.count {
        let digit = bytes[i] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        let (times, o1) = value.multipliedReportingOverflow(by: 10)
        let (sum, o2) = negative ? times.subtractingReportingOverflow(Int64(digit)) : times.addingReportingOverflow(Int64(digit))
        guard !o1, !o2 else { return nil }
        value = sum
        i += 1
    }
    return value
}

private struct Parser {
    let file: String
    let keepVoteRows: Bool
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
    var projectTable = ProjectTable([])
    var idColumn = 0, costColumn = 0

    var voteColumns: [String] = []
    var votes: [PabulibVote] = []
    var ballots = BallotList()
    var ballotLines: [Int] = []
    var numericVoterIDs = VoterIDSet()
    var otherVoterIDs: Set<String> = []
    var voterColumn = 0, voteColumn = 0, pointsColumn: Int?
    var warnings: [PabulibWarning] = []
    /// The ballot being read: project indices and points (before repeats are merged).
    var listed: [Int32] = []
    var listedPoints: [Int64] = []

    init(file: String, keepVoteRows: Bool) {
        self.file = file
        self.keepVoteRows = keepVoteRows
    }

    func error(_ line: Int?, _ field: String?, _ message: String) -> PabulibError {
        PabulibError(file: file, line: line, field: field, message: message)
    }

    /// Every field of `row` as text, or the error naming the line.
    func strings(_ row: CSVRow) throws(PabulibError) -> [String] {
        var fields: [String] = []
        fields.reserveCapacity(row.count)
        for i in 0..<row.count {
            guard let text = row.string(i) else {
                throw error(row.line, section?.rawValue, "the text is not valid UTF-8; save the file as UTF-8")
            }
            fields.append(text)
        }
        return fields
    }

    mutating func consume(_ row: CSVRow) throws(PabulibError) {
        lastLine = row.line
        if row.quoteRepaired {
            warnings.append(error(row.line, section?.rawValue,
                                  "text follows a closing quote; read as Python's csv module reads it (the quotes dropped, the rest appended): "
                                  + (try strings(row)).joined(separator: ";") + "; quote the whole field to silence this"))
        }
        if section == .votes, header != nil {
            try readVote(row)
            return
        }
        let fields = try strings(row)
        if fields.count == 1, let next = Section(rawValue: fields[0].trimmingBlanks.uppercased()) {
            try enter(next, line: row.line)
            return
        }
        guard let section else {
            throw error(row.line, nil, "the file must start with a line reading META; is this a Pabulib .pb file?")
        }
        guard let header else {
            try readHeader(fields, line: row.line, in: section)
            return
        }
        try checkWidth(fields.count, line: row.line, header: header, in: section)
        switch section {
        case .meta: try readMeta(fields, line: row.line)
        case .projects: try readProject(fields, line: row.line)
        case .votes: break
        }
    }

    func checkWidth(_ count: Int, line: Int, header: [String], in section: Section) throws(PabulibError) {
        guard count == header.count else {
            throw error(line, section.rawValue,
                        "this row has \(count) fields but the header has \(header.count) (\(header.joined(separator: ";"))); "
                        + "quote any value that contains ';' and give every row one value per column")
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
        if next == .votes { projectTable = ProjectTable(projects.map(\.id)) }
        seen.insert(next)
        section = next
        header = nil
    }

    mutating func readHeader(_ fields: [String], line: Int, in section: Section) throws(PabulibError) {
        let columns = fields.map(\.trimmingBlanks)
        func require(_ name: String) throws(PabulibError) -> Int {
            guard let index = columns.firstIndex(of: name) else {
                throw error(line, section.rawValue,
                            "the header has no column \(name) (found: \(columns.joined(separator: ";"))); add it")
            }
            return index
        }
        var seenColumns: Set<String> = []
        for column in columns where !seenColumns.insert(column).inserted {
            throw error(line, section.rawValue, "the header names the column \(column) twice; rename or remove one")
        }
        switch section {
        case .meta:
            guard columns == ["key", "value"] else {
                throw error(line, "META", "the META header must be key;value, found \(columns.joined(separator: ";"))")
            }
        case .projects:
            idColumn = try require("project_id")
            costColumn = try require("cost")
            projectColumns = fields
        case .votes:
            voterColumn = try require("voter_id")
            voteColumn = try require("vote")
            if voteType?.hasPoints == true { pointsColumn = try require("points") }
            voteColumns = fields
        }
        header = fields
    }

    mutating func readMeta(_ fields: [String], line: Int) throws(PabulibError) {
        let key = fields[0].trimmingBlanks, value = fields[1]
        guard !key.isEmpty else { throw error(line, "META", "a META row has an empty key; write key;value") }
        guard metaKeys.insert(key).inserted else {
            throw error(line, "META \(key)", "the key \(key) appears twice; keep one")
        }
        switch key {
        case "budget":
            guard let amount = DecimalAmount(parsing: value.trimmingBlanks) else {
                throw error(line, "META budget", "\"\(value)\" is not an amount; write the budget as digits, e.g. 250000 or 1250.50")
            }
            budget = amount
        case "vote_type":
            guard let type = PabulibVoteType(rawValue: value.trimmingBlanks) else {
                let known = PabulibVoteType.allCases.map(\.rawValue).joined(separator: ", ")
                throw error(line, "META vote_type", "unknown vote type \"\(value)\"; use one of \(known)")
            }
            voteType = type
        default:
            break
        }
        meta.append(PabulibMetaEntry(key: fields[0], value: value))
    }

    func finishMeta(line: Int) throws(PabulibError) {
        guard budget != nil else { throw error(line, "META budget", "META has no budget; add a row budget;AMOUNT") }
        guard voteType != nil else { throw error(line, "META vote_type", "META has no vote_type; add a row vote_type;approval (or choose-1, cumulative, scoring, ordinal)") }
    }

    mutating func readProject(_ fields: [String], line: Int) throws(PabulibError) {
        let id = fields[idColumn].trimmingBlanks
        guard !id.isEmpty else { throw error(line, "PROJECTS project_id", "the project id is empty; give every project an id") }
        guard projectIndex[id] == nil else {
            throw error(line, "PROJECTS project_id", "the project id \(id) is used twice; project ids must be unique")
        }
        let costText = fields[costColumn].trimmingBlanks
        guard let cost = DecimalAmount(parsing: costText) else {
            throw error(line, "PROJECTS cost", "\"\(costText)\" is not a cost; write it as digits, e.g. 12000 or 12000.50")
        }
        projectIndex[id] = projects.count
        projects.append(PabulibProject(id: id, cost: cost, fields: fields))
    }

    /// A VOTES row, read from its bytes: a `String` is made only for a non-numeric voter id, a field that is not
    /// ASCII (to check its UTF-8), an error message, or every field when `keepVoteRows`.
    mutating func readVote(_ row: CSVRow) throws(PabulibError) {
        let line = row.line
        if row.count == 1, row.withField(0, { Section(rawValue: String(decoding: trimmed($0), as: UTF8.self).uppercased()) }) != nil {
            let name = row.withField(0) { String(decoding: trimmed($0), as: UTF8.self).uppercased() }
            throw error(line, name, "the section \(name) appears twice; merge the two parts into one")
        }
        try checkWidth(row.count, line: line, header: voteColumns, in: .votes)
        for i in 0..<row.count where i != voteColumn && i != pointsColumn {
            let ascii = row.withField(i) { bytes in bytes.allSatisfy { $0 < 0x80 } }
            if !ascii, row.string(i) == nil {
                throw error(line, "VOTES", "the text is not valid UTF-8; save the file as UTF-8")
            }
        }
        // The voter id: unique. Whole numbers without a leading zero are compared as numbers, the rest as text.
        let numericID: Int64? = row.withField(voterColumn) { bytes in
            let id = trimmed(bytes)
            guard id.count > 0, id.count < 19, id[0] != UInt8(ascii: "0") || id.count == 1,
                  id.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
            return integer(id)
        }
        let fresh: Bool
        if let numericID {
            fresh = numericVoterIDs.insert(numericID)
        } else {
            fresh = otherVoterIDs.insert(row.withField(voterColumn) { String(decoding: trimmed($0), as: UTF8.self) }).inserted
        }
        guard fresh else {
            let id = row.withField(voterColumn) { String(decoding: trimmed($0), as: UTF8.self) }
            throw error(line, "VOTES voter_id", "the voter id \(id) is used twice; every row must be a different voter")
        }
        // The vote: known project ids.
        listed.removeAll(keepingCapacity: true)
        listedPoints.removeAll(keepingCapacity: true)
        try row.withField(voteColumn) { (field) throws(PabulibError) in
            try forEachPart(field) { (part) throws(PabulibError) in
                guard let index = projectTable.index(of: part) else {
                    let id = String(decoding: part, as: UTF8.self)
                    throw error(line, "VOTES vote", "the vote names project \"\(id)\", which is not in PROJECTS; fix the id or add the project")
                }
                listed.append(index)
            }
        }
        if let pointsColumn {
            try row.withField(pointsColumn) { (field) throws(PabulibError) in
                try forEachPart(field) { (part) throws(PabulibError) in
                    guard let value = integer(part) else {
                        throw error(line, "VOTES points", "\"\(String(decoding: part, as: UTF8.self))\" is not a whole number of points; write points as integers")
                    }
                    listedPoints.append(value)
                }
            }
            guard listedPoints.count == listed.count else {
                throw error(line, "VOTES points", "the vote names \(listed.count) projects but points has \(listedPoints.count) values; give one value per project")
            }
        }
        // A project listed twice: an approval ballot is a set (pabutools reads it as one; Amsterdam 604 has a
        // repeat), points are added up (what the file's score column counts, Częstochowa 2020), a ranking keeps
        // the first (best) place.
        let start = ballots.projects.count
        var count = 0
        var repeated: [Int32] = []
        for (k, project) in listed.enumerated() {
            if let at = ballots.projects[start...].firstIndex(of: project) {
                if !repeated.contains(project) { repeated.append(project) }
                if pointsColumn != nil {
                    let (sum, overflow) = ballots.points[at].addingReportingOverflow(listedPoints[k])
                    guard !overflow else {
                        throw error(line, "VOTES points", "the points given to \(projects[Int(project)].id) add up to more than a whole number can hold")
                    }
                    ballots.setPoints(sum, at: at)
                }
                continue
            }
            ballots.add(project: project, points: pointsColumn == nil ? nil : listedPoints[k])
            count += 1
        }
        if !repeated.isEmpty {
            let how = switch voteType {
            case .cumulative?, .scoring?: "their points are added up"
            case .ordinal?: "each keeps its first (best) place"
            default: "each counts once"
            }
            let names = repeated.map { projects[Int($0)].id }.joined(separator: ", ")
            warnings.append(error(line, "VOTES vote", "the vote names \(names) more than once; \(how)"))
        }
        if voteType == .choose1, count > 1 {
            throw error(line, "VOTES vote", "a choose-1 ballot names \(count) projects; it may name one at most")
        }
        ballots.endBallot()
        ballotLines.append(line)
        if keepVoteRows {
            let fields = try strings(row)
            let range = ballots.range(ballots.count - 1)
            votes.append(PabulibVote(voterID: fields[voterColumn].trimmingBlanks,
                                     projects: ballots.projects[range].map { projects[Int($0)].id },
                                     points: pointsColumn == nil ? nil : Array(ballots.points[range]), fields: fields))
        }
    }

    func finish() throws(PabulibError) -> PabulibInstance {
        for required in [Section.meta, .projects, .votes] where !seen.contains(required) {
            throw error(nil, required.rawValue, "the file has no \(required.rawValue) section; a Pabulib file has META, PROJECTS and VOTES")
        }
        if header == nil { throw error(lastLine, "VOTES", "the VOTES section has no header row; add voter_id;vote") }
        try checkCount("num_projects", projects.count, "PROJECTS rows")
        try checkCount("num_votes", ballots.count, "VOTES rows")
        guard let budget, let voteType else { throw error(nil, "META", "META is incomplete") }
        return PabulibInstance(meta: meta, projectColumns: projectColumns, projects: projects,
                               voteColumns: voteColumns, votes: votes, budget: budget, voteType: voteType,
                               ballots: ballots, ballotLines: ballotLines, warnings: warnings)
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
