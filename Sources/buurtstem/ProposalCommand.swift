import ArgumentParser
import Buurtstem
import BuurtstemRecord
import Foundation

/// `buurtstem proposal`: aanvragen from intake to decision (docs/proposals.md).
struct ProposalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proposal",
        abstract: "Receive, assess and follow residents' proposals (aanvragen); every step is a signed log entry.",
        discussion: """
        A proposal moves only forward: ontvangen -> in behandeling -> toegelaten | afgewezen -> op de stembrief | \
        besloten door wijkteam -> gefinancierd | niet gefinancierd -> in uitvoering -> uitgevoerd | gestopt; \
        ingetrokken until the funding decision. The initiatiefnemer's contact stays in the store: it is never logged, \
        exported or shown without --with-contact.
        """,
        subcommands: [Add.self, Import.self, List.self, Show.self, Move.self, Withdraw.self,
                      Criteria.self, DeclareInterest.self, Assess.self, Decide.self, DecideByWijkteam.self, Pay.self, Result.self]
    )

    /// `buurtstem proposal add`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register one aanvraag (status: ontvangen).")

        @Option(help: "A short title.")
        var title: String

        @Option(help: "What it is and why.")
        var description: String = ""

        @Option(help: "How the gemeente reaches the initiatiefnemer (kept in the store, never published).")
        var contact: String

        @Option(help: "The buurt or wijk it is for (CBS code, BU + 8 or WK + 6 digits).")
        var area: String

        @Option(help: "The requested amount in euros, e.g. 1250.00: the sum of the --cost items.")
        var amount: String

        @Option(help: "One cost item as NAME=AMOUNT, e.g. Materiaal=450.00 (repeat for each).")
        var cost: [String] = []

        @Option(help: "Eigen inbreng: hours of residents' own work.")
        var ownHours: Int64 = 0

        @Option(help: "Eigen inbreng: money in euros.")
        var ownMoney: String = "0"

        @Option(help: "A co-funder as NAME=AMOUNT, e.g. 'Woonstichting=200' (repeat for each).")
        var coFunder: [String] = []

        @Option(help: "A wijkperspectief goal it serves (repeat for each).")
        var goal: [String] = []

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            func amounts(_ items: [String], option: String) throws -> [ProposalAmount] {
                try items.map { item in
                    guard let amount = ProposalDraft.amount(item) else {
                        throw ValidationError("\(option) '\(item)' is not NAME=AMOUNT with an amount in euros above 0, e.g. \(option) Materiaal=450.00")
                    }
                    return amount
                }
            }
            guard let own = Money.cents(ownMoney) else {
                throw ValidationError("--own-money '\(ownMoney)' is not an amount in euros, e.g. 150.00")
            }
            let draft = ProposalDraft(
                title: title, description: description, contact: contact, area: area,
                requestedCents: try Money.parse(amount, what: "--amount"), costs: try amounts(cost, option: "--cost"),
                ownHours: ownHours, ownCents: own, coFunders: try amounts(coFunder, option: "--co-funder"), goals: goal)
            let proposal = try Proposal.add(draft, to: try store.open(), source: "buurtstem proposal add", label: \.option,
                                            now: try commandClock())
            let shown = try ProposalDetails.show(proposal.id ?? 0, in: try store.open())
            try output.emit(shown) {
                "Received proposal \(shown.id) '\(shown.title)' for \(shown.area) \(shown.areaName): \(Money.format(shown.requestedCents)) requested; status: \(shown.statusText)."
            }
        }
    }

    /// `buurtstem proposal list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the proposals with their status.")

        @Option(help: "Only proposals with this status (e.g. in_review, or the Dutch 'in behandeling').")
        var status: ProposalStatus?

        @Flag(help: "Show the initiatiefnemers' contacts (gemeente staff only; never publish them).")
        var withContact = false

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let list = try ProposalDetails.list(in: try store.open(), status: status, includeContact: withContact)
            try output.emit(list) {
                guard !list.isEmpty else { return "No proposals: 'buurtstem proposal add' or 'proposal import' registers them." }
                return list.map {
                    "\($0.id)  \($0.area) \($0.areaName)  '\($0.title)'  \(Money.format($0.requestedCents))  \($0.statusText)"
                        + ($0.contact.map { "  contact: \($0)" } ?? "")
                }.joined(separator: "\n")
            }
        }
    }

    /// `buurtstem proposal show`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one proposal: details, decision and history.")

        @Option(help: "The proposal's id.")
        var id: Int64

        @Flag(help: "Show the initiatiefnemer's contact (gemeente staff only).")
        var withContact = false

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let shown = try ProposalDetails.show(id, in: try store.open(), includeContact: withContact)
            try output.emit(shown) {
                var lines = ["Proposal \(shown.id): \(shown.title)", "Area: \(shown.area) \(shown.areaName)", "Status: \(shown.statusText)",
                             "Requested: \(Money.format(shown.requestedCents))"]
                lines += shown.costs.map { "  - \($0.name): \(Money.format($0.cents))" }
                lines.append("Eigen inbreng: \(shown.ownHours) uur, \(Money.format(shown.ownCents))")
                lines += shown.coFunders.map { "Co-funder \($0.name): \(Money.format($0.cents))" }
                lines += shown.goals.map { "Goal: \($0)" }
                if !shown.description.isEmpty { lines.append(shown.description) }
                if let contact = shown.contact { lines.append("Contact (never publish): \(contact)") }
                if let decision = shown.decision { lines.append("Besluit:\n\(decision)") }
                if let funding = shown.fundingDecision {
                    lines.append("Funding decision (\(funding.route == .decidedByWijkteam ? "by the wijkteam" : "by the stemdag's result")):\n\(funding.reasons)")
                }
                if shown.paidCents > 0 || shown.returnedCents != nil {
                    lines.append("Paid: \(Money.format(shown.paidCents))" + (shown.returnedCents.map { ", flowing back: \(Money.format($0))" } ?? ""))
                }
                lines.append("History:")
                lines += (shown.history ?? []).map { "  #\($0.sequence)  \($0.text)" }
                return lines.joined(separator: "\n")
            }
        }
    }

    /// `buurtstem proposal move`.
    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a proposal one named step forward.",
            discussion: "Steps: in_review, on_ballot, decided_by_wijkteam, funded, not_funded, in_execution, completed, stopped, withdrawn (or their Dutch names). admitted and rejected come only from 'proposal decide'; the wijkteam's funded or not funded only from 'proposal decide-by-wijkteam', with its reasons."
        )

        @Option(help: "The proposal's id.")
        var id: Int64

        @Option(help: "The next step, e.g. in_review or 'op de stembrief'.")
        var to: ProposalStatus

        @Option(help: "Why, in plain Dutch (published).")
        var note: String = ""

        @Option(help: "With --to funded: the amount in euros it is funded at, when less than requested (a cap, a partial grant).")
        var fundedAmount: String?

        @Option(help: "With --funded-amount below the requested amount: why, in plain Dutch (published).")
        var reason: String = ""

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let proposal: Proposal
            if to == .funded {
                proposal = try Proposal.fund(id, amountCents: try fundedAmount.map { try Money.parse($0, what: "--funded-amount") }, reason: reason,
                                             note: note, in: try store.open(), now: try commandClock())
            } else {
                guard fundedAmount == nil else { throw ValidationError("--funded-amount goes with --to funded only") }
                proposal = try Proposal.move(id, to: to, note: note, in: try store.open(), now: try commandClock())
            }
            let shown = try ProposalDetails.show(id, in: try store.open())
            try output.emit(shown) { "Proposal \(id) '\(proposal.title)' is now: \(proposal.status.dutch)." }
        }
    }

    /// `buurtstem proposal withdraw`.
    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a proposal (ingetrokken), possible until the funding decision.")

        @Option(help: "The proposal's id.")
        var id: Int64

        @Option(help: "Why, in plain Dutch (published).")
        var note: String = ""

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let proposal = try Proposal.withdraw(id, note: note, in: try store.open(), now: try commandClock())
            let shown = try ProposalDetails.show(id, in: try store.open())
            try output.emit(shown) { "Proposal \(id) '\(proposal.title)' is withdrawn (ingetrokken)." }
        }
    }
}
