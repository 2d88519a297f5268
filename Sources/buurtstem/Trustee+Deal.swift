import ArgumentParser
import Buurtstem

extension TrusteeCommand {
    /// `buurtstem trustee deal`.
    struct Deal: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deal: commitments, a proof and a share sealed to every trustee, signed.",
            discussion: """
            Check the ceremony hash printed here against the coordinator's before sending the dealing. The key is \
            unsealed with BUURTSTEM_PASSPHRASE or a prompt. Deal once: a second dealing is different, send only one.
            """
        )

        @Option(help: "The ceremony file from the coordinator.")
        var ceremony: String

        @Option(help: "Your sealed trustee key (trustee.key).")
        var key: String

        @Option(help: "Where to write your dealing.")
        var out: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let dealt = try Trustees.deal(ceremonyFile: ceremony, keyFile: key, passphrase: .standard, out: out)
            try output.emit(dealt) {
                "Dealing of trustee \(dealt.dealer) (\(dealt.name)) written to \(dealt.file); ceremony \(dealt.ceremonyHash). "
                    + "Send it to every trustee and the coordinator."
            }
        }
    }
}
