/// An area budget plan as its file states it (docs/budgets.md): classes of areas with a cap each, the areas, the
/// funders with their shares, and the subtotals and total as published. Every stated number keeps its line, so
/// `BudgetCheck` can point at the one that does not add up.
public struct BudgetPlan: Sendable, Equatable {
    /// A number as the plan states it, and where.
    public struct Stated<Value: Sendable & Equatable>: Sendable, Equatable {
        /// The number written in the file.
        public let value: Value
        /// The line it is on.
        public let line: Int
    }

    /// Who pays part of the plan.
    public struct Funder: Sendable, Equatable {
        /// A short id, unique in the plan.
        public let id: String
        /// The funder's name as published.
        public let name: String
        /// Its part of the total.
        public let share: Share
        /// The amount the plan states for it, when it states one.
        public let amount: Stated<Int64>?
        /// The line the funder starts on.
        public let line: Int
    }

    /// A kind of area that gets the same cap, e.g. "grote zware wijk" at EUR 900,000.
    public struct AreaClass: Sendable, Equatable {
        /// A short id, unique in the plan; areas name their class by it.
        public let id: String
        /// The class's name as published.
        public let name: String
        /// What each area of the class gets at most, in cents.
        public let capCents: Int64
        /// The number of areas the plan states for the class.
        public let count: Stated<Int>
        /// The class's subtotal as stated, in cents.
        public let subtotal: Stated<Int64>
        /// The line the class starts on.
        public let line: Int
    }

    /// A wijk or buurt in the plan.
    public struct Area: Sendable, Equatable {
        /// CBS code: `WK` + 6 digits or `BU` + 8.
        public let code: String
        /// The area's name as published.
        public let name: String
        /// The id of its class.
        public let classID: String
        /// The line the area starts on.
        public let line: Int
    }

    /// The file the plan was read from, for messages.
    public let file: String
    /// The plan's id.
    public let id: String
    /// Its title as published.
    public let title: String
    /// The gemeente's CBS code (`GM` + 4 digits).
    public let gemeente: String
    /// The first calendar year the plan covers.
    public let firstYear: Int
    /// The last calendar year it covers.
    public let lastYear: Int
    /// The funders, in file order (the order breaks ties when cents are split).
    public let funders: [Funder]
    /// The line of the `funders` key, where the sum of the shares is reported.
    public let fundersLine: Int
    /// The area classes, in file order.
    public let classes: [AreaClass]
    /// The areas, in file order.
    public let areas: [Area]
    /// The plan's total as stated, in cents.
    public let total: Stated<Int64>
}
