/// The voters' MES budgets, shared by value: `classOf[g]` is the budget class of ballot group g and
/// `budgets[class]` its budget per voter. Class 0 is "nothing left"; those voters pay nothing and are left out.
/// A class's budget never changes (paying moves voters to another class), so the classes are kept sorted by
/// budget once, and a project's supporters can be put in budget order by comparing integer ranks.
struct BudgetClasses: Sendable {
    private var budgets: [Rational]
    private var classOf: [Int]
    private var voterCount: [Int64]
    /// Class ids by ascending budget (class 0 excluded) and every class's position there.
    private var ascending: [Int]
    private var rank: [Int]
    private var touched: [Int] = []

    /// Every group starts in one class holding `start` per voter.
    init(start: Rational, groups: Int) {
        budgets = [.zero, start]
        classOf = [Int](repeating: start.isZero ? 0 : 1, count: groups)
        voterCount = [0, 0]
        ascending = [1]
        rank = [0, 0]
    }

    /// The distinct (budget per voter, rank of that budget, number of voters) among `groups`; voters with nothing
    /// left are omitted.
    mutating func tally(_ groups: [Int], weights: [Int64]) -> [(budget: Rational, rank: Int, voters: Int64)] {
        for g in groups {
            let c = classOf[g]
            if c == 0 { continue }
            if voterCount[c] == 0 { touched.append(c) }
            voterCount[c] += weights[g]
        }
        var result: [(budget: Rational, rank: Int, voters: Int64)] = []
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
        var moved: [Int: Int] = [:]
        for g in groups {
            let old = classOf[g]
            if old == 0 { continue }
            if let new = moved[old] {
                classOf[g] = new
                continue
            }
            let budget = budgets[old]
            var new = 0
            if payment < budget {
                new = budgets.count
                budgets.append(budget - payment)
                voterCount.append(0)
                rank.append(0)
                insertSorted(new)
            }
            moved[old] = new
            classOf[g] = new
        }
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
