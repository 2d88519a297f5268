/// An exact non-negative decimal number as written in a file (`250000`, `1234.50`), held as an integer
/// count of `10^-scale` units so that money never passes through floating point.
public struct DecimalAmount: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The value times `10^scale`.
    public let units: Int64
    /// The number of digits after the decimal point.
    public let scale: Int

    /// The amount `units / 10^scale`.
    public init(units: Int64, scale: Int) {
        precondition(units >= 0 && scale >= 0 && scale <= 18, "a decimal amount is non-negative with at most 18 decimals")
        self.units = units
        self.scale = scale
    }

    /// Parses plain decimal notation (`12`, `12.5`, `0.75`); no sign, exponent or thousands separator.
    /// Returns `nil` for anything else, or for a value that does not fit in 18 significant digits.
    public init?(parsing text: String) {
        var units: Int64 = 0
        var scale = 0
        var seenPoint = false
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, o1) = units.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            units = sum
            digits += 1
            if seenPoint { scale += 1 }
        }
        guard digits > 0, scale <= 18 else { return nil }
        self.init(units: units, scale: scale)
    }

    /// The value in units of `10^-scale`, or `nil` if `scale` is smaller than this amount's or the result overflows.
    public func units(atScale target: Int) -> Int64? {
        guard target >= scale else { return nil }
        var value = units
        for _ in scale..<target {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = next
        }
        return value
    }

    /// Plain decimal notation with exactly `scale` decimals.
    public var description: String { Self.format(units: units, scale: scale) }

    /// `units / 10^scale` in plain decimal notation, trailing zero decimals kept (`1234.50`).
    public static func format(units: Int64, scale: Int) -> String {
        let sign = units < 0 ? "-" : ""
        let magnitude = units.magnitude
        guard scale > 0 else { return sign + String(magnitude) }
        var digits = String(magnitude)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -scale)
        return sign + digits[..<split] + "." + digits[split...]
    }
}
