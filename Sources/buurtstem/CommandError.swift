/// A refusal of the command line itself (a malformed line in a batch file, an unusable environment variable), as
/// opposed to one of the engine's (``Buurtstem/BuurtstemError``), with what to do instead.
struct CommandError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and how to fix it.
    let message: String

    /// An error saying `message`.
    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
}
