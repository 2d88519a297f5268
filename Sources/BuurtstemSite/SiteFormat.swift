import Buurtstem

/// Numbers the Dutch way, for the pages: `€ 12.500,00`, `3.000`, `36,2 %`.
enum SiteFormat {
    /// Cents as euros.
    static func money(_ cents: Int64) -> String {
        Money.format(cents)
    }

    /// A whole number with `.` between thousands.
    static func count<T: BinaryInteger>(_ value: T) -> String {
        var digits = String(value.magnitude)
        var grouped = ""
        while digits.count > 3 {
            grouped = "." + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return (value < 0 ? "-" : "") + digits + grouped
    }

    /// A percentage with one decimal and a decimal comma.
    static func percent(_ value: Double) -> String {
        decimal(value, places: 1) + " %"
    }

    /// Percentage points with a sign.
    static func points(_ value: Double) -> String {
        (value > 0 ? "+" : "") + decimal(value, places: 1) + " pp"
    }

    /// `value` with `places` decimals and a decimal comma.
    static func decimal(_ value: Double, places: Int) -> String {
        String(format: "%.\(places)f", value).replacingOccurrences(of: ".", with: ",")
    }

    /// An ISO 8601 UTC instant (`2026-11-23T14:19:56Z`) as `2026-11-23 14:19 UTC`.
    static func instant(_ iso: String) -> String {
        guard iso.count >= 16, iso.hasSuffix("Z") else { return iso }
        return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5) + " UTC"
    }

    /// Cents as a plain decimal for spreadsheets: `12500.00`.
    static func plainEuros(_ cents: Int64) -> String {
        Money.plain(cents)
    }
}
