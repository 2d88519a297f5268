import Foundation

/// Euro amounts as people write them, read exactly into integer cents (never through floating point).
public enum Money {
    /// Parses `1234`, `1234.5`, `1234.50`, `1,234.50` is refused (no thousands separators), `1234,50` is accepted
    /// (Dutch decimal comma). Returns nil for anything else, or for more than two decimals.
    public static func cents(_ text: String) -> Int64? {
        var text = text.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("€") { text = String(text.dropFirst()).trimmingCharacters(in: .whitespaces) }
        let parts = text.split(separator: text.contains(",") ? "," : ".", omittingEmptySubsequences: false)
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

    /// Cents written the Dutch way, e.g. `€ 85.000,00`.
    public static func format(_ cents: Int64) -> String {
        let negative = cents < 0
        let magnitude = cents.magnitude
        var euros = String(magnitude / 100)
        var grouped = ""
        while euros.count > 3 {
            grouped = "." + euros.suffix(3) + grouped
            euros.removeLast(3)
        }
        let fraction = magnitude % 100
        return (negative ? "-" : "") + "€ " + euros + grouped + "," + (fraction < 10 ? "0" : "") + String(fraction)
    }
}

extension Character {
    /// `0` to `9` only (not other scripts' digits).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
