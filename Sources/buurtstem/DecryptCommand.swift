import ArgumentParser

/// `buurtstem decrypt`: combining the trustees' decryption shares of a secret election.
struct DecryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Decrypt a secret election's mixed ballots from the trustees' shares (docs/trustees.md).",
        subcommands: [Combine.self]
    )
}
