import BigInt

/// An exact fraction, always in lowest terms with a positive denominator, so that equal values are equal
/// structurally (`==` and `hash` need no normalisation) and ties between rules' scores are decided exactly.
///
/// Values whose numerator and denominator fit in `Int128` are kept as two `Int128`s and computed with
/// overflow-checked machine arithmetic; an operation whose intermediate products would overflow is redone with
/// arbitrary-precision `BigInt`s, and its result goes back to `Int128` when it fits. The representation is
/// canonical (small whenever it fits), so the result is the same exact value either way: the fast path only saves
/// allocations, it never rounds.
struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    private enum Storage: Sendable, Hashable {
        /// Numerator and denominator (positive), coprime; neither is `Int128.min`.
        case small(Int128, Int128)
        /// The same for values that do not fit in `Int128`.
        case big(BigInt, BigInt)
    }

    private let storage: Storage

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
        if let smallN = Int128(exactly: n), let smallD = Int128(exactly: d), smallN != .min {
            storage = .small(smallN, smallD)
        } else {
            storage = .big(n, d)
        }
    }

    /// The integer `value`.
    init(_ value: Int64) {
        storage = .small(Int128(value), 1)
    }

    /// An already reduced small value (`d > 0`, `gcd(n, d) == 1`, neither is `Int128.min`).
    private init(reducedNumerator n: Int128, denominator d: Int128) {
        storage = .small(n, d)
    }

    /// `n / d` reduced; `d` must be positive and neither may be `Int128.min`.
    private static func reducing(_ n: Int128, _ d: Int128) -> Rational {
        let divisor = Int128(gcd(n.magnitude, d.magnitude))
        return Rational(reducedNumerator: n / divisor, denominator: d / divisor)
    }

    /// Zero.
    static let zero = Rational(0)

    /// The numerator; carries the sign.
    var numerator: BigInt {
        switch storage {
        case .small(let n, _): BigInt(n)
        case .big(let n, _): n
        }
    }

    /// The denominator; always positive.
    var denominator: BigInt {
        switch storage {
        case .small(_, let d): BigInt(d)
        case .big(_, let d): d
        }
    }

    /// Whether the value is zero.
    var isZero: Bool {
        if case .small(let n, _) = storage { return n == 0 }
        return false
    }

    /// The largest integer not above the value.
    var floor: BigInt {
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        return remainder.sign == .minus && !remainder.isZero ? quotient - 1 : quotient
    }

    var description: String {
        denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
    }

    static func + (lhs: Rational, rhs: Rational) -> Rational {
        if case .small(let an, let ad) = lhs.storage, case .small(let bn, let bd) = rhs.storage {
            // a/ad + b/bd over the least common denominator (ad / g) * bd.
            let g = Int128(gcd(ad.magnitude, bd.magnitude))
            if let x = product(an, bd / g), let y = product(bn, ad / g), let n = sum(x, y), let d = product(ad / g, bd) {
                return reducing(n, d)
            }
        }
        return Rational(lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator, lhs.denominator * rhs.denominator)
    }

    static func - (lhs: Rational, rhs: Rational) -> Rational {
        lhs + rhs.negated
    }

    /// The value with the opposite sign.
    var negated: Rational {
        switch storage {
        case .small(let n, let d): Rational(reducedNumerator: -n, denominator: d)
        case .big(let n, let d): Rational(-n, d)
        }
    }

    static func * (lhs: Rational, rhs: Rational) -> Rational {
        if case .small(let an, let ad) = lhs.storage, case .small(let bn, let bd) = rhs.storage {
            // Cancelling across first keeps the products reduced (an, ad and bn, bd are coprime).
            let g1 = Int128(gcd(an.magnitude, bd.magnitude))
            let g2 = Int128(gcd(bn.magnitude, ad.magnitude))
            if let n = product(an / g1, bn / g2), let d = product(ad / g2, bd / g1) {
                return n == 0 ? .zero : Rational(reducedNumerator: n, denominator: d)
            }
        }
        return Rational(lhs.numerator * rhs.numerator, lhs.denominator * rhs.denominator)
    }

    /// Division; `rhs` must not be zero.
    static func / (lhs: Rational, rhs: Rational) -> Rational {
        precondition(!rhs.isZero, "Rational division by zero")
        if case .small(let bn, let bd) = rhs.storage {
            // Dividing by bn/bd is multiplying by bd/bn with the sign moved to the numerator.
            return lhs * Rational(reducedNumerator: bn < 0 ? -bd : bd, denominator: bn < 0 ? -bn : bn)
        }
        return Rational(lhs.numerator * rhs.denominator, lhs.denominator * rhs.numerator)
    }

    /// The value times the integer `factor` (cheaper than building a `Rational` for it).
    func times(_ factor: Int64) -> Rational {
        self * Rational(factor)
    }

    /// Whether `self * factor < other * otherFactor`, without building (and reducing) the products.
    func timesIsLess(_ factor: Int64, _ other: Rational, times otherFactor: Int64) -> Bool {
        if case .small(let an, let ad) = storage, case .small(let bn, let bd) = other.storage,
            let x = Self.product(an, Int128(factor)), let y = Self.product(bn, Int128(otherFactor))
        {
            return Self.isLess(x, times: bd, y, times: ad)
        }
        return numerator * BigInt(factor) * other.denominator < other.numerator * BigInt(otherFactor) * denominator
    }

    static func < (lhs: Rational, rhs: Rational) -> Bool {
        if case .small(let an, let ad) = lhs.storage, case .small(let bn, let bd) = rhs.storage {
            return ad == bd ? an < bn : isLess(an, times: bd, bn, times: ad)
        }
        return lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
    }

    /// Whether `a * b < c * d`, exactly: products that do not fit in 128 bits are compared at full 256-bit width.
    private static func isLess(_ a: Int128, times b: Int128, _ c: Int128, times d: Int128) -> Bool {
        let (x, xOverflow) = a.multipliedReportingOverflow(by: b)
        let (y, yOverflow) = c.multipliedReportingOverflow(by: d)
        if !xOverflow, !yOverflow { return x < y }
        let left = a.multipliedFullWidth(by: b)
        let right = c.multipliedFullWidth(by: d)
        return left.high != right.high ? left.high < right.high : left.low < right.low
    }

    /// `a * b`, or nil if it does not fit (or is `Int128.min`, which has no positive counterpart).
    private static func product(_ a: Int128, _ b: Int128) -> Int128? {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow || result == .min ? nil : result
    }

    /// `a + b`, or nil if it does not fit (or is `Int128.min`).
    private static func sum(_ a: Int128, _ b: Int128) -> Int128? {
        let (result, overflow) = a.addingReportingOverflow(b)
        return overflow || result == .min ? nil : result
    }

    /// Euclid's greatest common divisor; `gcd(0, 0)` is 1 so that dividing by it is always safe.
    private static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var a = a
        var b = b
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }
}
