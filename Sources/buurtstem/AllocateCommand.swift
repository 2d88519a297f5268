import ArgumentParser
import Buurtstem
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
        """
    )

    @Argument(help: "The Pabulib .pb file.")
    var file: String

    @Option(help: "greedy | greedy-no-skip | greedy-per-euro | mes | phragmen")
    var rule: String

    @Option(help: "cost | cardinality | cardinal (default: cost, or cardinal for points ballots)")
    var satisfaction: String?

    @Option(help: "For mes: none | greedy | add1 | add1-exhaustive")
    var completion: String = "none"

    @Option(name: .customLong("tie-break"), help: "lexico | cost-votes | cost-votes-lot")
    var tieBreak: String = "lexico"

    @Option(name: .customLong("lot-seed"), help: "The public lot's seed (hex), for --tie-break cost-votes-lot.")
    var lotSeed: String?

    @Flag(name: .customLong("meta-constraints"),
          help: "Apply the file's own per-category and per-neighbourhood budgets, threshold, cap and leftover rule.")
    var metaConstraints = false

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Explain for every project why it was or was not funded.")
    var explain = false

    func run() throws {
        var flags = ["--rule", rule, "--completion", completion, "--tie-break", tieBreak]
        if let satisfaction { flags += ["--satisfaction", satisfaction] }
        if let lotSeed { flags += ["--lot-seed", lotSeed] }
        if explain { flags.append("--explain") }
        do {
            var options = try AllocationOptions(flags: flags)
            let instance = try PabulibReader().read(contentsOf: file)
            let name = (file as NSString).lastPathComponent
            let election = try instance.allocationInput(file: name)
            if metaConstraints { options.constraints = try instance.declaredConstraints(file: name) }
            let outcome = try Allocator.allocate(election, options: options)
            let report = AllocationReport(election: election, options: options, outcome: outcome, file: name)
            print(json ? try report.json() : report.table())
        } catch let error as PabulibError {
            fail(error.description)
        } catch let error as AllocationError {
            fail("\(file): \(error.description)")
        }
    }

    /// Reports `message` on stderr and exits 1, without a usage dump (the flags were fine, the input was not).
    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        Foundation.exit(1)
    }
}
