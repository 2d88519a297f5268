/// Why the kiosk server cannot start (a bad PIN, a wrong kiosk key, an unusable address), said so an operator can
/// fix it.
package struct KioskSetupError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and how to fix it.
    package let message: String

    /// An error saying `message`.
    package init(_ message: String) {
        self.message = message
    }

    package var description: String { message }
}
