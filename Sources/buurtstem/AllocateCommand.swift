import ArgumentParser
import Buurtstem
import BuurtstemRecord
import Foundation

/// `buurtstem allocate FILE.pb`: run an allocation rule on a Pabulib file.
struct AllocateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocate",
        abstract: "Decide which projects of a Pabulib (.pb) election are funded, by a published rule.",
        discussion: """
        Rules: greedy (by votes, skipping what no longer fits), greedy-no-skip, greedy-per-euro, mes (Method of \
        Equal Shares), phragmen (sequential Phragmén). Cumulative and scoring files use the voters' points as \
        satisfaction unless --satisfaction says otherwise. All arithmetic is exact. docs/allocation.md defines \
        every rule, completion and tie-break.

        --official runs the rule the file's META names (greedy, greedy-threshold, greedy-exclusive, greedy-no-skip, \
        equalshares/add1, equalshares/add1-comparison) with the constraints META declares, as the city did; a rule \
        the file does not state precisely (greedy-custom, unknown) is an error. greedy-exclusive needs the groups \
        the file's comment names in words: --exclusive 773,153 (repeatable), or --no-exclusions.
        """
    )

    @Argument(help: "The Pabulib .pb file.")
    var file: String

    @Option(help: "The rule (or --official).")
    var rule: AllocationRule?

    @Flag(help: "Run the rule the file's META names, with the constraints it declares, as the city did.")
    var official = false

    @Option(help: "With --official and META rule greedy-exclusive: projects that exclude one another, e.g. 773,153 (repeatable).")
    var exclusive: [String] = []

    @Flag(name: .customLong("no-exclusions"), help: "With --official and META rule greedy-exclusive: no projects exclude one another.")
    var noExclusions = false

    @Option(help: "How a funded project satisfies a voter (default: cost, or cardinal for points ballots).")
    var satisfaction: Satisfaction?

    @Option(help: "For mes: what runs after it.")
    var completion: Completion = .none

    @Option(name: .customLong("tie-break"), help: "How ties are broken (default: lexico).")
    var tieBreak: TieBreakOption?

    @Option(name: .customLong("lot-seed"), help: "The public lot's seed (hex), for --tie-break cost-votes-lot.")
    var lotSeed: String?

    @Flag(name: .customLong("meta-constraints"),
          help: "Apply the file's own per-category and per-neighbourhood budgets, threshold, cap and leftover rule.")
    var metaConstraints = false

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Explain for every project why it was or was not funded.")
    var explain = false

    func validate() throws {
        if official {
            let conflicting = [rule.map { _ in "--rule" }, satisfaction.map { _ in "--satisfaction" },
                               completion != .none ? "--completion" : nil, tieBreak.map { _ in "--tie-break" },
                               lotSeed.map { _ in "--lot-seed" }, metaConstraints ? "--meta-constraints" : nil].compactMap { $0 }
            guard conflicting.isEmpty else {
                throw ValidationError("--official runs the file's own rule and constraints; drop \(conflicting.joined(separator: ", "))")
            }
            if noExclusions, !exclusive.isEmpty { throw ValidationError("give --exclusive or --no-exclusions, not both") }
        } else {
            guard rule != nil else { throw ValidationError("give --rule RULE, or --official to run the rule the file names") }
            _ = try (tieBreak ?? .lexico).tieBreak(lotSeed: lotSeed)
            guard exclusive.isEmpty, !noExclusions else {
                throw ValidationError("--exclusive and --no-exclusions go with --official (for the META rule greedy-exclusive)")
            }
        }
    }

    func run() throws {
        do {
            let instance = try PabulibReader(keepVoteRows: false).read(contentsOf: file)
            let name = (file as NSString).lastPathComponent
            let election: AllocationInput
            var options: AllocationOptions
            var warnings = instance.warnings.map(\.description)
            var official: OfficialAllocation?
            if self.official {
                let groups = exclusive.map(AllocationOptions.exclusionGroup)
                let run = try instance.officialAllocation(file: name, exclusions: noExclusions ? [] : (groups.isEmpty ? nil : groups))
                election = run.election
                options = run.options
                options.explain = explain
                warnings += run.warnings
                official = run
            } else {
                guard let rule else { throw ValidationError("give --rule RULE, or --official to run the rule the file names") }
                options = AllocationOptions(rule: rule, satisfaction: satisfaction, completion: completion,
                                            tieBreak: try (tieBreak ?? .lexico).tieBreak(lotSeed: lotSeed), explain: explain)
                election = try instance.allocationInput(file: name)
                if metaConstraints { options.constraints = try instance.declaredConstraints(file: name) }
            }
            for warning in warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
            var comparison: String?
            let outcome: AllocationOutcome
            if var official {
                official.options.explain = explain
                (outcome, comparison) = try official.run()
            } else {
                outcome = try Allocator.allocate(election, options: options)
            }
            var report = AllocationReport(election: election, options: options, outcome: outcome, file: name)
            report.officialRule = official?.rule.rawValue
            report.officialDescription = official.map { $0.description + (comparison.map { " (\($0))" } ?? "") }
            report.warnings = warnings
            print(json ? try report.json() : report.table())
        } catch let error as PabulibError {
            fail(error.description + (Self.officialFlag(for: error.setting).map { " (\($0))" } ?? ""))
        } catch let error as AllocationError {
            fail("\(file): \(error.message)" + (Self.flag(for: error.setting).map { " (\($0))" } ?? ""))
        }
    }

    /// Reports `message` on stderr and exits 1, without a usage dump (the flags were fine, the input was not).
    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        Foundation.exit(1)
    }

    /// The options of this command that fix a Pabulib file's refusal about `setting` (its own rule cannot be run
    /// as stated, or its exclusion groups are needed or do not apply).
    static func officialFlag(for setting: AllocationError.Setting?) -> String? {
        switch setting {
        case .rule: "--rule RULE instead of --official"
        case .exclusions: "--exclusive A,B, repeatable, or --no-exclusions"
        default: flag(for: setting)
        }
    }

    /// The option of this command that sets `setting`, when there is one (a weighting comes from an election).
    static func flag(for setting: AllocationError.Setting?) -> String? {
        switch setting {
        case .rule: "--rule"
        case .satisfaction: "--satisfaction"
        case .completion: "--completion"
        case .tieBreak: "--tie-break"
        case .lotSeed: "--lot-seed"
        case .exclusions: "--exclusive"
        case .weighting, nil: nil
        }
    }
}
