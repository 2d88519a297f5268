/// A funder's part of a plan as an exact fraction (`1/2`, `50 %`, `33,5 %`), never a floating-point number, so
/// that "the shares add up to 100 %" is a yes or no question.
public struct Share: Sendable, Hashable, Encodable, CustomStringConvertible {
    /// The numerator, in lowest terms.
    public let numerator: Int64
    /// The denominator, in lowest terms; at most `maximumDenominator`.
    public let denominator: Int64

    /// The largest denominator accepted: a percentage with four decimals (1/10^6) is the finest a plan states.
    /// It also keeps every product in the cent split (`remainder × numerator`, at most 10^12) far from overflow.
    public static let maximumDenominator: Int64 = 1_000_000

    /// All of it: 100 %.
    public static let whole = Share(reducing: 1, 1)

    /// The fraction `numerator/denominator` in lowest terms; both positive.
    init(reducing numerator: Int64, _ denominator: Int64) {
        precondition(numerator >= 0 && denominator > 0, "a share is a non-negative fraction")
        let divisor = Self.gcd(numerator, denominator)
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    /// Reads `50 %`, `50%`, `12,5 %`, `12.5 %` (up to four decimals) or `1/3`; nil for anything else, for zero, for
    /// more than 100 % and for a denominator above `maximumDenominator`.
    ///
    /// A bare number (`50`, `0.5`) is refused: whether it means a percentage or a fraction is exactly the kind of
    /// doubt a plan must not leave.
    public init?(parsing text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        let share: Share
        if text.hasSuffix("%") {
            let number = text.dropLast().trimmingCharacters(in: .whitespaces)
            let parts = number.split(separator: number.contains(",") ? "," : ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let whole = Self.digits(parts[0], atMost: 3) else { return nil }
            var fraction: Int64 = 0, scale: Int64 = 1
            if parts.count == 2 {
                guard let value = Self.digits(parts[1], atMost: 4) else { return nil }
                fraction = value
                scale = [10, 100, 1000, 10_000][parts[1].count - 1]
            }
            share = Share(reducing: whole * scale + fraction, 100 * scale)
        } else {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let numerator = Self.digits(parts[0].trimmingCharacters(in: .whitespaces), atMost: 7),
                  let denominator = Self.digits(parts[1].trimmingCharacters(in: .whitespaces), atMost: 7),
                  denominator > 0 else { return nil }
            share = Share(reducing: numerator, denominator)
        }
        guard share.numerator > 0, share.numerator <= share.denominator, share.denominator <= Self.maximumDenominator else { return nil }
        self = share
    }

    /// `self + other` exactly, or nil when the common denominator does not fit in 64 bits.
    public func adding(_ other: Share) -> Share? {
        guard let (left, right, denominator) = commonDenominator(with: other) else { return nil }
        let (sum, overflow) = left.addingReportingOverflow(right)
        return overflow ? nil : Share(reducing: sum, denominator)
    }

    /// How far `self` is from `other`, and whether it is below it; nil on overflow.
    public func distance(to other: Share) -> (distance: Share, below: Bool)? {
        guard let (left, right, denominator) = commonDenominator(with: other) else { return nil }
        return (Share(reducing: max(left, right) - min(left, right), denominator), left < right)
    }

    /// Both numerators over the least common denominator.
    private func commonDenominator(with other: Share) -> (Int64, Int64, Int64)? {
        let divisor = Self.gcd(denominator, other.denominator)
        let (denominator, o1) = (self.denominator / divisor).multipliedReportingOverflow(by: other.denominator)
        let (left, o2) = numerator.multipliedReportingOverflow(by: other.denominator / divisor)
        let (right, o3) = other.numerator.multipliedReportingOverflow(by: self.denominator / divisor)
        return o1 || o2 || o3 ? nil : (left, right, denominator)
    }

    /// As a person reads it: a percentage with up to four decimals (`50 %`, `12,5 %`) when it is one, otherwise
    /// the fraction (`1/3`).
    public var description: String {
        guard 1_000_000 % denominator == 0 else { return "\(numerator)/\(denominator)" }
        let millionths = numerator * (1_000_000 / denominator) // percent × 10^4
        var text = "\(millionths / 10_000)"
        var fraction = String(millionths % 10_000)
        if fraction != "0" {
            fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "," + fraction
        }
        return text + " %"
    }

    private static func digits(_ text: some StringProtocol, atMost count: Int) -> Int64? {
        guard (1...count).contains(text.count), text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int64(text)
    }

    private static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }
}
