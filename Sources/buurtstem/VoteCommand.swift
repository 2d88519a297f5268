import ArgumentParser
import Buurtstem
import Foundation

/// `buurtstem vote`: casts one ballot (the scripting and paper-ballot entry path).
struct VoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vote",
        abstract: "Cast a ballot with a stempas code at a kiosk and print the receipt.",
        discussion: """
        --choices lists project ids: 'KW-01,KW-04' for choose-1, approval and knapsack ballots; best first for ranking; \
        'KW-01=6,KW-02=4' (points) for cumulative. The receipt shows a tracking code and the ballot's position, \
        never the choices.
        """
    )

    @Option(help: "The election id.")
    var election: String

    @Option(help: "The kiosk's name.")
    var kiosk: String

    @Option(help: "The stempas code as printed (hyphens and case do not matter).")
    var pass: String

    @Option(help: "The choices (see above).")
    var choices: String

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try store.open()
        let definition = try store.election(election).decodedDefinition()
        let parsed = try BallotRules.parse(choices, type: definition.ballot)
        let receipt = try BallotBox(store: store).cast(election: election, kiosk: kiosk, code: pass, choices: parsed)
        try output.emit(receipt) {
            """
            Uw stem is ontvangen / Your ballot was received.
              volgcode / tracking code: \(receipt.trackingCode)
              stemzuil / kiosk:         \(receipt.kiosk), positie / position \(receipt.sequence)
            Check later with the published record: buurtstem receipt check --record DIR --receipt \(receipt.trackingCode)
            """
        }
    }
}
