/// A per-voter budget as an exact fraction `numerator / denominator` of money units.
struct VoterBudget: Sendable, Equatable, CustomStringConvertible {
    let numerator: UInt64
    let denominator: UInt64

    /// The fraction in lowest terms.
    init(_ numerator: UInt64, over denominator: UInt64) {
        var a = numerator, b = denominator
        while b != 0 { (a, b) = (b, a % b) }
        let g = max(a, 1)
        self.numerator = numerator / g
        self.denominator = denominator / g
    }

    var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }
}

/// What one MES run produced.
struct EqualSharesRunResult: Sendable {
    /// Funded projects in funding order (free projects first).
    var selected: [Int]
    var totalCost: Int64
    /// Filled only when the run was asked to record (for explanations).
    var record: EqualSharesRecord?
}

/// The trace of a run, enough to explain every decision.
struct EqualSharesRecord: Sendable {
    struct Round: Sendable {
        let project: Int
        /// What each uncapped supporter paid per share (money units, rounded).
        let share: Double
        let fullPayers: Int64
        let partialPayers: Int64
        let partialPaid: Double
    }
    var rounds: [Round] = []
    /// Per class: the round (index into `rounds`) in which it paid its last money, or -1.
    var cappedRound: [Int]
    /// Per class: what it paid in that round (per voter).
    var cappedPaid: [Double]
    /// Per class: the budget left at the end (per voter).
    var finalBudget: [Double]
}

/// One run of the Method of Equal Shares with a fixed per-voter budget, exact in every decision.
///
/// **Exactness.** Each class's budget is `e - sum over funded j it paid in full of t_j * share`, or 0 once it
/// has paid everything it had (a capped payer). All per-share payments `t_j` and `e` are kept exactly as
/// natural numbers over one common denominator `D` (`BigNatural`), so every budget, every `rho` and every
/// affordability total can be written exactly. The bulk work runs on `Double` copies of the budgets with a
/// proven error bound (`budgetError`); any comparison that the bound cannot decide (a tie in `rho`, a budget
/// within the error of its share) is redone exactly. The outcome is therefore the exact-arithmetic outcome.
///
/// **Speed.** A project's `rho` never decreases (budgets only shrink), so each round looks at candidates by
/// increasing last-known `rho` and stops once the next lower bound exceeds the best value found (the lazy
/// scheme of equalshares.net and pabutools). Supporter segments drop classes that have run out of money.
struct EqualSharesRun {
    private let model: EqualSharesModel
    private let costs: [Int64]
    private let perVoter: VoterBudget
    private let perVoterDouble: Double

    // Exact state: e = eNumerator / denominator; t_j = paid[slot[j]] / denominator.
    private var denominator: BigNatural
    private var eNumerator: BigNatural
    private var paid: [BigNatural] = []
    private var slot: [Int]

    // Fast state.
    private var budget: [Double]
    private var alive: [Bool]
    private var budgetError: Double
    private var supporterClass: [Int32]
    private var supporterShare: [Int64]
    private var supporterCount: [Int]
    private var lowerBound: [Double]
    private var active: [Int]
    private var capped: [Bool]
    private var scratch: [Int] = []
    private var ledger: ConstraintLedger
    private var recording: EqualSharesRecord?

    private static let unit = Double.ulpOfOne / 2

    init(model: EqualSharesModel, perVoter: VoterBudget, constraints: AllocationConstraints, record: Bool) {
        self.model = model
        costs = model.election.projects.map(\.cost)
        self.perVoter = perVoter
        perVoterDouble = Double(perVoter.numerator) / Double(perVoter.denominator)
        denominator = BigNatural(perVoter.denominator)
        eNumerator = BigNatural(perVoter.numerator)
        slot = [Int](repeating: -1, count: costs.count)
        budget = [Double](repeating: perVoterDouble, count: model.classCount)
        alive = [Bool](repeating: true, count: model.classCount)
        budgetError = 4 * Self.unit * perVoterDouble
        supporterClass = model.supporterClass
        supporterShare = model.supporterShare
        supporterCount = (0..<costs.count).map { model.supporterStart[$0 + 1] - model.supporterStart[$0] }
        let projectCosts = costs
        lowerBound = (0..<projectCosts.count).map { p in
            model.totalShares[p] > 0
                ? Double(projectCosts[p]) / Double(model.totalShares[p]) / Double(max(model.scale[p], 1)) * (1 - 8 * Self.unit)
                : 0
        }
        active = model.candidates
        capped = [Bool](repeating: false, count: model.classCount)
        ledger = ConstraintLedger(election: model.election, constraints: constraints)
        if record {
            recording = EqualSharesRecord(
                cappedRound: [Int](repeating: -1, count: model.classCount),
                cappedPaid: [Double](repeating: 0, count: model.classCount),
                finalBudget: [])
        }
    }

