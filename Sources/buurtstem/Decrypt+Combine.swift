import ArgumentParser
import Buurtstem

extension DecryptCommand {
    /// `buurtstem decrypt combine`.
    struct Combine: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decrypt a ciphertext list from the decryption shares of any t trustees.",
            discussion: """
            Every share is checked against its trustee's verification key; a share that fails is left out and named. \
            With fewer than t valid shares nothing is written and the message says how many more are needed.
            """
        )

        @Option(help: "The election key file (election-key.json).")
        var electionKey: String

        @Option(help: "The ciphertext list that was decrypted.")
        var ciphertexts: String

        @Option(help: "The folder holding the trustees' decryption shares (*.json).")
        var shares: String

        @Option(help: "Where to write the plaintexts.")
        var out: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let combined = try Trustees.combineDecryption(electionKeyFile: electionKey, ciphertextsFile: ciphertexts,
                                                          sharesFolder: shares, out: out)
            try output.emit(combined) {
                (["\(combined.plaintexts) plaintexts from the shares of trustees \(combined.trustees.map(String.init).joined(separator: ", ")) written to \(combined.file)."]
                    + combined.excluded).joined(separator: "\n")
            }
        }
    }
}
