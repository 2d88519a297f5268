/// Whole numbers for people, the Dutch way: `1.250`. The one writer of counts in the engine and the results site
/// (``Money/format(_:)`` groups its euros by it).
package enum Count {
    /// `value` with `.` between thousands: `3000` is `3.000`, `-1250` is `-1.250`.
    package static func format<T: BinaryInteger>(_ value: T) -> String {
        var digits = String(value.magnitude)
        var grouped = ""
        while digits.count > 3 {
            grouped = "." + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return (value < 0 ? "-" : "") + digits + grouped
    }
}
