import ArgumentParser
import Buurtstem

extension TrusteeCommand {
    /// `buurtstem trustee receive`.
    struct Receive: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every dealing, open the shares sealed to you and write your sealed key share.",
            discussion: """
            Every dealing in DIR is checked (signature, proof, commitments) and every share sealed to you is checked \
            against its dealer's commitments. The sum is sealed with BUURTSTEM_PASSPHRASE or a passphrase asked twice \
            (mode 0600; keep it secret until decryption). A bad share writes complaint-DEALER-by-YOU.json next to --out, \
            names the dealer, and exits non-zero: that dealer must deal again.
            """
        )

        @Option(help: "The ceremony file.")
        var ceremony: String

        @Option(help: "The folder holding every trustee's dealing (*.json).")
        var dealings: String

        @Option(help: "Your sealed trustee key (trustee.key).")
        var key: String

        @Option(help: "Where to write your sealed key share.")
        var out: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let received = try Trustees.receive(ceremonyFile: ceremony, dealingsFolder: dealings, keyFile: key,
                                                passphrase: .standard, out: out)
            try output.emit(received) {
                """
                Key share of trustee \(received.index) (\(received.name)) written to \(received.shareFile) (sealed, mode 0600).
                Election key \(received.publicKey): check that 'buurtstem trustees combine' gives the same.
                """
            }
        }
    }
}
