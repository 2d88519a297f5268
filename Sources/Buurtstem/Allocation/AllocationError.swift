/// A request the allocation rules cannot carry out, with what to change.
public struct AllocationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong and how to fix it.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
