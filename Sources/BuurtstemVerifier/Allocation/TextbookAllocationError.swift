/// Why the verifier could not recompute an allocation: an unknown rule name or an inconsistent election.
public struct TextbookAllocationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong and how to fix it.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
