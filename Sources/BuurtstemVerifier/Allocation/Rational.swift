import BigInt

/// An exact fraction, always in lowest terms with a positive denominator, so that equal values are equal
/// structurally (`==` and `hash` need no normalisation) and ties between rules' scores are decided exactly.
struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The numerator; carries the sign.
    let numerator: BigInt
    /// The denominator; always positive.
    let denominator: BigInt

    /// `numerator / denominator`, reduced. The denominator must not be zero.
    init(_ numerator: BigInt, _ denominator: BigInt = 1) {
        precondition(!denominator.isZero, "Rational with denominator zero")
        var n = numerator
        var d = denominator
        if d.sign == .minus {
            n.negate()
            d.negate()
        }
        let divisor = n.greatestCommonDivisor(with: d)
        if divisor > 1 {
            n /= divisor
            d /= divisor
        }
        self.numerator = n
        self.denominator = d
    }

    /// The integer `value`.
    init(_ value: Int64) {
        self.init(BigInt(value))
    }

    /// Zero.
    static let zero = Rational(0)

    /// Whether the value is zero.
    var isZero: Bool { numerator.isZero }

    /// The largest integer not above the value.
    var floor: BigInt {
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        return remainder.sign == .minus && !remainder.isZero ? quotient - 1 : quotient
    }

    var description: String {
        denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
    }

    static func + (lhs: Rational, rhs: Rational) -> Rational {
        if lhs.denominator == rhs.denominator {
            return Rational(lhs.numerator + rhs.numerator, lhs.denominator)
        }
        return Rational(lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator, lhs.denominator * rhs.denominator)
    }

    static func - (lhs: Rational, rhs: Rational) -> Rational {
        if lhs.denominator == rhs.denominator {
            return Rational(lhs.numerator - rhs.numerator, lhs.denominator)
        }
        return Rational(lhs.numerator * rhs.denominator - rhs.numerator * lhs.denominator, lhs.denominator * rhs.denominator)
    }

    static func * (lhs: Rational, rhs: Rational) -> Rational {
        Rational(lhs.numerator * rhs.numerator, lhs.denominator * rhs.denominator)
    }

    /// Division; `rhs` must not be zero.
    static func / (lhs: Rational, rhs: Rational) -> Rational {
        Rational(lhs.numerator * rhs.denominator, lhs.denominator * rhs.numerator)
    }

    /// The value times the integer `factor` (cheaper than building a `Rational` for it).
    func times(_ factor: Int64) -> Rational {
        Rational(numerator * BigInt(factor), denominator)
    }

    /// Whether `self * factor <= other * otherFactor`, without building (and reducing) the products.
    func timesIsAtMost(_ factor: Int64, _ other: Rational, times otherFactor: Int64) -> Bool {
        numerator * BigInt(factor) * other.denominator <= other.numerator * BigInt(otherFactor) * denominator
    }

    /// Whether `self * factor < other * otherFactor`, without building (and reducing) the products.
    func timesIsLess(_ factor: Int64, _ other: Rational, times otherFactor: Int64) -> Bool {
        numerator * BigInt(factor) * other.denominator < other.numerator * BigInt(otherFactor) * denominator
    }

    static func < (lhs: Rational, rhs: Rational) -> Bool {
        if lhs.denominator == rhs.denominator { return lhs.numerator < rhs.numerator }
        return lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
    }
}
