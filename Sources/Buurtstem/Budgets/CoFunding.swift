import Foundation

/// Who pays what of the funded projects of an election or the funded initiatives of a cheque round, when a budget
/// plan's funders share the cost (docs/budgets.md, "Co-funding of funded projects").
///
/// Every funded project is split across the funders by their shares in whole cents with the largest-remainder
/// rule (`CentSplit`: each gets its exact share rounded down, the cents left go one each to the largest remainders,
/// equal remainders to the funder listed first in the plan). So each project's parts add up to its cost exactly,
/// each part is within a cent of its exact share, and a funder's total is the sum of its parts.
public struct CoFunding: Sendable, Codable, Equatable {
    /// Something funded: a project of an election or an initiative of a cheque round.
    public struct Item: Sendable, Codable, Equatable {
        /// The project id (or initiative number).
        public let id: String
        /// Its title.
        public let title: String
        /// Its area (wijk or buurt), if known.
        public let area: String?
        /// What it is paid, in cents.
        public let costCents: Int64

        /// An item.
        public init(id: String, title: String, area: String?, costCents: Int64) {
            self.id = id
            self.title = title
            self.area = area
            self.costCents = costCents
        }

        /// A funded initiative of a cheque round: its number as the id, its buurt as the area, and what the
        /// settlement pays it as the cost. Made in this one place so `cheques report --plan` and the round's
        /// results site split the same items and show the same numbers.
        public static func initiative(_ id: Int64, title: String, buurt: String, fundedCents: Int64) -> Item {
            Item(id: String(id), title: title, area: buurt, costCents: fundedCents)
        }
    }

    /// One funder's share and total.
    public struct FunderTotal: Sendable, Codable, Equatable {
        /// The funder id in the plan.
        public let id: String
        /// Its name.
        public let name: String
        /// Its share as a person reads it (`50 %`, `1/3`).
        public let share: String
        /// The sum of its parts of every item, in cents.
        public let totalCents: Int64
    }

    /// One item split across the funders.
    public struct Split: Sendable, Codable, Equatable {
        /// The item.
        public let item: Item
        /// Per funder, in the plan's order, its part in cents; they add up to the item's cost.
        public let partsCents: [Int64]
    }

    /// The plan the funders and shares come from.
    public let plan: String
    /// The funders, in the plan's order (the order that breaks ties).
    public let funders: [FunderTotal]
    /// Every funded item, in the order given.
    public let items: [Split]
    /// What the items cost together, in cents: the sum of the funders' totals.
    public let totalCents: Int64

    /// `items` split across `plan`'s funders. Throws when the plan does not add up (run `buurtstem budget check`).
    public init(items: [Item], plan: BudgetPlan) throws {
        try BudgetCheck.requireAddsUp(plan, using: "funders' shares")
        self.init(items: items, planID: plan.id, funders: plan.funders.map { ($0.id, $0.name, $0.share) })
    }

    /// `items` split across `funders`, whose shares add up to exactly 100 %.
    public init(items: [Item], planID: String, funders: [(id: String, name: String, share: Share)]) {
        let shares = funders.map(\.share)
        let splits = items.map { Split(item: $0, partsCents: CentSplit.split($0.costCents, by: shares)) }
        plan = planID
        self.items = splits
        self.funders = funders.enumerated().map { index, funder in
            FunderTotal(id: funder.id, name: funder.name, share: funder.share.description,
                        totalCents: splits.reduce(Int64(0)) { $0 + $1.partsCents[index] })
        }
        totalCents = items.reduce(Int64(0)) { $0 + $1.costCents }
    }

    /// The split as text: per funder its total, then per item its parts.
    public var text: String {
        var lines = ["Co-funding by plan \(plan) (largest remainder, to whole cents):"]
        let width = max(funders.map(\.name.count).max() ?? 0, 10)
        for funder in funders {
            lines.append("  \(funder.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(funder.share.padding(toLength: 8, withPad: " ", startingAt: 0))"
                + "  \(Money.format(funder.totalCents))")
        }
        lines.append("  \("total".padding(toLength: width, withPad: " ", startingAt: 0))            \(Money.format(totalCents))")
        for split in items {
            let parts = zip(funders, split.partsCents).map { "\($0.id) \(Money.format($1))" }.joined(separator: ", ")
            lines.append("    \(split.item.id) \(Money.format(split.item.costCents)): \(parts)")
        }
        return lines.joined(separator: "\n")
    }
}
