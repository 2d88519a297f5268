import ArgumentParser
import Buurtstem
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
        let tally = try Tally.count(election: election, store: try store.open())
        try output.emit(tally) { tally.text }
    }
}

extension Tally {
    /// The count as a readable report.
    var text: String {
        var lines = ["Tally of \(election): \(ballotsInLogs) ballots in the logs, \(voids.count) void"]
        for contest in contests {
            lines.append("")
            lines.append("\(contest.area): \(contest.ballotsCounted) ballots from \(contest.passesIssued) passes "
                + "(turnout \(contest.turnoutPerMille / 10),\(contest.turnoutPerMille % 10) %), budget \(Money.format(contest.budgetCents))")
            for project in contest.projects.sorted(by: { $0.points > $1.points }) {
                lines.append("  \(project.id.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(project.points).leftPadded(6))  "
                    + "\(Money.format(project.costCents).leftPadded(14))  \(project.title)")
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
