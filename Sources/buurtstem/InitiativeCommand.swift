import ArgumentParser
import Buurtstem
import Foundation

/// `buurtstem initiative`: residents' initiatives that collect cheques.
struct InitiativeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "initiative",
        abstract: "Register initiatives that collect cheques, and see what they collected.",
        subcommands: [Add.self, List.self]
    )

    /// `buurtstem initiative add`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register an initiative for a cheque round, or make a toegelaten aanvraag one.",
            discussion: """
            The initiative collects cheques until the end of --deadline (within the round's validity). At settlement \
            it is funded with what it collected if that reached --target. The initiator's --contact is kept for the \
            gemeente only: it is never exported or published.

            With --from-proposal N a toegelaten aanvraag becomes the initiative: its title, description, requested \
            amount (the target) and contact come from the aanvraag, which moves to 'op de stembrief' with a note naming \
            the round. --buurt may be left out for an aanvraag for one buurt; for a wijk it names a buurt of that wijk. \
            Settling the round moves the aanvraag to gefinancierd or niet gefinancierd (docs/proposals.md).
            """
        )

        @Option(help: "The cheque round's id.")
        var round: String

        @Option(help: "A toegelaten aanvraag (proposal id) that becomes the initiative.")
        var fromProposal: Int64?

        @Option(help: "The buurt the initiative is for (CBS code, BU + 8 digits); with --from-proposal, the aanvraag's own buurt when left out.")
        var buurt: String?

        @Option(help: "A short title (not with --from-proposal).")
        var title: String?

        @Option(help: "A short description.")
        var description: String?

        @Option(help: "The amount needed in euros, e.g. 150.00 (not with --from-proposal: its requested amount).")
        var target: String?

        @Option(help: "The last day of collecting, YYYY-MM-DD.")
        var deadline: String

        @Option(help: "How the gemeente reaches the initiator (never published).")
        var contact: String?

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if fromProposal != nil {
                let given = [("--title", title), ("--description", description), ("--target", target), ("--contact", contact)]
                    .filter { $0.1 != nil }.map(\.0)
                guard given.isEmpty else {
                    throw ValidationError("--from-proposal takes the title, description, target and contact from the aanvraag; drop \(given.joined(separator: ", "))")
                }
            } else {
                let missing = [("--buurt", buurt), ("--title", title), ("--target", target)].filter { $0.1 == nil }.map(\.0)
                guard missing.isEmpty else {
                    throw ValidationError("give \(missing.joined(separator: ", ")), or --from-proposal N to take them from a toegelaten aanvraag")
                }
            }
        }

        func run() throws {
            let store = try store.open()
            let now = try commandClock()
            let initiative = if let fromProposal {
                try ProposalInitiative.add(proposal: fromProposal, round: round, buurt: buurt, deadline: deadline, in: store, now: now)
            } else {
                try Initiative.add(
                    to: store, round: round, buurt: buurt ?? "", title: title ?? "", description: description ?? "",
                    targetCents: try Money.parse(target ?? "", what: "--target"), deadline: deadline, contact: contact, now: now)
            }
            var shown = initiative
            shown.contact = nil
            try output.emit(shown) {
                """
                Registered initiative \(initiative.id ?? 0) '\(initiative.title)' in \(initiative.buurtCode) for round \(initiative.roundId): \
                target EUR \(Money.plain(initiative.targetCents)), collecting through \(initiative.deadline).
                """
                    + (fromProposal.map { "\nProposal \($0) is now 'op de stembrief' of this round; settling the round decides it.\n" } ?? "\n")
                    + "Cheques go to it with: buurtstem cheques redeem --initiative \(initiative.id ?? 0) --code CODE"
            }
        }
    }

    /// `buurtstem initiative list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List initiatives with the cheques and amount they collected.")

        @Option(help: "Only this round's initiatives.")
        var round: String?

        @Flag(help: "Show the initiators' contacts (gemeente staff only; never publish them).")
        var withContact = false

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let list = try InitiativeStanding.list(in: try store.open(), round: round, includeContact: withContact, now: try commandClock())
            try output.emit(list) {
                guard !list.isEmpty else { return "No initiatives yet: 'buurtstem initiative add' registers one." }
                return list.map { item in
                    "\(item.id)  \(item.round)  \(item.buurt) \(item.buurtName)  '\(item.title)'  "
                        + "EUR \(Money.plain(item.collectedCents)) of \(Money.plain(item.targetCents)) "
                        + "(\(item.cheques) cheques)  until \(item.deadline)  \(item.state.rawValue)"
                        + (item.contact.map { "  contact: \($0)" } ?? "")
                }.joined(separator: "\n")
            }
        }
    }
}