    /// Runs to the end and returns the funded projects.
    mutating func run() -> EqualSharesRunResult {
        var selected: [Int] = []
        var total: Int64 = 0
        for p in model.freeProjects where ledger.brokenLimit(p) == nil {
            ledger.record(p)
            selected.append(p)
        }
        while let winner = nextWinner() {
            fund(winner)
            selected.append(winner.project)
            total += costs[winner.project]
            ledger.record(winner.project)
            active.removeAll { $0 == winner.project }
        }
        if recording != nil { recording!.finalBudget = budget }
        return EqualSharesRunResult(selected: selected, totalCost: total, record: recording)
    }

    // MARK: Choosing the winner of a round

    private struct Evaluation {
        var rho: Double
        var error: Double
        /// The per-share payment the floating-point fixed point settled on (certain classification).
        var t: Double
        /// Set when the value was computed exactly: rho = numerator / (D * shares * scale).
        var exact: ExactRho?
    }

    private struct ExactRho {
        let numerator: BigNatural
        let shares: UInt64
        /// The supporting classes that pay all they have.
        let capped: [Int]
    }

    private struct Winner {
        let project: Int
        let exact: ExactRho
    }

    private mutating func nextWinner() -> Winner? {
        // Constraints only tighten as projects are funded: drop candidates that no longer fit.
        if ledger.constraints.hasLimits {
            active.removeAll { ledger.brokenLimit($0) != nil }
        }
        let order = active.sorted { lowerBound[$0] != lowerBound[$1] ? lowerBound[$0] < lowerBound[$1] : model.ranks[$0] < model.ranks[$1] }
        var bestUpper = Double.infinity
        var evaluated: [(project: Int, evaluation: Evaluation)] = []
        var dropped: [Int] = []
        for p in order {
            if lowerBound[p] > bestUpper { break }
            guard let evaluation = evaluate(p) else {
                dropped.append(p)
                continue
            }
            lowerBound[p] = max(lowerBound[p], evaluation.rho - evaluation.error)
            bestUpper = min(bestUpper, evaluation.rho + evaluation.error)
            evaluated.append((p, evaluation))
        }
        if !dropped.isEmpty { active.removeAll { dropped.contains($0) } }
        let contenders = evaluated.filter { $0.evaluation.rho - $0.evaluation.error <= bestUpper }
        guard !contenders.isEmpty else { return nil }
        if contenders.count == 1 {
            let p = contenders[0].project
            return Winner(project: p, exact: contenders[0].evaluation.exact ?? exactRho(p, certain: contenders[0].evaluation))
        }
        // Overlapping intervals: decide on the exact values, then by the tie-break order.
        var best: (project: Int, exact: ExactRho)?
        for contender in contenders {
            let p = contender.project
            let value = contender.evaluation.exact ?? exactRho(p, certain: contender.evaluation)
            if let current = best {
                let order = compare(value, p, current.exact, current.project)
                if order < 0 || (order == 0 && model.ranks[p] < model.ranks[current.project]) { best = (p, value) }
            } else {
                best = (p, value)
            }
        }
        return best.map { Winner(project: $0.project, exact: $0.exact) }
    }

    /// Sign of rho(a) - rho(b); both share the denominator D, which cancels.
    private func compare(_ a: ExactRho, _ pa: Int, _ b: ExactRho, _ pb: Int) -> Int {
        let lhs = a.numerator * b.shares * model.scale[pb]
        let rhs = b.numerator * a.shares * model.scale[pa]
        return lhs == rhs ? 0 : (lhs < rhs ? -1 : 1)
    }

    // MARK: Evaluating one project

