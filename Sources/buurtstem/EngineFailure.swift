import Buurtstem

/// An engine error as the command line says it: the engine's message, then its remedy as the command to run.
struct EngineFailure: Error, Sendable, CustomStringConvertible {
    /// The engine's message.
    let message: String
    /// The step that fixes it, said as the commands to run.
    let remedy: Remedy?

    /// The engine's error `error`.
    init(error: BuurtstemError) {
        self.init(message: error.message, remedy: error.remedy)
    }

    /// The engine's `message` and the step that fixes it.
    init(message: String, remedy: Remedy?) {
        self.message = message
        self.remedy = remedy
    }

    var description: String {
        guard let remedy else { return message }
        return "\(message); run " + remedy.commands.map { "'\($0)'" }.joined(separator: ", then ")
    }

    /// `error` in the command line's words when it is the engine's, else `error` itself.
    static func wording(_ error: any Error) -> any Error {
        switch error {
        case let error as BuurtstemError: EngineFailure(error: error)
        case let error as CastError where error.remedy != nil: EngineFailure(message: error.description, remedy: error.remedy)
        default: error
        }
    }
}
