import ArgumentParser

/// `buurtstem trustees`: the steps of the key ceremony that need no secret key.
struct TrusteesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trustees",
        abstract: "Make the key ceremony (the coordinator) and combine the election key (anyone) (docs/trustees.md).",
        subcommands: [Ceremony.self, Combine.self]
    )
}
