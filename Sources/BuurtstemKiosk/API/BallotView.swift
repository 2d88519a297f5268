import Buurtstem
import BuurtstemRecord

/// The ballot a pass may fill in, as the page draws it: the contest's projects and the ballot type's limits.
public struct BallotView: Sendable, Equatable, Codable {
    /// A project card.
    public struct ProjectCard: Sendable, Equatable, Codable {
        /// The project id, sent back in the choices.
        public let id: String
        /// Its title.
        public let title: String
        /// Its short description.
        public let description: String
        /// What it costs, in euro cents.
        public let costCents: Int64
        /// Its category, if any.
        public let category: String?
    }

    /// The election's title.
    public let title: String
    /// The contest area (a wijk code, or the gemeente code).
    public let area: String
    /// The area's name, when the store knows it.
    public let areaName: String?
    /// The ballot type: `choose-1`, `approval`, `knapsack`, `cumulative` or `ranking`.
    public let type: String
    /// Approval: at least this many projects.
    public let min: Int?
    /// Approval: at most this many projects; ranking: at most this many ranked.
    public let max: Int?
    /// Cumulative: points to spread.
    public let points: Int?
    /// Cumulative: at most this many points on one project (nil: no limit).
    public let maxPerProject: Int?
    /// The contest's budget, in euro cents (the knapsack limit).
    public let budgetCents: Int64
    /// The projects, in the definition's order.
    public let projects: [ProjectCard]
    /// Whether the election is secret: the review step then shows the ballot code and offers "Controleer deze stem".
    public let secret: Bool

    /// The view of `admission` in election `title`, with the area's name if known.
    public init(_ admission: Admission, title: String, areaName: String?) {
        self.title = title
        area = admission.area
        self.areaName = areaName
        type = admission.ballot.name
        budgetCents = admission.contest.budgetCents
        secret = admission.secret
        projects = admission.contest.projects.map {
            ProjectCard(id: $0.id, title: $0.title, description: $0.description, costCents: $0.costCents, category: $0.category)
        }
        switch admission.ballot {
        case .chooseOne, .knapsack:
            (min, max, points, maxPerProject) = (nil, nil, nil, nil)
        case let .approval(low, high):
            (min, max, points, maxPerProject) = (low, high, nil, nil)
        case let .cumulative(total, cap):
            (min, max, points, maxPerProject) = (nil, nil, total, cap)
        case let .ranking(high):
            (min, max, points, maxPerProject) = (nil, high, nil, nil)
        }
    }
}
