/// Why the kiosk server cannot start (a bad PIN, a wrong kiosk key, an unusable address), said so an operator can
/// fix it.
public struct KioskSetupError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and how to fix it.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
