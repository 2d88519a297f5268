import Buurtstem
import Foundation

/// Numbers the Dutch way, for the pages: `€ 12.500,00`, `3.000`, `36,2 %`.
enum SiteFormat {
    /// Cents as euros.
    static func money(_ cents: Int64) -> String {
        Money.format(cents)
    }

    /// A whole number with `.` between thousands, by the engine's one writer of counts (`Count`).
    static func count<T: BinaryInteger>(_ value: T) -> String {
        Count.format(value)
    }

    /// A percentage with one decimal and a decimal comma, by the engine's one writer of percentages (`Percent`),
    /// so the site and `buurtstem tally` print the same turnout.
    static func percent(_ value: Double) -> String {
        Percent.text(value)
    }

    /// A turnout or reach: "–" where nothing was issued (`base` 0: there was no vote or cheque to take part in),
    /// rather than a misleading "0,0 %"; else the percentage.
    static func share<T: BinaryInteger>(_ value: Double, of base: T) -> String {
        base == 0 ? "–" : percent(value)
    }

    /// Percentage points with a sign.
    static func points(_ value: Double) -> String {
        (value > 0 ? "+" : "") + decimal(value, places: 1) + " pp"
    }

    /// `value` with `places` decimals and a decimal comma.
    static func decimal(_ value: Double, places: Int) -> String {
        String(format: "%.\(places)f", value).replacingOccurrences(of: ".", with: ",")
    }

    /// An ISO 8601 instant (`2026-11-23T14:19:56Z`) in Dutch local time, Europe/Amsterdam, summer time included:
    /// `23-11-2026 15:19`. Residents read the clock they live by, not UTC; a text that is not such an instant is
    /// returned as it is.
    static func instant(_ iso: String) -> String {
        let parser = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions.insert(.withFractionalSeconds)
        guard let date = parser.date(from: iso) ?? fractional.date(from: iso) else { return iso }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "nl_NL")
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        formatter.dateFormat = "dd-MM-yyyy HH:mm"
        return formatter.string(from: date)
    }

    /// Cents as a plain decimal for spreadsheets: `12500.00`.
    static func plainEuros(_ cents: Int64) -> String {
        Money.plain(cents)
    }
}
