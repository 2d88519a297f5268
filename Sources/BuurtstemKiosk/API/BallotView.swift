import Buurtstem
import BuurtstemRecord

/// The ballot a pass may fill in, as the page draws it: the contest's projects and the ballot type's limits.
package struct BallotView: Sendable, Equatable, Codable {
    /// A project card.
    package struct ProjectCard: Sendable, Equatable, Codable {
        /// The project id, sent back in the choices.
        package let id: String
        /// Its title.
        package let title: String
        /// Its short description.
        package let description: String
        /// What it costs, in euro cents.
        package let costCents: Int64
        /// Its category, if any.
        package let category: String?
    }

    /// The election's title.
    package let title: String
    /// The contest area (a wijk code, or the gemeente code).
    package let area: String
    /// The area's name, when the store knows it.
    package let areaName: String?
    /// The ballot type: `choose-1`, `approval`, `knapsack`, `cumulative` or `ranking`.
    package let type: String
    /// Approval: at least this many projects.
    package let min: Int?
    /// Approval: at most this many projects; ranking: at most this many ranked.
    package let max: Int?
    /// Cumulative: points to spread.
    package let points: Int?
    /// Cumulative: at most this many points on one project (nil: no limit).
    package let maxPerProject: Int?
    /// The contest's budget, in euro cents (the knapsack limit).
    package let budgetCents: Int64
    /// The projects, in the definition's order.
    package let projects: [ProjectCard]
    /// Whether the election is secret: the review step then shows the ballot code and offers "Controleer deze stem".
    package let secret: Bool

    /// The view of `admission` in election `title`, with the area's name if known.
    package init(_ admission: Admission, title: String, areaName: String?) {
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
