import ArgumentParser

/// `buurtstem trustee`: what one trustee runs on their own machine in the key ceremony and at decryption.
struct TrusteeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trustee",
        abstract: "A trustee's steps of the election key ceremony and of decryption (docs/trustees.md).",
        discussion: """
        Each trustee runs these on their own machine and exchanges files only: init (a sealed key and a public card), \
        deal (after the coordinator's 'trustees ceremony'), receive (the trustee's sealed key share) and decrypt.
        """,
        subcommands: [Init.self, Deal.self, Receive.self, Decrypt.self]
    )
}
