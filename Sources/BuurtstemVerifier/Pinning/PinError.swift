/// Why a pin (`--pinned`, `--fingerprint`) or an observer's checkpoint file cannot be used: what, where, how to fix.
public struct PinError: Error, Sendable, CustomStringConvertible {
    /// The message for people.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
