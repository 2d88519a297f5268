import ArgumentParser
import Buurtstem
import BuurtstemRecord
import Foundation

extension ProposalCommand {
    /// `buurtstem proposal result`.
    struct Result: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "After a closed election, move its aanvragen to gefinancierd or niet gefinancierd by the published rule.",
            discussion: "Takes the outcome from the one tally (as 'buurtstem tally'); each move is logged with the allocation's reason. All or nothing."
        )

        @Option(help: "The closed election's id.")
        var election: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let moved = try ProposalBallot.applyResult(election: election, in: try store.open(), now: try commandClock())
            let lines = moved.keys.sorted().map { ProposalLine(id: $0, status: moved[$0]!) }
            try output.emit(lines) {
                lines.map { "Proposal \($0.id): \($0.status.dutch)" }.joined(separator: "\n")
            }
        }

        /// One proposal's new status.
        struct ProposalLine: Encodable {
            let id: Int64
            let status: ProposalStatus
        }
    }
}
