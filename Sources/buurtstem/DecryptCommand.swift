import ArgumentParser

/// `buurtstem decrypt`: combining the trustees' decryption shares.
struct DecryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Combine the trustees' decryption shares (docs/trustees.md).",
        subcommands: [Combine.self]
    )
}
