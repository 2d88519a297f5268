import ArgumentParser
import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// `buurtstem tally`: the count and the allocation of a closed election.
struct TallyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally",
        abstract: "Count a closed election per contest and project, with turnout and void ballots.",
        discussion: """
        Also shows the money per wijk against its cap, and, for an election with a weighting, the outcome with and \
        without the weighting side by side with what each wijk gains or loses (docs/elections.md). With --plan, \
        every funded project is split across the plan's funders by their shares, in whole cents (largest \
        remainder; docs/budgets.md). Nothing is stored.
        """
    )

    @Option(help: "The election id.")
    var election: String

    @Option(help: "A budget plan (YAML, docs/budgets.md) whose funders pay the funded projects by their shares.")
    var plan: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try store.open()
        let outcome = try ElectionOutcome.compute(election: election, store: store)
        let (tally, definition, allocations, seed) = (outcome.tally, outcome.definition, outcome.allocations, outcome.lotSeed)
        let names = try store.wijkNames()
        let areas = AreaFunding.lines(definition, allocations: allocations, names: names)
        let comparison = outcome.weightingComparison(names: names)
        var coFunding: CoFunding?
        if let plan {
            let text = try readText(plan)
            let items = zip(definition.contests, allocations).flatMap { contest, allocation in
                contest.projects.filter { allocation.funded.contains($0.id) }.map {
                    CoFunding.Item(id: $0.id, title: $0.title, area: contest.wijk(of: $0), costCents: $0.costCents)
                }
            }
            coFunding = try CoFunding(items: items, plan: try BudgetPlanFile.parse(text, file: plan))
        }
        let view = TallyView(tally: tally, allocations: allocations, lotSeed: Hex.encode(seed), areas: areas,
                             weighting: comparison, coFunding: coFunding)
        try output.emit(view) {
            var parts = [tally.text(allocations: allocations, definition: definition)]
            if definition.contests.contains(where: { $0.caps != nil }) { parts.append(AreaFunding.text(areas)) }
            if let comparison { parts.append(comparison.text) }
            if let coFunding { parts.append(coFunding.text) }
            return parts.joined(separator: "\n\n")
        }
    }
}

/// The tally with its allocation, as printed with --json.
struct TallyView: Encodable {
    let tally: Tally
    let allocations: [ContestAllocation]
    let lotSeed: String
    /// Money per wijk against its cap.
    let areas: [AreaFunding]
    /// With a weighting: both outcomes side by side.
    let weighting: WeightingComparison?
    /// With --plan: every funded project split across the funders.
    let coFunding: CoFunding?
}

extension Tally {
    /// The count and the allocation as a readable report.
    func text(allocations: [ContestAllocation], definition: ElectionDefinition) -> String {
        var lines = ["Tally of \(election): \(ballotsInLogs) ballots in the logs, \(voids.count) void"]
        for (contest, allocation) in zip(contests, allocations) {
            lines.append("")
            lines.append("\(contest.area): \(contest.ballotsCounted) ballots from \(contest.passesIssued) passes "
                + "(turnout \(Percent.text(Int64(contest.ballotsCounted), of: Int64(contest.passesIssued)))), budget \(Money.format(contest.budgetCents))"
                + (contest.invalidBallots == 0 ? "" : "; \(contest.invalidBallots) invalid (secret ballots: a failing proof or plaintext)"))
            for project in contest.projects.sorted(by: { $0.points > $1.points }) {
                let funded = allocation.funded.contains(project.id) ? "funded" : "      "
                lines.append("  \(funded)  \(project.id.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(project.points).leftPadded(6))  "
                    + "\(Money.format(project.costCents).leftPadded(14))  \(project.title)")
            }
            lines.append("  funded: \(Money.format(allocation.fundedCostCents)) of \(Money.format(contest.budgetCents)) "
                + "by rule \(definition.allocation.rule) (tie-break \(definition.allocation.tieBreak))")
            for explanation in allocation.explanations {
                lines.append("    \(explanation.project): \(explanation.summary)")
            }
        }
        for void in voids {
            lines.append("void: \(void.kiosk) #\(void.sequence): \(void.why)")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The text right-aligned in `width` characters.
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
