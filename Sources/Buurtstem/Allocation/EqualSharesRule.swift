import BuurtstemCrypto
import Foundation

/// The Method of Equal Shares with its completions (none, greedy top-up, and both Add1 loops).
struct EqualSharesRule: Sendable {
    let model: EqualSharesModel
    let constraints: AllocationConstraints

    private var election: AllocationInput { model.election }

    /// The money unit Add1 adds per step: one whole currency unit.
    private var currencyUnit: UInt64 {
        var unit: UInt64 = 1
        for _ in 0..<election.moneyScale { unit *= 10 }
        return unit
    }

    func run(_ perVoter: VoterBudget, record: Bool = false) -> EqualSharesRunResult {
        var run = EqualSharesRun(model: model, perVoter: perVoter, constraints: constraints, record: record)
        return run.run()
    }

    /// The steps k = 1, 2, 3, ... of an Add1 loop in batches of one per core. The loop's runs are independent
    /// (each starts from scratch), so a batch runs in parallel and is then read in order; runs past the
    /// stopping point are discarded, so the outcome and the run count are those of the sequential loop.
    private func batches() -> some Sequence<[UInt64]> {
        let width = UInt64(max(1, ProcessInfo.processInfo.activeProcessorCount))
        return sequence(first: Array(1...width)) { previous in previous.map { $0 + width } }
    }

    /// One MES run per budget, in parallel, results in the same order.
    private func runAll(_ budgets: [VoterBudget]) -> [EqualSharesRunResult] {
        guard budgets.count > 1 else { return budgets.map { run($0) } }
        return ParallelMap.each(budgets.count) { run(budgets[$0]) }
    }

    /// Whether no candidate outside `selected` still fits in what `selected` leaves of the budget
    /// (and within the category and area budgets).
    func isExhaustive(_ selected: [Int], cost: Int64) -> Bool {
        let chosen = Set(selected)
        var ledger = ConstraintLedger(election: election, constraints: constraints)
        for p in selected { ledger.record(p) }
        let left = election.budget - cost
        return !model.candidates.contains { !chosen.contains($0) && election.projects[$0].cost <= left && ledger.brokenLimit($0) == nil }
    }

    /// The MES outcome under `completion`, with the run that was kept and a report.
    func allocate(completion: Completion, record: Bool) throws(AllocationError)
        -> (run: EqualSharesRunResult, perVoter: VoterBudget, report: EqualSharesReport)
    {
        let n = UInt64(election.voterCount), budget = UInt64(election.budget)
        guard n > 0 else {
            let empty = EqualSharesRunResult(selected: [], totalCost: 0, record: nil)
            return (empty, VoterBudget(0, over: 1), EqualSharesReport(runs: 0, perVoterBudget: "0", exhaustive: true))
        }
        let start = VoterBudget(budget, over: n)
        var runs = 1
        var kept = start
        var outcome = run(start)
        switch completion {
        case .none, .greedy:
            break
        case .add1Exhaustive:
            // pabutools: B/n + k; stop at an exhaustive outcome, or fall back to the previous one on overshoot.
            guard outcome.totalCost <= election.budget, !isExhaustive(outcome.selected, cost: outcome.totalCost) else { break }
            runLoop: for batch in batches() {
                let budgets = batch.map { VoterBudget(budget + $0 * currencyUnit * n, over: n) }
                for (next, candidate) in zip(budgets, runAll(budgets)) {
                    runs += 1
                    if candidate.totalCost > election.budget { break runLoop }
                    outcome = candidate
                    kept = next
                    if isExhaustive(candidate.selected, cost: candidate.totalCost) { break runLoop }
                }
            }
        case .add1:
            // pabulib-checker: floor(B/n) + k whole units; keep going while the outcome stays within B, and stop
            // once everything is funded (the checker itself would loop forever there).
            let base = budget / n / currencyUnit * currencyUnit
            let everything = model.candidates.count + model.freeProjects.count
            // Once a voter holds more than all projects cost together, nobody can run out and the outcome no longer
            // changes: with caps (or category budgets) some candidates may never be funded and no outcome may ever
            // exceed B, so the loop stops there too.
            let ceiling = UInt64(election.projects.reduce(Int64(0)) { $0 + $1.cost })
            guard outcome.selected.count < everything, base < ceiling else { break }
            runLoop: for batch in batches() {
                let budgets = batch.map { VoterBudget(base + $0 * currencyUnit, over: 1) }
                for (step, (next, candidate)) in zip(batch, zip(budgets, runAll(budgets))) {
                    runs += 1
                    if candidate.totalCost > election.budget { break runLoop }
                    outcome = candidate
                    kept = next
                    if candidate.selected.count == everything || base + step * currencyUnit >= ceiling { break runLoop }
                }
            }
        }
        let exhaustive = isExhaustive(outcome.selected, cost: outcome.totalCost)
        if record { outcome = run(kept, record: true) }
        let shown = kept.denominator == 1 ? election.format(Int64(kept.numerator)) : exactFraction(kept)
        return (outcome, kept, EqualSharesReport(runs: runs, perVoterBudget: shown, exhaustive: exhaustive))
    }

