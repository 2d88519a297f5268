import ArgumentParser
import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// `buurtstem tally`: the count and the allocation of a closed election.
struct TallyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally",
        abstract: "Count a closed election per contest and project, with turnout and void ballots."
    )

    @Option(help: "The election id.")
    var election: String

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try store.open()
        let tally = try Tally.count(election: election, store: store)
        let definition = try store.election(election).decodedDefinition()
        let seed = ElectionResult.lotSeed(logs: try store.finalLogHeads(election: election))
        let allocations = try tally.allocate(definition, lotSeed: seed)
        try output.emit(TallyView(tally: tally, allocations: allocations, lotSeed: Hex.encode(seed))) {
            tally.text(allocations: allocations, definition: definition)
        }
    }
}

/// The tally with its allocation, as printed with --json.
struct TallyView: Encodable {
    let tally: Tally
    let allocations: [ContestAllocation]
    let lotSeed: String
}

extension Tally {
    /// The count and the allocation as a readable report.
    func text(allocations: [ContestAllocation], definition: ElectionDefinition) -> String {
        var lines = ["Tally of \(election): \(ballotsInLogs) ballots in the logs, \(voids.count) void"]
        for (contest, allocation) in zip(contests, allocations) {
            lines.append("")
            lines.append("\(contest.area): \(contest.ballotsCounted) ballots from \(contest.passesIssued) passes "
                + "(turnout \(contest.turnoutPerMille / 10),\(contest.turnoutPerMille % 10) %), budget \(Money.format(contest.budgetCents))")
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
            lines.append("void: \(void.kiosk) #\(void.sequence): pass already voted at \(void.countedKiosk) #\(void.countedSequence)")
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
