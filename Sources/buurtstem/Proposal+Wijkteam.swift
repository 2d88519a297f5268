import ArgumentParser
import Buurtstem
import Foundation

extension ProposalCommand {
    /// `buurtstem proposal decide-by-wijkteam`.
    struct DecideByWijkteam: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decide-by-wijkteam",
            abstract: "The wijkteam decides a toegelaten aanvraag directly, without a vote: gefinancierd or niet gefinancierd, with its reasons.",
            discussion: """
            Moves the aanvraag to besloten door wijkteam (if it is not there yet) and on to gefinancierd or niet \
            gefinancierd, in one step. The reasons are published in the signed log with the assessors who declared an \
            interest in it; buurtstem-verify checks that they are there. A wijkteam decision is taken only this way.
            """
        )

        @Option(help: "The proposal's id.")
        var id: Int64

        @Flag(exclusivity: .exclusive, help: "The wijkteam's decision.")
        var verdict: Verdict

        @Option(help: "Why, in plain Dutch: the initiatiefnemer reads it and it is published.")
        var reason: String

        @Option(help: "With --fund: the amount in euros it is funded at, when less than requested (a cap, a partial grant); --reason says why.")
        var fundedAmount: String?

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        /// `--fund` or `--not-fund`.
        enum Verdict: String, EnumerableFlag {
            case fund, notFund
        }

        func run() throws {
            guard verdict == .fund || fundedAmount == nil else { throw ValidationError("--funded-amount goes with --fund only") }
            let decision = try ProposalDecision.decideByWijkteam(
                proposal: id, funded: verdict == .fund, reasons: reason,
                fundedCents: try fundedAmount.map { try Money.parse($0, what: "--funded-amount") }, in: try store.open(), now: try commandClock())
            try output.emit(decision) {
                "Proposal \(id): \(decision.outcome.dutch) by the wijkteam"
                    + (decision.fundedCents.map { " at \(Money.format($0))" } ?? "") + ".\n\(decision.reasons)"
            }
        }
    }
}
