/// How the voters of a Pabulib file expressed their preferences (META `vote_type`).
public enum PabulibVoteType: String, Sendable, Codable, CaseIterable {
    /// A set of approved projects.
    case approval
    /// Exactly one project (or none).
    case choose1 = "choose-1"
    /// Points spread over projects (the `points` column).
    case cumulative
    /// A score per listed project (the `points` column).
    case scoring
    /// A ranking, best first.
    case ordinal

    /// Whether ballots carry a `points` column.
    public var hasPoints: Bool { self == .cumulative || self == .scoring }
}

/// One `key;value` row of the META section, kept in file order.
public struct PabulibMetaEntry: Sendable, Equatable, Codable {
    /// The key, e.g. `budget`.
    public var key: String
    /// The value exactly as written.
    public var value: String

    /// A META row.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// One row of the PROJECTS section.
public struct PabulibProject: Sendable, Equatable {
    /// The `project_id` column without surrounding blanks; compared as a string.
    public var id: String
    /// The `cost` column.
    public var cost: DecimalAmount
    /// Every column of the row as written, in header order (including `project_id` and `cost`).
    public var fields: [String]

    /// A project row; `fields` must follow the instance's `projectColumns`.
    public init(id: String, cost: DecimalAmount, fields: [String]) {
        self.id = id
        self.cost = cost
        self.fields = fields
    }
}

/// One row of the VOTES section.
public struct PabulibVote: Sendable, Equatable {
    /// The `voter_id` column.
    public var voterID: String
    /// The project ids of the `vote` column, in the order written (the ranking for ordinal ballots).
    public var projects: [String]
    /// The `points` column, aligned with `projects`, for cumulative and scoring ballots; `nil` otherwise. A project
    /// listed more than once on a points ballot appears once here with its points added up (a warning says so).
    public var points: [Int64]?
    /// Every column of the row as written, in header order.
    public var fields: [String]

    /// A vote row; `fields` must follow the instance's `voteColumns`.
    public init(voterID: String, projects: [String], points: [Int64]?, fields: [String]) {
        self.voterID = voterID
        self.projects = projects
        self.points = points
        self.fields = fields
    }
}

/// A participatory-budgeting election in the Pabulib format (pabulib.org): META, PROJECTS and VOTES.
///
/// Every META key and every column is kept verbatim, including keys no rule here reads (Amsterdam's
/// `budget_per_category`, `leftover_budget`, ...), so that writing an instance back gives the same instance.
public struct PabulibInstance: Sendable, Equatable {
    /// The META rows in file order.
    public var meta: [PabulibMetaEntry]
    /// The PROJECTS header; the first column is `project_id`.
    public var projectColumns: [String]
    /// The projects in file order.
    public var projects: [PabulibProject]
    /// The VOTES header; it contains `voter_id` and `vote`.
    public var voteColumns: [String]
    /// The VOTES rows in file order, as written; empty when read with `PabulibReader(keepVoteRows: false)`.
    public var votes: [PabulibVote]
    /// The ballots in file order, as the rules read them: project indices into `projects`, and points on
    /// cumulative and scoring files (a project listed twice already merged). Always present.
    public let ballots: BallotList
    /// The line of each ballot in the file (0 when the instance was not read from a file).
    public let ballotLines: [Int]
    /// META `budget`.
    public var budget: DecimalAmount
    /// META `vote_type`.
    public var voteType: PabulibVoteType
    /// What the reader repaired to read the file, with file and line (empty for a clean file).
    public var warnings: [PabulibWarning]

    /// An instance from its parts; use `PabulibReader` to read one from a file.
    public init(
        meta: [PabulibMetaEntry], projectColumns: [String], projects: [PabulibProject],
        voteColumns: [String], votes: [PabulibVote], budget: DecimalAmount, voteType: PabulibVoteType,
        warnings: [PabulibWarning] = []
    ) {
        var index: [String: Int32] = [:]
        for (k, project) in projects.enumerated() { index[project.id] = Int32(k) }
        var ballots = BallotList()
        for vote in votes {
            for (k, id) in vote.projects.enumerated() {
                guard let project = index[id] else { continue }
                ballots.add(project: project, points: voteType.hasPoints ? (vote.points?[k] ?? 1) : nil)
            }
            ballots.endBallot()
        }
        self.init(meta: meta, projectColumns: projectColumns, projects: projects, voteColumns: voteColumns, votes: votes,
                  budget: budget, voteType: voteType, ballots: ballots,
                  ballotLines: [Int](repeating: 0, count: votes.count), warnings: warnings)
    }

    /// An instance whose ballots are already in `ballots` (the reader's form), with their lines in the file.
    init(
        meta: [PabulibMetaEntry], projectColumns: [String], projects: [PabulibProject], voteColumns: [String],
        votes: [PabulibVote], budget: DecimalAmount, voteType: PabulibVoteType, ballots: BallotList,
        ballotLines: [Int], warnings: [PabulibWarning]
    ) {
        self.ballots = ballots
        self.ballotLines = ballotLines
        self.warnings = warnings
        self.meta = meta
        self.projectColumns = projectColumns
        self.projects = projects
        self.voteColumns = voteColumns
        self.votes = votes
        self.budget = budget
        self.voteType = voteType
    }

    /// Equal when the content is: META, projects, votes and ballots (not where the file put them, nor the warnings).
    public static func == (lhs: PabulibInstance, rhs: PabulibInstance) -> Bool {
        lhs.meta == rhs.meta && lhs.projectColumns == rhs.projectColumns && lhs.projects == rhs.projects
            && lhs.voteColumns == rhs.voteColumns && lhs.votes == rhs.votes && lhs.ballots == rhs.ballots
            && lhs.budget == rhs.budget && lhs.voteType == rhs.voteType
    }

    /// The value of META `key`, if present.
    public func meta(_ key: String) -> String? {
        meta.first { $0.key == key }?.value
    }

    /// The value of PROJECTS column `column` for `project`, if the file has that column.
    public func projectField(_ column: String, of project: PabulibProject) -> String? {
        guard let index = projectColumns.firstIndex(of: column), index < project.fields.count else { return nil }
        return project.fields[index]
    }
}
