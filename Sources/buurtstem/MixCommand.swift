import ArgumentParser
import Buurtstem
import BuurtstemRecord
import Foundation

/// `buurtstem mix`: the next re-encryption mix stage of a closed secret election, or a check of the stored ones.
struct MixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mix",
        abstract: "Shuffle a closed secret election's encrypted ballots (one stage, with its proof).",
        discussion: """
        Stage 1 shuffles the counted ballots of each contest (the first ballot of each pass; a ballot whose proof \
        fails is counted as invalid, never mixed or dropped silently); each further run shuffles the previous \
        stage's output. Run it at least twice, by different people (the gemeente, a trustee): one honest stage \
        unlinks every ballot from its pass. The stage is stored and written to --out (docs/record.md). \
        --verify re-checks the proofs of every stored stage instead.
        """
    )

    @Option(help: "The election id.")
    var election: String

    @Option(help: "Where to write the stage (JSON).")
    var out: String?

    @Flag(help: "Check the proofs of the stored stages instead of mixing.")
    var verify = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard verify || out != nil else { throw ValidationError("give --out FILE for the stage, or --verify") }
    }

    func run() throws {
        let store = try store.open()
        if verify {
            let failures = try SecretMix.verify(election: election, store: store)
            try output.emit(failures) {
                failures.isEmpty ? "Every mix stage's proof of '\(election)' holds."
                    : "MIX PROOF FAILS:\n" + failures.map { "  \($0)" }.joined(separator: "\n")
            }
            if !failures.isEmpty { throw ExitCode(1) }
            return
        }
        let stage = try SecretMix.run(election: election, store: store)
        try writeJSON(stage, to: out ?? "")
        try output.emit(stage.areas.map { ["area": $0.area, "rows": String($0.outputs.count)] }) {
            "Mix stage \(stage.stage) of '\(election)' written to \(out ?? ""): "
                + stage.areas.map { "\($0.area) \($0.outputs.count) ballots" }.joined(separator: ", ")
                + "\nNext: another stage (buurtstem mix), then send the last stage file to the trustees; each runs: "
                + "buurtstem trustee decrypt --stage \(out ?? "") --election-key election-key.json --share share.key --out FILE"
        }
    }
}

/// Writes `value` as JSON with sorted keys to `path`, replacing it atomically.
func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    do {
        try encoder.encode(value).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw ValidationError("cannot write \(path): \(error.localizedDescription); check the folder exists and you may write there")
    }
}
