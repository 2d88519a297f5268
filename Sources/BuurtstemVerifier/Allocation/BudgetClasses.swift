/// The voters' MES budgets, shared by value: `classOf[g]` is the budget class of ballot group g and
/// `budgets[class]` its budget per voter. Class 0 is "nothing left"; those voters pay nothing and are left out.
struct BudgetClasses: Sendable {
    private var budgets: [Rational]
    private var classOf: [Int]
    private var voterCount: [Int64]
    private var touched: [Int] = []

    /// Every group starts in one class holding `start` per voter.
    init(start: Rational, groups: Int) {
        budgets = [.zero, start]
        classOf = [Int](repeating: start.isZero ? 0 : 1, count: groups)
        voterCount = [0, 0]
    }

    /// The distinct (budget per voter, number of voters) among `groups`, voters with nothing left omitted.
    mutating func tally(_ groups: [Int], weights: [Int64]) -> [(budget: Rational, voters: Int64)] {
        for g in groups {
            let c = classOf[g]
            if c == 0 { continue }
            if voterCount[c] == 0 { touched.append(c) }
            voterCount[c] += weights[g]
        }
        var result: [(budget: Rational, voters: Int64)] = []
        result.reserveCapacity(touched.count)
        for c in touched {
            result.append((budgets[c], voterCount[c]))
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
            }
            moved[old] = new
            classOf[g] = new
        }
    }
}
