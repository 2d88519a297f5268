import ArgumentParser
import Buurtstem
import BuurtstemRecord
import Foundation

extension ProposalCommand {
    /// `buurtstem proposal criteria`.
    struct Criteria: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put the toetsing's criteria in force from a YAML file (e.g. Budgets/groningen-toetsingscriteria.yaml).",
            discussion: "Logged as an entry of the proposals log. Refused while a proposal is in behandeling."
        )

        @Argument(help: "The criteria file.")
        var file: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let criteria = try AssessmentCriteria.read(try readText(file), file: file)
            try criteria.install(in: try store.open(), now: try commandClock())
            try output.emit(criteria.criteria) {
                "Criteria '\(criteria.id)' in force: " + criteria.criteria.map { "\($0.id) (\($0.name))" }.joined(separator: ", ")
            }
        }
    }

    /// `buurtstem proposal declare-interest`.
    struct DeclareInterest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "declare-interest",
            abstract: "Declare an assessor's interest in a proposal: they may not judge it (published)."
        )

        @Option(help: "The proposal's id.")
        var id: Int64

        @Option(help: "The assessor's id, e.g. toetser-3 (never a name: it is published).")
        var assessor: String

        @Option(help: "What the interest is, e.g. 'lid van de speeltuinvereniging' (published).")
        var statement: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let declaration = try InterestDeclaration.declare(proposal: id, assessor: assessor, statement: statement,
                                                              in: try store.open(), now: try commandClock())
            try output.emit(declaration) { "\(assessor) declared an interest in proposal \(id) and will not judge it." }
        }
    }

    /// `buurtstem proposal assess`.
    struct Assess: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an assessor's judgement of one criterion of a proposal in behandeling, with the reason."
        )

        @Option(help: "The proposal's id.")
        var id: Int64

        @Option(help: "The criterion's id (of the criteria in force).")
        var criterion: String

        @Option(help: "The assessor's id, e.g. toetser-1.")
        var assessor: String

        @Flag(exclusivity: .exclusive, help: "Whether the proposal meets the criterion.")
        var verdict: Verdict

        @Option(help: "Why, in plain Dutch: the initiatiefnemer reads it and it is published.")
        var reason: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        /// `--met` or `--not-met`.
        enum Verdict: String, EnumerableFlag {
            case met, notMet
        }

        func run() throws {
            let judgement = try CriterionJudgement.assess(proposal: id, criterion: criterion, assessor: assessor, met: verdict == .met,
                                                          reason: reason, in: try store.open(), now: try commandClock())
            try output.emit(judgement) {
                "\(assessor) judged '\(criterion)' of proposal \(id): \(judgement.met ? "voldoet" : "voldoet niet")."
            }
        }
    }

    /// `buurtstem proposal decide`.
    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide a proposal in behandeling from its judged criteria: toegelaten or afgewezen, with reasons.",
            discussion: "Toegelaten when every criterion in force is met; otherwise afgewezen, with the reasons of the criteria not met. Recusals are named in the decision."
        )

        @Option(help: "The proposal's id.")
        var id: Int64

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let decision = try ProposalDecision.decide(proposal: id, in: try store.open(), now: try commandClock())
            try output.emit(decision) { "Proposal \(id): \(decision.outcome.dutch).\n\(decision.reasons)" }
        }
    }
}
