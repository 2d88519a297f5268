import ArgumentParser
import Buurtstem
import Foundation

extension ProposalCommand {
    /// `buurtstem proposal pay`.
    struct Pay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pay a funded proposal for a milestone delivered (a published log entry).",
            discussion: "Only a proposal that is gefinancierd or in uitvoering is paid, and its payments never add up to more than the funded amount (the requested amount, or less when 'proposal move --to funded --funded-amount' said so); what is not paid when it is uitgevoerd or gestopt flows back."
        )

        @Option(help: "The proposal's id.")
        var id: Int64

        @Option(help: "The amount in euros, e.g. 1500.00.")
        var amount: String

        @Option(help: "What was delivered, e.g. 'toestellen geplaatst' (published).")
        var milestone: String

        @Option(help: "A reference to evidence, e.g. a photo's file name or address (published).")
        var evidence: String = ""

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let payment = try ProposalPayment.pay(proposal: id, amountCents: try Money.parse(amount, what: "--amount"), milestone: milestone,
                                                  evidence: evidence, in: try store.open(), now: try commandClock())
            let shown = try ProposalDetails.show(id, in: try store.open())
            try output.emit(payment) {
                "Paid \(Money.format(payment.amountCents)) to proposal \(id) for '\(payment.milestone)': \(Money.format(shown.paidCents)) of \(Money.format(shown.fundedCents ?? shown.requestedCents)) paid."
            }
        }
    }
}
