/// An arbitrary-size natural number, just large enough in features for MES's exact fallbacks.
///
/// MES budgets are rationals whose denominators multiply up over the rounds (266 bits on Amsterdam 621),
/// beyond `Int128`. Only a few operations are needed: multiply by a word, add, subtract a smaller number,
/// compare, multiply, and remainder / division by a word. Limbs are little-endian 64-bit words without
/// leading zeros, so equal numbers have equal limbs.
struct BigNatural: Sendable, Hashable, Comparable, CustomStringConvertible {
    private(set) var limbs: [UInt64]

    static let zero = BigNatural(UInt64(0))

    init(_ value: UInt64) {
        limbs = value == 0 ? [] : [value]
    }

    init(_ value: Int64) {
        precondition(value >= 0, "a natural number cannot be negative")
        self.init(UInt64(value))
    }

    private init(limbs: [UInt64]) {
        self.limbs = limbs
        normalise()
    }

    var isZero: Bool { limbs.isEmpty }

    private mutating func normalise() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    static func < (lhs: BigNatural, rhs: BigNatural) -> Bool {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count }
        for index in stride(from: lhs.limbs.count - 1, through: 0, by: -1) where lhs.limbs[index] != rhs.limbs[index] {
            return lhs.limbs[index] < rhs.limbs[index]
        }
        return false
    }

    static func * (lhs: BigNatural, rhs: UInt64) -> BigNatural {
        var result = lhs
        result.multiply(by: rhs)
        return result
    }

    mutating func multiply(by factor: UInt64) {
        guard factor != 0 else { limbs.removeAll(); return }
        var carry: UInt64 = 0
        for index in limbs.indices {
            let (high, low) = limbs[index].multipliedFullWidth(by: factor)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            limbs[index] = sum
            carry = high &+ (overflow ? 1 : 0)
        }
        if carry != 0 { limbs.append(carry) }
    }

    /// `self += other * factor` without building the product (the inner loop of every exact sum here).
    mutating func add(_ other: BigNatural, times factor: UInt64) {
        guard factor != 0, !other.isZero else { return }
        if limbs.count < other.limbs.count + 1 {
            limbs.append(contentsOf: repeatElement(0, count: other.limbs.count + 1 - limbs.count))
        }
        var carry: UInt64 = 0
        var index = 0
        while index < other.limbs.count {
            let (high, low) = other.limbs[index].multipliedFullWidth(by: factor)
            let (s1, o1) = limbs[index].addingReportingOverflow(low)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            limbs[index] = s2
            carry = high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            index += 1
        }
        while carry != 0 {
            if index == limbs.count { limbs.append(0) }
            let (sum, overflow) = limbs[index].addingReportingOverflow(carry)
            limbs[index] = sum
            carry = overflow ? 1 : 0
            index += 1
        }
        normalise()
    }

    static func + (lhs: BigNatural, rhs: BigNatural) -> BigNatural {
        var result = lhs
        result += rhs
        return result
    }

    static func += (lhs: inout BigNatural, rhs: BigNatural) {
        if lhs.limbs.count < rhs.limbs.count {
            lhs.limbs.append(contentsOf: repeatElement(0, count: rhs.limbs.count - lhs.limbs.count))
        }
        var carry: UInt64 = 0
        for index in lhs.limbs.indices {
            let other = index < rhs.limbs.count ? rhs.limbs[index] : 0
            if other == 0 && carry == 0 && index >= rhs.limbs.count { break }
            let (s1, o1) = lhs.limbs[index].addingReportingOverflow(other)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            lhs.limbs[index] = s2
            carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        if carry != 0 { lhs.limbs.append(carry) }
    }

    /// `lhs - rhs`; `rhs` must not exceed `lhs`.
    static func - (lhs: BigNatural, rhs: BigNatural) -> BigNatural {
        precondition(!(lhs < rhs), "natural subtraction below zero")
        var result = lhs.limbs
        var borrow: UInt64 = 0
        for index in result.indices {
            let other = index < rhs.limbs.count ? rhs.limbs[index] : 0
            if other == 0 && borrow == 0 && index >= rhs.limbs.count { break }
            let (d1, o1) = result[index].subtractingReportingOverflow(other)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            result[index] = d2
            borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        return BigNatural(limbs: result)
    }

    static func * (lhs: BigNatural, rhs: BigNatural) -> BigNatural {
        guard !lhs.isZero, !rhs.isZero else { return .zero }
        var result = [UInt64](repeating: 0, count: lhs.limbs.count + rhs.limbs.count)
        for i in lhs.limbs.indices {
            var carry: UInt64 = 0
            let a = lhs.limbs[i]
            for j in rhs.limbs.indices {
                let (high, low) = a.multipliedFullWidth(by: rhs.limbs[j])
                let (s1, o1) = result[i + j].addingReportingOverflow(low)
                let (s2, o2) = s1.addingReportingOverflow(carry)
                result[i + j] = s2
                carry = high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            }
            result[i + rhs.limbs.count] = carry
        }
        return BigNatural(limbs: result)
    }

    /// Quotient and remainder of division by a non-zero word.
    func quotientAndRemainder(dividingBy divisor: UInt64) -> (quotient: BigNatural, remainder: UInt64) {
        precondition(divisor != 0, "division by zero")
        var quotient = limbs
        var remainder: UInt64 = 0
        for index in stride(from: limbs.count - 1, through: 0, by: -1) {
            let (q, r) = divisor.dividingFullWidth((high: remainder, low: limbs[index]))
            quotient[index] = q
            remainder = r
        }
        return (BigNatural(limbs: quotient), remainder)
    }

    /// The number of significant bits.
    var bitWidth: Int {
        guard let top = limbs.last else { return 0 }
        return limbs.count * 64 - top.leadingZeroBitCount
    }

    /// The top 64 significant bits and how far they are shifted: `self ~ top * 2^shift` (truncated).
    private var leadingWord: (top: UInt64, shift: Int) {
        let width = bitWidth
        guard width > 64 else { return (limbs.first ?? 0, 0) }
        let shift = width - 64
        let limb = shift / 64, bit = shift % 64
        var top = limbs[limb] >> UInt64(bit)
        if bit != 0 { top |= limbs[limb + 1] << UInt64(64 - bit) }
        return (top, shift)
    }

    /// `numerator / denominator` as a Double, within 3 units in the last place (truncation to 64 bits
    /// each costs at most 2^-63 relative, then two roundings).
    static func ratio(_ numerator: BigNatural, _ denominator: BigNatural) -> Double {
        precondition(!denominator.isZero, "division by zero")
        guard !numerator.isZero else { return 0 }
        let n = numerator.leadingWord, d = denominator.leadingWord
        let quotient = Double(n.top) / Double(d.top)
        return quotient * pow2(n.shift - d.shift)
    }

    private static func pow2(_ exponent: Int) -> Double {
        Double(sign: .plus, exponent: exponent, significand: 1)
    }

    /// Decimal digits.
    var description: String {
        guard !isZero else { return "0" }
        var chunks: [UInt64] = []
        var rest = self
        let base: UInt64 = 10_000_000_000_000_000_000
        while !rest.isZero {
            let (q, r) = rest.quotientAndRemainder(dividingBy: base)
            chunks.append(r)
            rest = q
        }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return text
    }

    /// The greatest common divisor of this number and a non-zero word.
    func gcd(_ other: UInt64) -> UInt64 {
        var a = other, b = quotientAndRemainder(dividingBy: other).remainder
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
