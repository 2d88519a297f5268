import Foundation

/// Why one project was or was not funded: a structured reason plus the same in plain language.
public struct ProjectExplanation: Sendable, Codable, Equatable {
    /// The project id.
    public var project: String
    /// Whether the project was funded (fully).
    public var funded: Bool
    /// The reason, with the numbers behind it.
    public var reason: ExplanationReason
    /// The reason in a sentence a resident understands.
    public var summary: String

    /// An explanation for `project` of `election`; the summary is rendered from `reason`.
    public init(project: Int, in election: AllocationInput, reason: ExplanationReason) {
        self.project = election.projects[project].id
        self.funded = reason.funded
        self.reason = reason
        self.summary = reason.summary(in: election)
    }
}

/// Money spent by a group of voters on one project (for MES explanations).
public struct Spending: Sendable, Codable, Equatable {
    /// The project the money went to.
    public var project: String
    /// The amount, rounded to cents (the exact amount may be a fraction).
    public var amount: ReasonAmount
}

/// The reasons the rules give, as numbers and ids (amounts in currency, exact unless `rounded`); ``text(_:)`` says
/// them in English (``summary(in:)``) and in Dutch (``dutch(areaNames:)``, for the results site). The JSON is as it always was (amounts and support as text).
public enum ExplanationReason: Sendable, Codable, Equatable {
    /// Fewer votes than the minimum support.
    case belowMinimumSupport(votes: Int64, minimum: Int64)
    /// Fewer points than the minimum a project needs (a threshold in points, on points or positional ballots).
    case belowMinimumPoints(points: Int64, minimum: Int64)
    /// Costs more than the per-project cap.
    case overProjectCap(cost: ReasonAmount, cap: ReasonAmount)
    /// Excluded by a funded project it may not be combined with (an exclusion group).
    case excludedBy(project: String)
    /// Funding it would exceed a category or area budget.
    case overLimit(kind: LimitKind, name: String, limit: ReasonAmount, spent: ReasonAmount, cost: ReasonAmount)
    /// The most projects of the contest (kind nil), or of a category or area, were already funded.
    case overCount(kind: LimitKind?, name: String, maximum: Int)
    /// Greedy: funded at this position of the ranking, with this much left before it.
    case greedyFunded(rank: Int, support: ReasonSupport, cost: ReasonAmount, leftBefore: ReasonAmount)
    /// Greedy: it did not fit in what the projects ranked above it left.
    case greedyDidNotFit(rank: Int, support: ReasonSupport, cost: ReasonAmount, left: ReasonAmount)
    /// Greedy without skipping: the walk stopped at a higher-ranked project that did not fit.
    case greedyStopped(rank: Int, support: ReasonSupport, stoppedAt: String)
    /// MES: bought in this round by its supporters; `share` is what each full payer paid.
    case equalSharesFunded(round: Int, supporters: Int64, fullPayers: Int64, share: ReasonShare,
                           partialPayers: Int64, partialPaid: ReasonAmount, perVoterBudget: ReasonAmount)
    /// MES: a project of cost 0 that someone supports, funded before the first round.
    case equalSharesFree(supporters: Int64)
    /// MES: its supporters could not pay for it: together they had only `supportersLeft` when MES ended
    /// (or when it was dropped), having spent most on `spentOn`.
    case equalSharesUnaffordable(supporters: Int64, cost: ReasonAmount, supportersLeft: ReasonAmount, spentOn: [Spending],
                                 perVoterBudget: ReasonAmount)
    /// MES: nobody gets any satisfaction from it, or it costs nothing under cost satisfaction.
    case equalSharesNoCandidate(supporters: Int64, cost: ReasonAmount)
    /// Funded by the greedy completion after MES.
    case completionFunded(support: ReasonSupport, cost: ReasonAmount, leftBefore: ReasonAmount)
    /// Phragmén: funded in this round; its supporters' load rose to `load`.
    case phragmenFunded(round: Int, supporters: Int64, load: ReasonAmount)
    /// Phragmén: it was never the cheapest to add, or the rule stopped first.
    case phragmenNotFunded(supporters: Int64, cost: ReasonAmount, stoppedAt: String?, left: ReasonAmount)
    /// Funded from the leftover budget after the constrained rule (ignoring category and area budgets).
    case leftoverFunded(support: ReasonSupport, cost: ReasonAmount, leftBefore: ReasonAmount)
    /// Received the leftover budget as a partial funding.
    case leftoverPartial(amount: ReasonAmount, cost: ReasonAmount)

    /// What a budget or a maximum count limits: a category or an area.
    public enum LimitKind: String, Sendable, Codable, Equatable {
        /// A category of projects.
        case category
        /// An area (a wijk's cap when it is a CBS wijk code).
        case area
    }

    /// A CBS wijk code (`WK` + 6 digits): an area budget on one is a wijk's cap.
    static func isWijkCode(_ name: String) -> Bool {
        name.utf8.count == 8 && name.hasPrefix("WK") && name.dropFirst(2).allSatisfy(\.isASCIIDigit)
    }

    var funded: Bool {
        switch self {
        case .greedyFunded, .equalSharesFunded, .equalSharesFree, .completionFunded, .phragmenFunded, .leftoverFunded:
            true
        default:
            false
        }
    }
}

extension AllocationInput {
    /// `units` money units as an exact amount in an explanation (read `12 000`, `1 250.50`).
    func readable(_ units: Int64) -> ReasonAmount {
        ReasonAmount(units: units, scale: moneyScale)
    }

    /// A possibly fractional number of money units, rounded to cents (read `1 250.33`).
    func approximate(_ units: Double) -> ReasonAmount {
        ReasonAmount(approximately: units, scale: moneyScale)
    }

    /// A plain decimal (`1250.50`) with its whole part grouped by thousands (`1 250.50`).
    static func grouped(_ plain: String) -> String {
        let parts = plain.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        let negative = whole.hasPrefix("-")
        if negative { whole.removeFirst() }
        var grouped = ""
        for (offset, digit) in whole.reversed().enumerated() {
            if offset > 0, offset % 3 == 0 { grouped.append(" ") }
            grouped.append(digit)
        }
        var result = (negative ? "-" : "") + String(grouped.reversed())
        if parts.count == 2 { result += "." + parts[1] }
        return result
    }

    /// `project`'s support: its points on cardinal ballots, else its votes.
    func support(_ project: Int) -> ReasonSupport {
        kind == .cardinal ? ReasonSupport(count: pointTotals[project], unit: .points)
            : ReasonSupport(count: approvalCounts[project], unit: .votes)
    }
}
