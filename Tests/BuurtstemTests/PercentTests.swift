@testable import Buurtstem
import Testing

/// The one writer of percentages: half up on exact integers, a decimal comma, and a report's one-decimal value
/// written back without being rounded twice.
@Suite struct PercentTests {
    @Test func roundsHalfUpOnExactIntegers() {
        #expect(Percent.tenths(129, of: 315) == 410)      // 40.952...: 41,0, not the truncated 40,9
        #expect(Percent.tenths(1, of: 16) == 63)          // 6.25 exactly: half up
        #expect(Percent.tenths(1, of: 3) == 333)
        #expect(Percent.tenths(2, of: 3) == 667)
        #expect(Percent.tenths(-1, of: 16) == -63)        // half away from zero
        #expect(Percent.tenths(5, of: 0) == 0)
        #expect(Percent.tenths(315, of: 315) == 1000)
    }

    @Test func writesTheDutchWay() {
        #expect(Percent.text(129, of: 315) == "41,0 %")
        #expect(Percent.text(tenths: 5) == "0,5 %")
        #expect(Percent.text(tenths: -5) == "-0,5 %")
        #expect(Percent.text(tenths: 1000) == "100,0 %")
        // A report's percentage, already rounded to one decimal, is written as it is.
        #expect(Percent.text(40.9) == "40,9 %")
        #expect(Percent.text(43.5) == "43,5 %")
        #expect(Percent.text(ReachLine.tenths(129 * 100, 315)) == Percent.text(129, of: 315))
    }
}
