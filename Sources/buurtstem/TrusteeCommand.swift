import ArgumentParser

/// `buurtstem trustee`: what one trustee of a secret election does.
struct TrusteeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trustee",
        abstract: "A trustee's steps in a secret election.",
        subcommands: [Decrypt.self]
    )
}
