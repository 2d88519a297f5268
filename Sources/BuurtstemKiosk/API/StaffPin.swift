import Foundation
import BuurtstemCrypto

/// The staff PIN set when the kiosk starts: 4 to 16 digits, kept only as its SHA-256 and compared in constant time.
public struct StaffPin: Sendable {
    private let digest: [UInt8]

    /// Reads a PIN as given (surrounding whitespace and a trailing line end are ignored); refuses anything but
    /// 4 to 16 digits, saying so.
    public init(_ text: String) throws(KioskSetupError) {
        let pin = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (4...16).contains(pin.count), pin.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw KioskSetupError("the staff PIN must be 4 to 16 digits (0-9), so it can be typed on the kiosk's PIN pad")
        }
        digest = SHA.sha256(Array(pin.utf8))
    }

    /// Whether `attempt` is the PIN; the comparison takes the same time whatever the attempt.
    public func matches(_ attempt: String) -> Bool {
        ConstantTime.equal(digest, SHA.sha256(Array(attempt.utf8)))
    }
}
