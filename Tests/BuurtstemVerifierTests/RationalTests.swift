import BigInt
import Testing
@testable import BuurtstemVerifier

struct RationalTests {
    @Test func keepsLowestTermsWithPositiveDenominator() {
        let value = Rational(BigInt(6), BigInt(-4))
        #expect(value.numerator == -3)
        #expect(value.denominator == 2)
        #expect(Rational(BigInt(0), BigInt(-7)) == .zero)
        #expect(Rational(BigInt(2), BigInt(4)) == Rational(BigInt(1), BigInt(2)))
    }

    @Test func arithmeticIsExact() {
        let third = Rational(BigInt(1), BigInt(3))
        let sixth = Rational(BigInt(1), BigInt(6))
        #expect(third + sixth == Rational(BigInt(1), BigInt(2)))
        #expect(third - sixth == sixth)
        #expect(third * sixth == Rational(BigInt(1), BigInt(18)))
        #expect(third / sixth == Rational(2))
        #expect(third.times(6) == Rational(2))
        #expect(sixth < third)
        #expect(!(third < third))
        #expect(Rational(BigInt(-1), BigInt(3)) < .zero)
    }

    @Test func floorRoundsDown() {
        #expect(Rational(BigInt(7), BigInt(2)).floor == 3)
        #expect(Rational(BigInt(-7), BigInt(2)).floor == -4)
        #expect(Rational(BigInt(-6), BigInt(2)).floor == -3)
        #expect(Rational(100_000).floor == 100_000)
    }

    /// Values cross between the Int128 fast path and BigInt without changing: results that overflow 128 bits are
    /// exact, and results that fit again compare and hash equal to the same value built directly.
    @Test func overflowFallsBackToBigIntExactly() {
        let huge = BigInt(1) << 126
        let large = Rational(huge - 2, BigInt(3))  // fits in Int128
        let sum = large + large + large  // about 2^126: the numerator overflows Int128 on the way
        #expect(sum == Rational(huge - 2, 1))
        let square = large * large
        #expect(square.numerator == (huge - 2) * (huge - 2))
        #expect(square.denominator == 9)
        let back = square / large
        #expect(back == large)
        #expect(back.hashValue == Rational(huge - 2, BigInt(3)).hashValue)
        #expect(square - square == .zero)
        #expect(large < square)
        #expect(!(square < large))
        #expect(Rational(huge * huge + 1, huge).floor == huge)
        let tiny = Rational(BigInt(1), huge * huge)
        #expect(tiny < Rational(BigInt(1), huge))
        #expect(tiny.times(2) == Rational(BigInt(2), huge * huge))
        #expect(!Rational(BigInt(3), huge * huge).timesIsLess(1, tiny, times: 3))
        #expect(!tiny.timesIsLess(3, Rational(BigInt(3), huge * huge), times: 1))
    }

    @Test func comparisonIsExactAtFullWidth() {
        // a * d and c * b differ only in the lowest bit of a 250-bit product.
        let a = (BigInt(1) << 125) - 1
        let b = (BigInt(1) << 125) - 3
        let left = Rational(a, b)
        let right = Rational(a + 1, b + 1)
        #expect(left > right)
        #expect(right < left)
        #expect(left.timesIsLess(1, right, times: 2))
        #expect(Rational(-7, 1) < Rational(BigInt(-13), BigInt(2)))
    }
}
