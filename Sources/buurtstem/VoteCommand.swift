import ArgumentParser
import Buurtstem
import BuurtstemRecord
import Foundation

/// `buurtstem vote`: casts one ballot (the scripting and paper-ballot entry path).
struct VoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vote",
        abstract: "Cast a ballot with a stempas code at a kiosk and print the receipt.",
        discussion: """
        --choices lists project ids: 'KW-01,KW-04' for choose-1, approval and knapsack ballots; best first for ranking; \
        'KW-01=6,KW-02=4' (points) for cumulative. The receipt shows a tracking code and the ballot's position, \
        never the choices. In a secret election the record shows only the encrypted ballot there; in a public one \
        (no trustees) it lists the ballot's choices at that position, and the receipt says so.

        --file enters many ballots (paper ballots): one per line, 'CODE CHOICES', '#' starts a comment. Each line \
        is committed on its own and its outcome printed only after the commit, so an interrupted run loses \
        nothing it acknowledged; a refused line does not stop the others.
        """
    )

    @Option(help: "The election id.")
    var election: String

    @Option(help: "The kiosk's name.")
    var kiosk: String

    @Option(help: "The stempas code as printed (hyphens and case do not matter).")
    var pass: String?

    @Option(help: "The choices (see above).")
    var choices: String?

    @Option(help: "A file of ballots, one 'CODE CHOICES' per line (see above).")
    var file: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (file == nil) != (pass == nil), (pass == nil) == (choices == nil) else {
            throw ValidationError("give either --pass and --choices, or --file")
        }
    }

    func run() throws {
        let store = try store.open()
        let definition = try store.election(election).decodedDefinition()
        if let file {
            let refused = try castFile(file, store: store, type: definition.ballot)
            if refused > 0 { throw ExitCode(2) }
            return
        }
        let parsed = try BallotRules.parse(choices ?? "", type: definition.ballot)
        let receipt = try BallotBox(store: store).cast(election: election, kiosk: kiosk, code: pass ?? "", choices: parsed)
        try output.emit(receipt) {
            """
            Uw stem is ontvangen / Your ballot was received.
              volgcode / tracking code: \(receipt.trackingCode)
              stemzuil / kiosk:         \(receipt.kiosk), positie / position \(receipt.sequence)
            Check later with the published record: buurtstem receipt check --record DIR --receipt \(receipt.trackingCode) --issuing-key KEY
            """ + (receipt.encrypted == true
                ? "\nGeheime stemming / secret ballot: the record shows only this ballot encrypted; the code shows it is in the log, not what it says."
                : "\nStemmen zijn openbaar per stempas / public ballot: the record lists this ballot's choices at this position; whoever has this code can look them up.")
                + (receipt.ballotCode.map { "\n  controlecode / ballot code: \($0) (of the encrypted ballot; 'buurtstem receipt check' shows it from the record)" } ?? "")
        }
    }
}

extension VoteCommand {
    /// Casts each line of `path` (`BallotFile`); prints one outcome per line, after its commit. Returns the number refused.
    func castFile(_ path: String, store: Store, type: BallotType) throws -> Int {
        try BallotFile.cast(try readText(path), election: election, kiosk: kiosk, type: type, box: BallotBox(store: store)) { outcome in
            var fields: [String: String] = ["line": String(outcome.line)]
            if let receipt = outcome.receipt {
                fields["tracking_code"] = receipt.trackingCode
                fields["position"] = "\(receipt.kiosk)#\(receipt.sequence)"
            }
            fields["refused"] = outcome.refusal.map { "\(EngineFailure.wording($0))" }
            let printed = output.json ? try JSONOutput.string(fields).replacingOccurrences(of: "\n", with: "")
                : "\(path):\(outcome.line): " + (fields["refused"].map { "refused: \($0)" } ?? "ok \(fields["tracking_code"]!) \(fields["position"]!)")
            print(printed)
            fflush(nil)
        }
    }
}