    /// The current rho of `p` with an error bound, or `nil` if its supporters can no longer pay for it.
    private mutating func evaluate(_ p: Int) -> Evaluation? {
        let u = Self.unit
        let start = model.supporterStart[p]
        var end = start + supporterCount[p]
        var total = 0.0, weightSum: Int64 = 0, shareSum: Int64 = 0
        // The least (budget - its error bound) per share: if even that exceeds t with a margin, nobody is capped.
        var leastPerShare = Double.infinity
        let shrink = 1 - 4 * u, errorB = budgetError
        var position = start
        while position < end {
            let c = Int(supporterClass[position])
            if !alive[c] {
                end -= 1
                supporterClass.swapAt(position, end)
                supporterShare.swapAt(position, end)
                continue
            }
            let w = model.weight[c], share = supporterShare[position], b = budget[c]
            total += Double(w) * b
            weightSum += w
            shareSum += w * share
            let slack = b * shrink - errorB
            leastPerShare = min(leastPerShare, share == 1 ? slack : slack / Double(share))
            position += 1
        }
        supporterCount[p] = end - start
        let cost = Double(costs[p])
        guard shareSum > 0 else { return nil }
        let totalError = Double(weightSum) * budgetError + Double(end - start + 2) * u * total
        if total + totalError < cost { return nil }
        if total - totalError < cost, !exactlyAffordable(p) { return nil }

        // Nobody capped (the common case while budgets are ample): t = cost / shares, certain for everyone.
        let t0 = cost / Double(shareSum)
        let t0Error = 2 * (u * cost / Double(shareSum) + 2 * u * t0)
        if leastPerShare > t0 * (1 + 4 * u) + t0Error {
            let scale = Double(model.scale[p])
            return Evaluation(rho: t0 / scale, error: t0Error / scale + 4 * u * t0 / scale, t: t0, exact: nil)
        }

        // Fixed point: t = (cost - paid by capped) / shares of the rest, capping those below t * share.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: start..<end)
        var t = cost / Double(shareSum)
        var cappedTotal = 0.0, cappedWeight: Int64 = 0, richShares = shareSum
        while true {
            var grew = false
            var k = 0
            while k < scratch.count {
                let position = scratch[k], c = Int(supporterClass[position])
                if budget[c] < t * Double(supporterShare[position]) {
                    cappedTotal += Double(model.weight[c]) * budget[c]
                    cappedWeight += model.weight[c]
                    richShares -= model.weight[c] * supporterShare[position]
                    scratch.swapAt(k, scratch.count - 1)
                    scratch.removeLast()
                    grew = true
                    continue
                }
                k += 1
            }
            if !grew { break }
            if richShares == 0 { return exactEvaluation(p) }
            t = (cost - cappedTotal) / Double(richShares)
        }
        let cappedError = Double(cappedWeight) * budgetError + Double(end - start + 2) * u * cappedTotal
        let tError = 2 * ((cappedError + u * (cost + cappedTotal)) / Double(richShares) + 2 * u * t)
        for position in start..<end {
            let c = Int(supporterClass[position]), s = Double(supporterShare[position])
            let b = budget[c], ts = t * s
            if abs(b - ts) <= budgetError + s * tError + 4 * u * (b + ts) { return exactEvaluation(p) }
        }
        let scale = Double(model.scale[p])
        let rho = t / scale
        return Evaluation(rho: rho, error: tError / scale + 4 * u * rho, t: t, exact: nil)
    }

    /// The exact budget numerator (over D) of an alive class.
    private func exactBudget(_ c: Int) -> BigNatural {
        var spent = BigNatural.zero
        for entry in model.ballotStart[c]..<model.ballotStart[c + 1] {
            let j = Int(model.ballotProject[entry])
            if slot[j] >= 0 { spent.add(paid[slot[j]], times: UInt64(model.ballotShare[entry])) }
        }
        return eNumerator - spent
    }

    /// Whether the supporters of `p` together hold at least its cost, decided exactly.
    private func exactlyAffordable(_ p: Int) -> Bool {
        var total = BigNatural.zero
        for position in model.supporterStart[p]..<(model.supporterStart[p] + supporterCount[p]) {
            let c = Int(supporterClass[position])
            total.add(exactBudget(c), times: UInt64(model.weight[c]))
        }
        return !(total < denominator * UInt64(costs[p]))
    }

    /// Exact rho of `p` from scratch: start with nobody capped and cap, exactly, whoever holds less than
    /// their share at the current t, until nobody more is capped. Marks `capped`. `nil` if unaffordable.
    private mutating func exactEvaluation(_ p: Int) -> Evaluation? {
        guard exactlyAffordable(p) else { return nil }
        let exact = exactRho(p, certain: nil)
        let rho = BigNatural.ratio(exact.numerator, denominator * exact.shares * model.scale[p])
        return Evaluation(rho: rho, error: 8 * Self.unit * rho, t: 0, exact: exact)
    }

