import Foundation
import BuurtstemCrypto

/// The staff PIN set when the kiosk starts: 4 to 16 digits without an obvious pattern, kept only as its SHA-256 and
/// compared in constant time.
package struct StaffPin: Sendable {
    private let digest: [UInt8]

    /// Reads a PIN as given (surrounding whitespace and a trailing line end are ignored); refuses anything but
    /// 4 to 16 digits, and PINs that are guessed first (`weakness(of:)`), saying why without repeating the PIN.
    package init(_ text: String) throws(KioskSetupError) {
        let pin = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (4...16).contains(pin.count), pin.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw KioskSetupError("the staff PIN must be 4 to 16 digits (0-9), so it can be typed on the kiosk's PIN pad")
        }
        if let weakness = Self.weakness(of: pin) {
            throw KioskSetupError("the staff PIN is \(weakness), which is among the first PINs anyone tries; choose 6 or more digits without a pattern")
        }
        digest = SHA.sha256(Array(pin.utf8))
    }

    /// Why `pin` (digits only) is too easy to guess, or `nil`: one digit repeated (`0000`), a run up or down
    /// (`123456`, `9876`, also through 0: `7890`), or a short block repeated (`1212`, `123123`).
    static func weakness(of pin: String) -> String? {
        let digits = pin.compactMap(\.wholeNumberValue)
        guard digits.count >= 2 else { return nil }
        if Set(digits).count == 1 { return "one digit repeated" }
        let steps = Set(zip(digits, digits.dropFirst()).map { ($1 - $0 + 10) % 10 })
        if steps == [1] || steps == [9] { return "a run of consecutive digits, up or down" }
        for block in 2...max(2, digits.count / 2) where digits.count % block == 0 {
            let first = Array(digits[0..<block])
            if stride(from: block, to: digits.count, by: block).allSatisfy({ Array(digits[$0..<$0 + block]) == first }) {
                return "a short block of digits repeated"
            }
        }
        return nil
    }

    /// Whether `attempt` is the PIN; the comparison takes the same time whatever the attempt.
    package func matches(_ attempt: String) -> Bool {
        ConstantTime.equal(digest, SHA.sha256(Array(attempt.utf8)))
    }
}
