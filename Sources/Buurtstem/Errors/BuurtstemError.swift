/// A request the engine refused: what kind of thing went wrong, what exactly and how to fix it, and, when the fix is
/// another step, which step (``Remedy``).
///
/// The message never names a command or an option of a front end: the engine serves the CLI, the kiosk and the
/// demo alike, and each says the remedy in its own words (the CLI names its command, the kiosk its screen).
public struct BuurtstemError: Error, Sendable, CustomStringConvertible {
    /// What kind of thing went wrong: what a front end may branch on.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Something asked for does not exist (an election, a kiosk, a round, a file).
        case notFound
        /// Something to be made exists already (a database, a kiosk name, a settlement).
        case alreadyExists
        /// The thing exists but is not in the state the request needs (polls not closed, round not issued).
        case wrongState
        /// A value given is not acceptable (an out-of-range number, a malformed day, an empty title).
        case badInput
        /// A file or folder cannot be read or written where asked.
        case fileSystem
        /// A key given is not the expected one, or a key file cannot be used.
        case keys
        /// Stored or offered data contradicts itself (forked logs, a damaged store): nothing was changed.
        case conflict
    }

    /// What kind of thing went wrong.
    public let kind: Kind
    /// What went wrong and how to fix it, in words that do not depend on the front end.
    public let message: String
    /// The step that fixes it, when it is another step; the front end names it in its own words.
    public let remedy: Remedy?
    /// The lower-level error behind this one (a file system or database error), when there is one.
    public let cause: (any Error & Sendable)?

    /// An error of `kind` saying `message`, with the step that fixes it and its cause when known.
    public init(_ kind: Kind, _ message: String, remedy: Remedy? = nil, cause: (any Error & Sendable)? = nil) {
        self.kind = kind
        self.message = message
        self.remedy = remedy
        self.cause = cause
    }

    /// The message, then the remedy in the engine's plain words.
    public var description: String {
        guard let remedy else { return message }
        return "\(message). To fix it: \(remedy.description)"
    }
}
