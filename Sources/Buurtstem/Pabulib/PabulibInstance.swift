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
    /// The votes in file order.
    public var votes: [PabulibVote]
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
        self.warnings = warnings
        self.meta = meta
        self.projectColumns = projectColumns
        self.projects = projects
        self.voteColumns = voteColumns
        self.votes = votes
        self.budget = budget
        self.voteType = voteType
    }

    /// Equal when the content is: META, projects and votes (not the warnings, whose lines depend on the layout).
    public static func == (lhs: PabulibInstance, rhs: PabulibInstance) -> Bool {
        lhs.meta == rhs.meta && lhs.projectColumns == rhs.projectColumns && lhs.projects == rhs.projects
            && lhs.voteColumns == rhs.voteColumns && lhs.votes == rhs.votes
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
