import Foundation

/// An amount of money in an explanation, as a number: `units` of `10^-scale` currency. The amounts a rule computes
/// exactly keep the election's scale; fractional ones (what MES voters paid, a Phragmén load) are rounded to cents
/// (`rounded`). In JSON it is written as it always was: grouped by thousands (`12 000`, `1 250.50`), a rounded
/// amount without `.00`.
public struct ReasonAmount: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The amount times `10^scale`.
    public let units: Int64
    /// The number of decimals of `units`.
    public let scale: Int
    /// Whether the rule's exact amount was a fraction, rounded here to cents.
    public let rounded: Bool

    /// `units / 10^scale`.
    public init(units: Int64, scale: Int, rounded: Bool = false) {
        self.units = units
        self.scale = scale
        self.rounded = rounded
    }

    /// `moneyUnits` (a possibly fractional number of `10^-scale` units) rounded to cents.
    init(approximately moneyUnits: Double, scale: Int) {
        var currency = moneyUnits
        for _ in 0..<scale { currency /= 10 }
        let text = String(format: "%.2f", currency)
        self.init(units: ReasonAmount(parsing: text)?.units ?? 0, scale: 2, rounded: true)
    }

    /// Grouped by thousands with a space (`1 250.50`); a rounded whole amount without `.00`.
    public var description: String {
        let plain = DecimalAmount.format(units: units, scale: scale)
        return AllocationInput.grouped(rounded && plain.hasSuffix(".00") ? String(plain.dropLast(3)) : plain)
    }

    /// Reads ``description``'s form back (`1 250.50`, `-3`); nil for anything else.
    public init?(parsing text: String) {
        let plain = text.filter { $0 != " " }
        let negative = plain.hasPrefix("-")
        guard let amount = DecimalAmount(parsing: negative ? String(plain.dropFirst()) : plain) else { return nil }
        self.init(units: negative ? -amount.units : amount.units, scale: amount.scale)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let amount = ReasonAmount(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an amount")
        }
        self = amount
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