    /// The exact rho of `p`. Given a `certain` floating-point evaluation from this round, its capped set is
    /// exact and is reused; otherwise the capped set is found exactly by the fixed point. `capped` ends all false.
    private mutating func exactRho(_ p: Int, certain: Evaluation?) -> ExactRho {
        let range = model.supporterStart[p]..<(model.supporterStart[p] + supporterCount[p])
        defer { for position in range { capped[Int(supporterClass[position])] = false } }
        if let certain {
            for position in range {
                let c = Int(supporterClass[position])
                capped[c] = budget[c] < certain.t * Double(supporterShare[position])
            }
            return exactValue(p)
        }
        var budgets: [Int: BigNatural] = [:]
        while true {
            let value = exactValue(p)
            var grew = false
            for position in range {
                let c = Int(supporterClass[position])
                guard !capped[c] else { continue }
                let b = budgets[c] ?? exactBudget(c)
                budgets[c] = b
                // b / D < t * share  <=>  b * shares < numerator * share
                if b * value.shares < value.numerator * UInt64(supporterShare[position]) {
                    capped[c] = true
                    grew = true
                }
            }
            if !grew { return value }
        }
    }

    /// t = (cost * D - sum over capped of w * budget) / (D * rich shares), with the capped set in `capped`.
    private func exactValue(_ p: Int) -> ExactRho {
        var cappedWeight: UInt64 = 0, richShares: UInt64 = 0
        var cappedClasses: [Int] = []
        var perSlot = [UInt64](repeating: 0, count: paid.count)
        for position in model.supporterStart[p]..<(model.supporterStart[p] + supporterCount[p]) {
            let c = Int(supporterClass[position]), w = UInt64(model.weight[c])
            if capped[c] {
                cappedWeight += w
                cappedClasses.append(c)
                for entry in model.ballotStart[c]..<model.ballotStart[c + 1] {
                    let j = Int(model.ballotProject[entry])
                    if slot[j] >= 0 { perSlot[slot[j]] += w * UInt64(model.ballotShare[entry]) }
                }
            } else {
                richShares += w * UInt64(supporterShare[position])
            }
        }
        precondition(richShares > 0, "MES: every supporter capped although the project is affordable")
        var numerator = denominator * UInt64(costs[p])
        for (k, amount) in perSlot.enumerated() where amount > 0 { numerator.add(paid[k], times: amount) }
        numerator = numerator - eNumerator * cappedWeight
        return ExactRho(numerator: numerator, shares: richShares, capped: cappedClasses)
    }

    // MARK: Funding

    private mutating func fund(_ winner: Winner) {
        let p = winner.project
        let range = model.supporterStart[p]..<(model.supporterStart[p] + supporterCount[p])
        // Bring t = numerator / (D * shares) onto a common denominator with everything else.
        let shares = winner.exact.shares
        let g = winner.exact.numerator.gcd(shares)
        let factor = shares / g
        let (reduced, remainder) = winner.exact.numerator.quotientAndRemainder(dividingBy: g)
        precondition(remainder == 0, "gcd does not divide")
        denominator.multiply(by: factor)
        eNumerator.multiply(by: factor)
        for k in paid.indices { paid[k].multiply(by: factor) }
        slot[p] = paid.count
        paid.append(reduced)
        let t = BigNatural.ratio(reduced, denominator)
        for c in winner.exact.capped { capped[c] = true }

        var fullPayers: Int64 = 0, partialPayers: Int64 = 0, partialPaid = 0.0
        let round = recording?.rounds.count ?? 0
        for position in range {
            let c = Int(supporterClass[position])
            if capped[c] {
                partialPayers += model.weight[c]
                partialPaid += Double(model.weight[c]) * budget[c]
                if recording != nil {
                    recording!.cappedRound[c] = round
                    recording!.cappedPaid[c] = budget[c]
                }
                alive[c] = false
                budget[c] = 0
                capped[c] = false
            } else {
                fullPayers += model.weight[c]
                budget[c] = max(0, budget[c] - t * Double(supporterShare[position]))
            }
        }
        budgetError += 8 * Self.unit * perVoterDouble
        recording?.rounds.append(.init(project: p, share: t, fullPayers: fullPayers,
                                       partialPayers: partialPayers, partialPaid: partialPaid))
    }
}
