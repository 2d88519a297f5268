/// Shares as percentages with one decimal, for people: `41,0 %`. The one rounding and the one writer of
/// percentages in the engine, the CLI and the results site, so `buurtstem tally` and the site never disagree
/// (truncating in one place and rounding in another once printed 40,9 % beside 41,0 % for the same turnout).
package enum Percent {
    /// `part / whole` in tenths of a percent, rounded half up (away from zero) on exact integers: 129 of 315 is
    /// 409.52... tenths, so 410. Zero when `whole` is zero.
    package static func tenths(_ part: Int64, of whole: Int64) -> Int64 {
        guard whole != 0 else { return 0 }
        return rounded(part * 1000, whole)
    }

    /// `numerator / denominator` rounded half away from zero to a whole number; `denominator` is not zero.
    package static func rounded(_ numerator: Int64, _ denominator: Int64) -> Int64 {
        let magnitude = (numerator.magnitude * 2 + denominator.magnitude) / (2 * denominator.magnitude)
        return (numerator < 0) != (denominator < 0) ? -Int64(magnitude) : Int64(magnitude)
    }

    /// Tenths of a percent written the Dutch way: 410 is `41,0 %`, -5 is `-0,5 %`.
    package static func text(tenths: Int64) -> String {
        let magnitude = tenths.magnitude
        return (tenths < 0 ? "-" : "") + "\(magnitude / 10),\(magnitude % 10) %"
    }

    /// `part / whole` as a percentage the Dutch way, rounded half up: `41,0 %`.
    package static func text(_ part: Int64, of whole: Int64) -> String {
        text(tenths: tenths(part, of: whole))
    }

    /// A percentage already rounded to one decimal (a report's `turnoutPercent`) written the Dutch way. The value
    /// is read back to whole tenths first, so a binary fraction (40.9 is 40.8999...) is never rounded a second time.
    package static func text(_ percent: Double) -> String {
        text(tenths: Int64((percent * 10).rounded()))
    }
}
