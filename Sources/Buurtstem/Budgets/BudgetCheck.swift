/// Whether a budget plan adds up, to the cent, and the plan's amounts as they should be.
///
/// The listed areas and the class caps are taken as the facts; every number the plan states (a class's count and
/// subtotal, the total, each funder's amount) is checked against what they give, and each one that differs is a
/// problem on its own line with the exact difference. Funder amounts are the total's split by the largest-remainder
/// rule (`CentSplit`), so they always add up to the total.
public struct BudgetCheck: Sendable, Encodable {
    /// One class: its cap, its areas and its amounts, stated and computed.
    public struct ClassAmounts: Sendable, Encodable {
        /// The class id.
        public let id: String
        /// The class's name.
        public let name: String
        /// What each of its areas gets, in cents.
        public let capCents: Int64
        /// The codes of its areas, in file order.
        public let areas: [String]
        /// How many areas are listed with the class.
        public let count: Int
        /// `count × cap`, in cents.
        public let subtotalCents: Int64
        /// The count the plan states.
        public let statedCount: Int
        /// The subtotal the plan states, in cents.
        public let statedSubtotalCents: Int64
    }

    /// One funder: its share and its amount, stated and computed.
    public struct FunderAmount: Sendable, Encodable {
        /// The funder id.
        public let id: String
        /// The funder's name.
        public let name: String
        /// Its exact share.
        public let share: Share
        /// The share as a person reads it (`50 %`, `1/3`).
        public let shareText: String
        /// Its part of the computed total, in cents; nil when the shares do not add up to 100 %.
        public let amountCents: Int64?
        /// The amount the plan states, in cents, if it states one.
        public let statedAmountCents: Int64?
    }

    /// The file checked.
    public let file: String
    /// The plan id.
    public let id: String
    /// The plan's title.
    public let title: String
    /// The gemeente code.
    public let gemeente: String
    /// The first year of the period.
    public let firstYear: Int
    /// The last year of the period.
    public let lastYear: Int
    /// The classes, in file order.
    public let classes: [ClassAmounts]
    /// The funders, in file order.
    public let funders: [FunderAmount]
    /// The sum of the classes' computed subtotals, in cents.
    public let totalCents: Int64
    /// The total the plan states, in cents.
    public let statedTotalCents: Int64
    /// How many areas the plan lists.
    public let areaCount: Int
    /// Whether the areas were also held against a store's wijken and buurten.
    public let checkedAgainstStore: Bool
    /// Every stated number that does not add up, in line order; empty when the plan adds up.
    public let problems: [Problem]
    /// `true` when every number adds up.
    public let addsUp: Bool

