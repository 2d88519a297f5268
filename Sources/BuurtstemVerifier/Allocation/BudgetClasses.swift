import BigInt

/// The voters' MES budgets, shared by value: `classOf[g]` is the budget class of ballot group g and
/// `budgets[class] / denominator` its budget per voter. Class 0 is "nothing left"; those voters pay nothing and are
/// left out. A class's budget never changes (paying moves voters to another class), so the classes are kept sorted
/// by budget, and a project's supporters can be put in budget order by comparing integer ranks.
///
/// All budgets share one denominator, so that the rho scan adds, subtracts and compares integers and needs no
/// greatest common divisor per step. The denominator starts as that of the starting budget (n when it is B / n) and
/// grows, when a payment needs it, to the least common multiple with the payment's denominator. The numerators are
/// scaled with it lazily: each class remembers the denominator "version" its numerator is written over, and is
/// brought to the current one (one multiplication by `scale[version]`, the current denominator over that version's)
/// only when it is read. The values stay exactly the rationals of the textbook rule.
struct BudgetClasses: Sendable {
    /// The common denominator of every budget.
    private(set) var denominator: BigInt
    /// Per class, its budget's numerator over the denominator of version `version[c]`.
    private var budgets: [BigInt]
    private var version: [Int]
    /// Per version, the current denominator divided by that version's (a whole number; 1 for the current one).
    private var scale: [BigInt] = [1]
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
        version = [0, 0]
        classOf = [Int](repeating: start.isZero ? 0 : 1, count: groups)
        voterCount = [0, 0]
        members = [0, start.isZero ? 0 : groups]
        ascending = start.isZero ? [] : [1]
        rank = [0, 0]
    }

    /// The distinct (budget class, rank of its budget, number of voters) among `groups`; voters with nothing left
    /// are omitted. ``budget(_:)`` gives a class's budget.
    mutating func tally(_ groups: [Int], weights: [Int64]) -> [(budgetClass: Int, rank: Int, voters: Int64)] {
        for g in groups {
            let c = classOf[g]
            if c == 0 { continue }
            if voterCount[c] == 0 { touched.append(c) }
            voterCount[c] += weights[g]
        }
        var result: [(budgetClass: Int, rank: Int, voters: Int64)] = []
        result.reserveCapacity(touched.count)
        for c in touched {
            result.append((c, rank[c], voterCount[c]))
            voterCount[c] = 0
        }
        touched.removeAll(keepingCapacity: true)
        return result
    }

    /// Class `c`'s budget per voter times ``denominator``.
    mutating func budget(_ c: Int) -> BigInt {
        let current = scale.count - 1
        if version[c] != current {
            budgets[c] *= scale[version[c]]
            version[c] = current
        }
        return budgets[c]
    }

    /// Every voter in `groups` pays `payment`, or everything they hold if that is less.
    mutating func pay(_ payment: Rational, groups: [Int]) {
        // Put every budget over the least common multiple of the denominator and the payment's.
        let factor = payment.denominator / denominator.greatestCommonDivisor(with: payment.denominator)
        if factor != 1 {
            denominator *= factor
            for v in scale.indices { scale[v] *= factor }
            scale.append(1)
        }
        let paid = payment.numerator * (denominator / payment.denominator)
        var moved: [Int: Int] = [:]
        var created: [Int] = []
        for g in groups {
            let old = classOf[g]
            if old == 0 { continue }
            let new: Int
            if let known = moved[old] {
                new = known
            } else if paid < budget(old) {
                new = budgets.count
                budgets.append(budget(old) - paid)
                version.append(scale.count - 1)
                voterCount.append(0)
                members.append(0)
                rank.append(rank[old])
                created.append(new)
                moved[old] = new
            } else {
                new = 0
                moved[old] = new
            }
            classOf[g] = new
            members[old] -= 1
            members[new] += 1
        }
        // Every new class is its old class less the same payment, so the new classes are in the order of their old
        // ones (whose rank they copied); one merge puts them among the others.
        created.sort { rank[$0] < rank[$1] }
        var merged: [Int] = []
        merged.reserveCapacity(ascending.count + created.count)
        var next = 0
        for c in ascending where members[c] > 0 {
            while next < created.count, budget(created[next]) < budget(c) {
                merged.append(created[next])
                next += 1
            }
            merged.append(c)
        }
        merged.append(contentsOf: created[next...])
        ascending = merged
        for (position, c) in ascending.enumerated() { rank[c] = position }
    }
}
