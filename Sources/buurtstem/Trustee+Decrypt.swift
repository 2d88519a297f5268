import ArgumentParser
import Buurtstem

extension TrusteeCommand {
    /// `buurtstem trustee decrypt`.
    struct Decrypt: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write your decryption share of a ciphertext list, with its proof.",
            discussion: """
            The list is a ciphertexts.json (docs/record.md, "The ceremony's files"). Your key share is unsealed with \
            BUURTSTEM_PASSPHRASE or a prompt. Any t trustees' shares decrypt ('buurtstem decrypt combine').
            """
        )

        @Option(help: "The election key file (election-key.json).")
        var electionKey: String

        @Option(help: "Your sealed key share (share.key).")
        var share: String

        @Option(help: "The ciphertext list to decrypt.")
        var ciphertexts: String

        @Option(help: "Where to write your decryption share.")
        var out: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let done = try Trustees.decrypt(electionKeyFile: electionKey, shareFile: share, ciphertextsFile: ciphertexts,
                                            passphrase: .standard, out: out)
            try output.emit(done) {
                "Decryption share of trustee \(done.trustee) for \(done.ciphertexts) ciphertexts written to \(done.file)."
            }
        }
    }
}
