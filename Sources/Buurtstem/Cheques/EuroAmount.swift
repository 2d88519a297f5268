import Foundation

/// Euro amounts as integer cents: read from what a person types, written back for people.
///
/// Text is parsed digit by digit, never through `Double`, so "7.10" is exactly 710 cents.
public enum EuroAmount {
    /// The largest amount accepted anywhere (EUR 100 million), far above any cheque or target, far below overflow.
    public static let maximumCents: Int64 = 10_000_000_000

    /// Reads "7.50", "7,50", "7.5", "150" or "EUR 150.00" as cents; `option` names the input in the error.
    ///
    /// At most two decimals; no thousands separators (both "." and "," are decimal marks, as Dutch and English
    /// writers use them); the amount must be positive.
    public static func parse(_ text: String, option: String) throws -> Int64 {
        var body = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        for prefix in ["EUR", "€"] where body.uppercased().hasPrefix(prefix) {
            body = body.dropFirst(prefix.count).drop { $0 == " " }
        }
        let parts = body.split(separator: body.contains(",") ? "," : ".", omittingEmptySubsequences: false)
        let wholeText = parts[0]
        let fractionText = parts.count > 1 ? parts[1] : ""
        guard parts.count <= 2, !wholeText.isEmpty, wholeText.count <= 9, fractionText.count <= 2,
              parts.count == 1 || !fractionText.isEmpty,
              (wholeText + fractionText).allSatisfy({ $0.isASCII && $0.isNumber }),
              let whole = Int64(wholeText)
        else {
            throw UsageError("\(option) '\(text)' is not an amount in euros: write e.g. 7.50 or 150 (at most two decimals, no thousands separator)")
        }
        let fraction = Int64(fractionText.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0
        let cents = whole * 100 + fraction
        guard cents > 0, cents <= maximumCents else {
            throw UsageError("\(option) '\(text)' is out of range: use an amount above 0 and at most EUR \(format(maximumCents))")
        }
        return cents
    }

    /// "7.50": euros with two decimals and a point, as in files and English text.
    public static func format(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let remainder = magnitude % 100
        return "\(sign)\(magnitude / 100).\(remainder < 10 ? "0" : "")\(remainder)"
    }

    /// "€ 7,50": the Dutch way of writing an amount.
    public static func dutch(_ cents: Int64) -> String {
        "€ " + format(cents).replacingOccurrences(of: ".", with: ",")
    }
}