    /// Checks `plan`; `checkedAgainstStore` records whether it was parsed against a store's areas.
    public init(_ plan: BudgetPlan, checkedAgainstStore: Bool = false) {
        var problems: [Problem] = []
        func problem(_ line: Int, _ field: String, _ message: String) {
            problems.append(Problem(file: plan.file, line: line, field: field, message: message))
        }

        var classes: [ClassAmounts] = []
        for (index, areaClass) in plan.classes.enumerated() {
            let members = plan.areas.filter { $0.classID == areaClass.id }
            let amounts = ClassAmounts(id: areaClass.id, name: areaClass.name, capCents: areaClass.capCents, areas: members.map(\.code),
                                       count: members.count, subtotalCents: Int64(members.count) * areaClass.capCents,
                                       statedCount: areaClass.count.value, statedSubtotalCents: areaClass.subtotal.value)
            classes.append(amounts)
            let field = "classes[\(index + 1)]"
            if amounts.statedCount != amounts.count {
                let lines = members.isEmpty ? "" : " (line\(members.count == 1 ? "" : "s") \(members.map { String($0.line) }.joined(separator: ", ")))"
                let off = amounts.statedCount - amounts.count
                problem(areaClass.count.line, "\(field).count",
                        "class '\(areaClass.id)' (\(areaClass.name)) states \(amounts.statedCount) areas, but \(amounts.count) \(amounts.count == 1 ? "is" : "are") listed with it\(lines): "
                            + "\(abs(off)) too \(off > 0 ? "many" : "few"); fix the count or the list of areas")
            }
            if amounts.statedSubtotalCents != amounts.subtotalCents {
                var message = "the subtotal of class '\(areaClass.id)' (\(areaClass.name)) is \(Money.format(amounts.statedSubtotalCents)), but "
                    + "\(Self.areas(amounts.count)) × \(Money.format(areaClass.capCents)) = \(Money.format(amounts.subtotalCents)); "
                    + Self.difference(amounts.statedSubtotalCents, amounts.subtotalCents)
                if amounts.statedCount != amounts.count, Int64(amounts.statedCount) * areaClass.capCents == amounts.statedSubtotalCents {
                    message += "; it is the stated count (line \(areaClass.count.line)) × the cap, and that count is wrong too"
                }
                problem(areaClass.subtotal.line, "\(field).subtotal", message)
            }
        }

        let total = classes.reduce(0) { $0 + $1.subtotalCents }
        if plan.total.value != total {
            var message = "the total is \(Money.format(plan.total.value)), but the classes come to \(Money.format(total))"
                + " (\(classes.map { Money.format($0.subtotalCents) }.joined(separator: " + "))); " + Self.difference(plan.total.value, total)
            let wrong = zip(plan.classes, classes).filter { $1.statedSubtotalCents != $1.subtotalCents }.map(\.0)
            if !wrong.isEmpty, plan.total.value == plan.classes.reduce(0, { $0 + $1.subtotal.value }) {
                message += "; it is the sum of the stated subtotals, so it carries their mistakes (line\(wrong.count == 1 ? "" : "s") "
                    + "\(wrong.map { String($0.subtotal.line) }.joined(separator: ", ")))"
            }
            problem(plan.total.line, "total", message)
        }

        let shares = plan.funders.map(\.share)
        let sum = shares.dropFirst().reduce(shares.first) { $0?.adding($1) }
        var amounts: [Int64]?
        if let sum, sum == .whole {
            amounts = CentSplit.split(total, by: shares)
        } else if let sum, let (distance, below) = sum.distance(to: .whole) {
            problem(plan.fundersLine, "funders",
                    "the funders' shares add up to \(sum), not 100 %: \(distance) \(below ? "short" : "too much"); make them add up to exactly 100 %")
        } else {
            problem(plan.fundersLine, "funders", "the funders' shares cannot be added exactly (their fractions have very different denominators); write them as percentages")
        }
        let statedSplit = amounts == nil ? nil : CentSplit.split(plan.total.value, by: shares)
        var funders: [FunderAmount] = []
        for (index, funder) in plan.funders.enumerated() {
            let amount = amounts?[index]
            funders.append(FunderAmount(id: funder.id, name: funder.name, share: funder.share, shareText: funder.share.description,
                                        amountCents: amount, statedAmountCents: funder.amount?.value))
            guard let amount, let stated = funder.amount, stated.value != amount else { continue }
            var message = "\(funder.name) is stated at \(Money.format(stated.value)), but its share (\(funder.share)) of "
                + "\(Money.format(total)) is \(Money.format(amount)); " + Self.difference(stated.value, amount)
            if (total % funder.share.denominator) * funder.share.numerator % funder.share.denominator != 0 {
                message += " (the exact share is not a whole number of cents: rounded by the largest-remainder rule, docs/budgets.md)"
            }
            if plan.total.value != total, statedSplit?[index] == stated.value {
                message += "; it is its share of the stated total (line \(plan.total.line)), which does not add up"
            }
            problem(stated.line, "funders[\(index + 1)].amount", message)
        }

        self.file = plan.file
        self.id = plan.id
        self.title = plan.title
        self.gemeente = plan.gemeente
        self.firstYear = plan.firstYear
        self.lastYear = plan.lastYear
        self.classes = classes
        self.funders = funders
        self.totalCents = total
        self.statedTotalCents = plan.total.value
        self.areaCount = plan.areas.count
        self.checkedAgainstStore = checkedAgainstStore
        self.problems = problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
        self.addsUp = problems.isEmpty
    }

    /// Reads and checks the plan in `text` (the file named `file`), against `known` areas when given.
    /// Throws `InputError` when the plan is malformed; a well-formed plan that does not add up is returned with
    /// its problems.
    public static func check(_ text: String, file: String, known: KnownAreas? = nil) throws -> BudgetCheck {
        BudgetCheck(try BudgetPlanFile.parse(text, file: file, known: known), checkedAgainstStore: known != nil)
    }

    /// "a difference of € 225.000,00 (stated too high)".
    private static func difference(_ stated: Int64, _ computed: Int64) -> String {
        "a difference of \(Money.format(abs(stated - computed))) (stated too \(stated > computed ? "high" : "low"))"
    }

    private static func areas(_ count: Int) -> String {
        count == 1 ? "1 area" : "\(count) areas"
    }
}
