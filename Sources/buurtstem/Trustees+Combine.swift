import ArgumentParser
import Buurtstem

extension TrusteesCommand {
    /// `buurtstem trustees combine`.
    struct Combine: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Combine the election key and the trustees' verification keys from the dealings.",
            discussion: """
            Anyone can run it, with no secret: every dealing is checked first, and one that fails is named. The same \
            ceremony and dealings always give the same file.
            """
        )

        @Option(help: "The ceremony file.")
        var ceremony: String

        @Option(help: "The folder holding every trustee's dealing (*.json).")
        var dealings: String

        @Option(help: "Where to write the election key.")
        var out: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let combined = try Trustees.combine(ceremonyFile: ceremony, dealingsFolder: dealings, out: out)
            try output.emit(combined) {
                "Election key of \(combined.election) (\(combined.threshold) of \(combined.trustees) trustees) written to \(combined.file): \(combined.publicKey)"
            }
        }
    }
}