    /// A per-voter budget in currency units, exactly: `3571/3`, or `3571/300` with cents.
    private func exactFraction(_ value: VoterBudget) -> String {
        let scaled = VoterBudget(value.numerator, over: value.denominator * currencyUnit)
        return scaled.description
    }

    /// The reasons for every project, from the recorded kept run.
    func explain(_ run: EqualSharesRunResult, perVoter: VoterBudget) -> [Int: ExplanationReason] {
        guard let record = run.record else { return [:] }
        var reasons: [Int: ExplanationReason] = [:]
        let perVoterBudget = election.approximate(Double(perVoter.numerator) / Double(perVoter.denominator))
        let perPoint = model.satisfaction == .cardinal
        var roundOf: [Int: Int] = [:]
        for (index, round) in record.rounds.enumerated() {
            roundOf[round.project] = index
            reasons[round.project] = .equalSharesFunded(
                round: index + 1, supporters: election.approvalCounts[round.project],
                fullPayers: round.fullPayers, share: ReasonShare(amount: election.approximate(round.share), perPoint: perPoint),
                partialPayers: round.partialPayers, partialPaid: election.approximate(round.partialPaid), perVoterBudget: perVoterBudget)
        }
        for p in model.freeProjects where run.selected.contains(p) {
            reasons[p] = .equalSharesFree(supporters: election.approvalCounts[p])
        }
        let candidates = Set(model.candidates)
        for p in election.projects.indices where reasons[p] == nil {
            guard candidates.contains(p) else {
                reasons[p] = .equalSharesNoCandidate(supporters: election.approvalCounts[p],
                                                     cost: election.readable(election.projects[p].cost))
                continue
            }
            var left = 0.0
            var spent: [Int: Double] = [:]
            for position in model.supporterStart[p]..<model.supporterStart[p + 1] {
                let c = Int(model.supporterClass[position]), w = Double(model.weight[c])
                left += w * record.finalBudget[c]
                for entry in model.ballotStart[c]..<model.ballotStart[c + 1] {
                    let j = Int(model.ballotProject[entry])
                    guard let r = roundOf[j] else { continue }
                    let cappedAt = record.cappedRound[c]
                    if cappedAt == r {
                        spent[j, default: 0] += w * record.cappedPaid[c]
                    } else if cappedAt == -1 || cappedAt > r {
                        spent[j, default: 0] += w * record.rounds[r].share * Double(model.ballotShare[entry])
                    }
                }
            }
            let top = spent.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
            reasons[p] = .equalSharesUnaffordable(
                supporters: election.approvalCounts[p], cost: election.readable(election.projects[p].cost),
                supportersLeft: election.approximate(left),
                spentOn: top.map { Spending(project: election.projects[$0.key].id, amount: election.approximate($0.value)) },
                perVoterBudget: perVoterBudget)
        }
        return reasons
    }
}
