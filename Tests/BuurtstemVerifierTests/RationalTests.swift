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
}
