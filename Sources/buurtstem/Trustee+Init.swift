import ArgumentParser
import Buurtstem

extension TrusteeCommand {
    /// `buurtstem trustee init`.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a trustee's keys: a sealed key file (secret) and a public card.",
            discussion: """
            Writes DIR/trustee.key (sealed with BUURTSTEM_PASSPHRASE or a passphrase asked twice; mode 0600; keep it and \
            a backup secret) and DIR/card.json (public: send it to the coordinator). The card has no number: the \
            ceremony numbers the trustees in the order the coordinator gives the cards. Neither file is overwritten.
            """
        )

        @Option(help: "The trustee's name, as others know them, e.g. 'A. de Vries (notaris)'.")
        var name: String

        @Option(help: "The folder to write trustee.key and card.json in (made if needed).")
        var out: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let passphrase = try Passphrase.standard.obtain(purpose: "new trustee key of \(name)", confirm: true)
            let made = try Trustees.initialise(name: name, folder: out, passphrase: passphrase)
            try output.emit(made) {
                """
                Trustee key of \(made.name) written to \(made.keyFile) (sealed, mode 0600): keep it secret, with a backup.
                Card written to \(made.cardFile): send it to the coordinator.
                Signing key \(made.signingPublicKey): confirm it with the coordinator by phone or in person.
                """
            }
        }
    }
}
