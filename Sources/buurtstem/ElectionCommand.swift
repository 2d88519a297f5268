import ArgumentParser
import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// `buurtstem election`: election definitions.
struct ElectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "election",
        abstract: "Create and inspect elections (wijkstemdag, buurtbegroting).",
        subcommands: [Create.self, List.self, Show.self, Publish.self]
    )

    /// `buurtstem election create FILE`.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check an election definition file and store it, signed with the issuing key.",
            discussion: "The file format is described in docs/elections.md; examples are in Ballots/."
        )

        @Argument(help: "The election definition (YAML).")
        var file: String

        @Flag(help: "Add every toegelaten aanvraag as a project of the contest whose area holds it, and move it to 'op de stembrief' (docs/proposals.md).")
        var fromProposals = false

        @OptionGroup var store: StoreOptions
        @OptionGroup var key: IssuingKeyOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let text = try readText(file)
            let definition: ElectionDefinition, election: Election
            var note = ""
            if fromProposals {
                let outcome = try ProposalBallot.create(text, file: file, issuingKey: try key.unseal(store, database: self.store.db), in: store,
                                                        now: try commandClock())
                (definition, election) = (outcome.definition, outcome.election)
                note = "  on the ballot from aanvragen: \(outcome.onBallot.map(String.init).joined(separator: ", "))"
                    + (outcome.leftOut.isEmpty ? "" : "; toegelaten but in no contest's area: \(outcome.leftOut.map(String.init).joined(separator: ", "))") + "\n"
            } else {
                let parsed = try ElectionFile.parseWithKey(text, file: file, store: store)
                definition = parsed.definition
                election = try Election.create(definition, electionKeyFile: parsed.electionKeyFile,
                                               issuingKey: try key.unseal(store, database: self.store.db), in: store)
                if let secret = definition.secretBallot {
                    note = "  secret ballots: encrypted under the election key of \(secret.trustees) trustees (\(secret.threshold) decrypt), "
                        + "\(secret.width) point(s) per ballot\n"
                } else {
                    note = "  public ballots: stemmen zijn openbaar per stempas (no secret_ballot in the definition)\n"
                }
            }
            try output.emit(ElectionView(election: election, definition: definition)) {
                "Election \(definition.id) created and signed: \(definition.title)\n" + note
                    + "  \(definition.contests.count) contest(s), \(definition.contests.reduce(0) { $0 + $1.projects.count }) projects, "
                    + "ballot \(definition.ballot.name), rule \(definition.allocation.rule) (tie-break \(definition.allocation.tieBreak))\n"
                    + "  definition hash \(Hex.encode(definition.hash))\n"
                    + "Next: buurtstem kiosk add --election \(definition.id) --name NAME, and buurtstem stempas issue --election \(definition.id) --print-to DIR"
            }
        }
    }

    /// `buurtstem election list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the elections and where each stands.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let elections = try store.open().elections()
            let views = try elections.map { ElectionView(election: $0, definition: try $0.decodedDefinition()) }
            try output.emit(views) {
                views.isEmpty ? "No elections yet." : views.map { "\($0.id)  \($0.state)  \($0.title)" }.joined(separator: "\n")
            }
        }
    }

    /// `buurtstem election show ID`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an election's contests, projects and state.")

        @Option(help: "The election id.")
        var election: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let stored = try store.open().election(election)
            let view = ElectionView(election: stored, definition: try stored.decodedDefinition())
            try output.emit(view) { view.text }
        }
    }
}

/// An election as shown to people and scripts.
struct ElectionView: Encodable {
    let id: String
    let title: String
    let state: String
    let definitionHash: String
    let definition: ElectionDefinition
    /// `secret` (the definition names an election key) or `public` (stemmen zijn openbaar per stempas).
    let ballots: String

    init(election: Election, definition: ElectionDefinition) {
        id = election.id
        title = definition.title
        state = election.state.rawValue
        definitionHash = Hex.encode(election.definitionHash)
        self.definition = definition
        ballots = definition.isSecret ? "secret" : "public"
    }

    var text: String {
        var lines = ["\(title) (\(id)), \(state)", "ballot: \(definition.ballot.name); rule: \(definition.allocation.rule), tie-break \(definition.allocation.tieBreak)",
                     definition.secretBallot.map { "secret ballots: \($0.threshold) of \($0.trustees) trustees decrypt; \($0.width) point(s) per ballot" }
                         ?? "public ballots: stemmen zijn openbaar per stempas"]
        if let weighting = definition.weighting {
            lines.append("weighting: support × (1 + Σ weight × value / highest value); "
                + weighting.criteria.map { "\($0.id) (\($0.title)) weight \(Double($0.weightPer10000) / 10_000)" }.joined(separator: ", "))
        }
        for contest in definition.contests {
            lines.append("")
            lines.append("\(contest.area): budget \(Money.format(contest.budgetCents))")
            if let caps = contest.caps {
                lines.append("  caps: " + caps.map { "\($0.area) \(Money.format($0.capCents))" }.joined(separator: ", "))
            }
            for project in contest.projects {
                let values = definition.weighting?.criteria.map { "\($0.id) \(project.criteria?[$0.id] ?? 0)" }.joined(separator: ", ")
                lines.append("  \(project.id)  \(Money.format(project.costCents))  \(project.title)" + (values.map { "  (\($0))" } ?? ""))
            }
        }
        return lines.joined(separator: "\n")
    }
}
