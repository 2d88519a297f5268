import Foundation

/// Euro amounts as integer cents: read exactly from what people type or write in files (never through floating
/// point, so "7.10" is exactly 710 cents), and written back for people (Dutch) and for files (plain). The one
/// reader and the one pair of writers of amounts in the engine and the CLI.
package enum Money {
    /// The largest amount a person may type for a cheque or a target (EUR 100 million): far above any real one,
    /// far below overflow.
    package static let maximumCents: Int64 = 10_000_000_000

    /// Reads `1234`, `1234.5`, `1234.50`, `1234,50` (Dutch decimal comma), with an optional `€` or `EUR` in front.
    /// No thousands separators (both `.` and `,` are decimal marks), at most two decimals. Nil for anything else.
    package static func cents(_ text: String) -> Int64? {
        var body = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        for prefix in ["EUR", "€"] where body.uppercased().hasPrefix(prefix) {
            body = body.dropFirst(prefix.count).drop { $0 == " " }
        }
        let parts = body.split(separator: body.contains(",") ? "," : ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let euroPart = parts.first, !euroPart.isEmpty, euroPart.count <= 13,
              euroPart.allSatisfy(\.isASCIIDigit), let euros = Int64(euroPart) else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit), let value = Int64(fraction) else { return nil }
            cents = fraction.count == 1 ? value * 10 : value
        }
        return euros * 100 + cents
    }

    /// Reads an amount a person typed for `what` (a cheque's value, a target): above 0 and at most
    /// ``maximumCents``, or an error saying how to write it.
    package static func parse(_ text: String, what: String) throws -> Int64 {
        guard let cents = cents(text) else {
            throw BuurtstemError(.badInput, "\(what) '\(text)' is not an amount in euros: write e.g. 7.50 or 150 (at most two decimals, no thousands separator)")
        }
        guard cents > 0, cents <= maximumCents else {
            throw BuurtstemError(.badInput, "\(what) '\(text)' is out of range: use an amount above 0 and at most EUR \(plain(maximumCents))")
        }
        return cents
    }

    /// Cents written the Dutch way, e.g. `€ 85.000,00`.
    package static func format(_ cents: Int64) -> String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + "€ " + Count.format(magnitude / 100) + "," + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// Cents as euros with two decimals and a point, e.g. `7.50`: in files, JSON-adjacent text and English.
    package static func plain(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let remainder = magnitude % 100
        return "\(sign)\(magnitude / 100).\(remainder < 10 ? "0" : "")\(remainder)"
    }
}

extension Character {
    /// `0` to `9` only (not other scripts' digits).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
