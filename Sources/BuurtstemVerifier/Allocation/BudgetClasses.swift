import BigInt

/// The voters' MES budgets, shared by value: `classOf[g]` is the budget class of ballot group g and
/// `budgets[class] / denominator` its budget per voter. Class 0 is "nothing left"; those voters pay nothing and are
/// left out. A class's budget never changes (paying moves voters to another class), so the classes are kept sorted
/// by budget, and a project's supporters can be put in budget order by comparing integer ranks.
///
/// All budgets share one denominator, so that the rho scan adds, subtracts and compares integers and needs no
/// greatest common divisor per step. The denominator starts as that of the starting budget (n when it is B / n) and
/// grows, when a payment needs it, to the least common multiple with the payment's denominator; the numerators are
/// scaled with it. The values stay exactly the rationals of the textbook rule.
struct BudgetClasses: Sendable {
    /// The common denominator of every budget.
    private(set) var denominator: BigInt
    private var budgets: [BigInt]
    private var classOf: [Int]
    private var voterCount: [Int64]
    /// Ballot groups per class: a class without any is no longer kept in `ascending`.
    private var members: [Int]
    /// The live class ids by ascending budget (class 0 excluded) and every class's position there.
    private var ascending: [Int]
    private var rank: [Int]
    private var touched: [Int] = []

    /// Every group starts in one class holding `start` per voter.
    init(start: Rational, groups: Int) {
        denominator = start.denominator
        budgets = [0, start.numerator]
        classOf = [Int](repeating: start.isZero ? 0 : 1, count: groups)
        voterCount = [0, 0]
        members = [0, start.isZero ? 0 : groups]
        ascending = start.isZero ? [] : [1]
        rank = [0, 0]
    }

    /// The distinct (budget per voter times `denominator`, rank of that budget, number of voters) among `groups`;
    /// voters with nothing left are omitted.
    mutating func tally(_ groups: [Int], weights: [Int64]) -> [(budget: BigInt, rank: Int, voters: Int64)] {
        for g in groups {
            let c = classOf[g]
            if c == 0 { continue }
            if voterCount[c] == 0 { touched.append(c) }
            voterCount[c] += weights[g]
        }
        var result: [(budget: BigInt, rank: Int, voters: Int64)] = []
        result.reserveCapacity(touched.count)
        for c in touched {
            result.append((budgets[c], rank[c], voterCount[c]))
            voterCount[c] = 0
        }
        touched.removeAll(keepingCapacity: true)
        return result
    }

    /// Every voter in `groups` pays `payment`, or everything they hold if that is less.
    mutating func pay(_ payment: Rational, groups: [Int]) {
        // Put every budget over the least common multiple of the denominator and the payment's.
        let factor = payment.denominator / denominator.greatestCommonDivisor(with: payment.denominator)
        if factor != 1 {
            denominator *= factor
            for c in ascending { budgets[c] *= factor }
        }
        let paid = payment.numerator * (denominator / payment.denominator)
        var moved: [Int: Int] = [:]
        for g in groups {
            let old = classOf[g]
            if old == 0 { continue }
            let new: Int
            if let known = moved[old] {
                new = known
            } else if paid < budgets[old] {
                new = budgets.count
                budgets.append(budgets[old] - paid)
                voterCount.append(0)
                members.append(0)
                rank.append(0)
                insertSorted(new)
                moved[old] = new
            } else {
                new = 0
                moved[old] = new
            }
            classOf[g] = new
            members[old] -= 1
            members[new] += 1
        }
        ascending.removeAll { members[$0] == 0 }
        for (position, c) in ascending.enumerated() { rank[c] = position }
    }

    private mutating func insertSorted(_ new: Int) {
        var low = 0
        var high = ascending.count
        while low < high {
            let middle = (low + high) / 2
            if budgets[ascending[middle]] < budgets[new] { low = middle + 1 } else { high = middle }
        }
        ascending.insert(new, at: low)
    }
}
