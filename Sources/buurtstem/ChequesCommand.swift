import ArgumentParser
import Buurtstem
import Foundation

/// `buurtstem cheques`: Ede-style cheque rounds.
struct ChequesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cheques",
        abstract: "Cheque rounds: create, issue, redeem, checkpoint, settle and export.",
        discussion: """
        A round gives every household of a register snapshot one cheque (a typeable code and a QR code) to give to \
        a residents' initiative. Typical order: round create, issue, initiative add, round publish (the signed \
        pre-publication whose fingerprint goes on every letter; initiatives are fixed from then on), redeem (online, \
        paper, kiosk; one code or a file of codes; each redemption signed with the cheque's own key), checkpoint now \
        and then, settle after the valid-until day, export.
        """,
        subcommands: [Round.self, Issue.self, Redeem.self, Checkpoint.self, Settle.self, Report.self, Export.self, Check.self]
    )

    /// `buurtstem cheques round`.
    struct Round: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create, list, show and pre-publish cheque rounds.",
            subcommands: [Create.self, List.self, Show.self, Publish.self]
        )
    }
}

/// The key options of commands that sign for a round.
struct RoundKeyOptions: ParsableArguments {
    @Option(help: "The gemeente's sealed issuing key (default: next to the database, NAME-issuing.key).")
    var key: String?

    @Option(help: "The round's sealed ledger key (default: next to the database, NAME-ledger-ROUND.key).")
    var ledgerKey: String?

    /// The ledger key file of `round` for the database `db`.
    func ledgerKeyPath(db: String, round: String) -> String {
        ledgerKey ?? ChequeRound.defaultLedgerKeyPath(forDatabase: db, round: round)
    }
}

/// The time commands act at: now, or `BUURTSTEM_NOW` (ISO 8601) for rehearsals and tests, announced on stderr.
func commandClock() throws -> Date {
    guard let text = ProcessInfo.processInfo.environment["BUURTSTEM_NOW"] else { return Date() }
    guard let date = try? Date(text, strategy: .iso8601) else {
        throw CommandError("BUURTSTEM_NOW '\(text)' is not an ISO 8601 time such as 2026-07-01T10:00:00Z; unset it to use the clock")
    }
    printError("note: the time is taken from BUURTSTEM_NOW: \(date.formatted(.iso8601))")
    return date
}

/// Prints a line on stderr.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

extension ChequesCommand.Round {
    /// `buurtstem cheques round create`.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a cheque round over a register snapshot.",
            discussion: """
            Every household of the snapshot will get one cheque worth --value (in euros, e.g. 7.50). Cheques can be \
            redeemed from the start of --issue-date through the end of --valid-until (Dutch time), for initiatives \
            in the household's own buurt, own wijk or anywhere in the gemeente (--scope).
            """
        )

        @Option(help: "The round's id: lower-case letters, digits and hyphens, e.g. 2026-voorjaar.")
        var id: String

        @Option(help: "Each cheque's value in euros, e.g. 7.50.")
        var value: String

        @Option(help: "The day the cheques are delivered, YYYY-MM-DD.")
        var issueDate: String

        @Option(help: "The last day a cheque can be redeemed, YYYY-MM-DD.")
        var validUntil: String

        @Option(help: "Where cheques may go.")
        var scope: ChequeScope

        @Option(help: "The register snapshot (default: the latest).")
        var snapshot: Int64?

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let round = try ChequeRound.create(
                in: try store.open(), id: id, valueCents: try Money.parse(value, what: "--value"),
                issueDate: issueDate, validUntil: validUntil, scope: scope, snapshot: snapshot)
            try output.emit(round) {
                """
                Created cheque round \(round.id) over register snapshot \(round.snapshotId): EUR \(Money.plain(round.valueCents)) \
                per household, valid \(round.issueDate) through \(round.validUntil), for initiatives in the household's \(round.scope.rawValue).
                Next: buurtstem cheques issue --round \(round.id) --print-to DIR --addresses REGISTER.csv
                """
            }
        }
    }

    /// `buurtstem cheques round list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the cheque rounds.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let statuses = try store.chequeRounds().map { try ChequeRoundStatus.load($0.id, from: store) }
            try output.emit(statuses) {
                guard !statuses.isEmpty else { return "No cheque rounds yet: 'buurtstem cheques round create' makes one." }
                return statuses.map(\.line).joined(separator: "\n")
            }
        }
    }

    /// `buurtstem cheques round show`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a round: its terms, issue, redemptions and settlement.")

        @Option(help: "The round's id.")
        var round: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let status = try ChequeRoundStatus.load(round, from: try store.open())
            try output.emit(status) { status.text }
        }
    }
}

extension ChequeRoundStatus {
    /// One line for `round list`.
    var line: String {
        "\(round.id)  EUR \(Money.plain(round.valueCents))  \(round.issueDate)..\(round.validUntil)  scope \(round.scope.rawValue)  "
            + "snapshot \(round.snapshotId)  \(state)"
    }

    private var state: String {
        if settled { return "settled" }
        guard let issued else { return "not issued" }
        return "\(issued) cheques issued, \(redeemed) redeemed"
    }

    /// The text of `round show`.
    var text: String {
        var lines = ["Cheque round \(round.id): EUR \(Money.plain(round.valueCents)) per household, scope \(round.scope.rawValue)",
                     "  valid:        \(round.issueDate) through \(round.validUntil) (Dutch time)",
                     "  snapshot:     \(round.snapshotId)"]
        if let issued {
            lines.append("  issued:       \(issued) cheques, EUR \(Money.plain(issuedCents))")
            lines.append("  redeemed:     \(redeemed) cheques, EUR \(Money.plain(redeemedCents))")
            lines.append("  initiatives:  \(initiatives)")
            lines.append("  checkpoints:  \(checkpoints)")
            lines.append(fingerprint.map { "  pre-published, fingerprint \($0)" }
                ?? "  not pre-published: buurtstem cheques round publish --round \(round.id) --out DIR, before the first redemption")
        } else {
            lines.append("  not issued yet: buurtstem cheques issue --round \(round.id) --print-to DIR")
        }
        lines.append(settled ? "  settled: see buurtstem cheques settle --round \(round.id)" : "  not settled")
        return lines.joined(separator: "\n")
    }
}

