import Buurtstem

/// An engine error as the command line says it: the engine's message, then its remedy as the command to run.
struct EngineFailure: Error, Sendable, CustomStringConvertible {
    /// The engine's error.
    let error: BuurtstemError

    var description: String {
        guard let remedy = error.remedy else { return error.message }
        return "\(error.message); run " + remedy.commands.map { "'\($0)'" }.joined(separator: ", then ")
    }

    /// `error` in the command line's words when it is the engine's, else `error` itself.
    static func wording(_ error: any Error) -> any Error {
        (error as? BuurtstemError).map(EngineFailure.init) ?? error
    }
}
