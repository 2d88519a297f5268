import ArgumentParser
import Buurtstem

extension TrusteesCommand {
    /// `buurtstem trustees ceremony`.
    struct Ceremony: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the ceremony file: the threshold and the trustees' cards, numbered in the order given.",
            discussion: """
            Run by the gemeente's coordinator. Trustee j is the j-th --card. Refuses a threshold outside 1...n, the \
            same card twice, a card that does not verify and more than 25 trustees. Send the file to every trustee \
            and read the ceremony hash to them.
            """
        )

        @Option(help: "t: how many trustees are needed to decrypt.")
        var threshold: Int

        @Option(parsing: .upToNextOption, help: "The trustees' card.json files, in order (trustee 1 first).")
        var card: [String]

        @Option(help: "The election id the key is for.")
        var election: String

        @Option(help: "Where to write the ceremony file.")
        var out: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let made = try Trustees.makeCeremony(threshold: threshold, cardFiles: card, election: election, out: out)
            try output.emit(made) {
                (["Ceremony for \(made.election): \(made.threshold) of \(made.trustees.count) trustees, written to \(made.file)."]
                    + made.trustees.enumerated().map { "  trustee \($0.offset + 1): \($0.element)" }
                    + ["Ceremony hash \(made.ceremonyHash)"]).joined(separator: "\n")
            }
        }
    }
}
