/// Reach and representativeness in one area (a buurt group, a wijk or the whole election or round): how many
/// households, how many got a pass or cheque, how many took part, and how the area's share of the participation
/// compares with its share of what was issued. Percentages are rounded from exact integers, the same everywhere.
package struct ReachLine: Sendable, Codable, Equatable {
    /// What the line is about.
    package enum Level: String, Sendable, Codable {
        /// A buurt, or small buurten merged (``ReachGroup``).
        case buurt
        /// A wijk.
        case wijk
        /// Everything in the report.
        case total
    }

    /// The level.
    package let level: Level
    /// The area's code (a buurt or group code, a wijk code, or the gemeente's code for the total).
    package let code: String
    /// Its name; for merged buurten, their names joined.
    package let name: String
    /// The wijk it lies in (its own code for a wijk, empty for the total).
    package let wijk: String
    /// The buurten counted in this line, by code (empty for wijken and the total).
    package let buurten: [String]
    /// Households in the register snapshot.
    package let households: Int64
    /// Stempassen or cheques issued.
    package let issued: Int64
    /// Ballots counted from kiosks (elections only).
    package let ballotsKiosk: Int64?
    /// Ballots counted from paper, entered at a paper kiosk (elections only).
    package let ballotsPaper: Int64?
    /// Ballots counted (elections) or cheques redeemed (cheque rounds).
    package let participation: Int64
    /// `participation / issued` in percent, one decimal.
    package let turnoutPercent: Double
    /// This area's share of everything issued at its level, in percent, one decimal.
    package let issuedSharePercent: Double
    /// This area's share of all participation at its level, in percent, one decimal.
    package let participationSharePercent: Double
    /// `participationSharePercent - issuedSharePercent` in percentage points, one decimal (negative: fewer took part
    /// than its size would give).
    package let gapPoints: Double
    /// The ratio of the two shares (1 is exactly representative), two decimals; equal to the area's turnout divided
    /// by the turnout of its level.
    package let representation: Double
    /// Whether the share of participation is more than the margin below the share issued (never for an area
    /// whose residents had nothing to take part in, see ``couldTakePart``).
    package let underRepresented: Bool
    /// False for an area whose residents could not take part: a cheque round with no initiative within the cheques'
    /// scope (their own buurt or wijk). Always true for elections.
    package let couldTakePart: Bool

    /// A line from exact counts; `issuedTotal` and `participationTotal` are the level's totals, `marginPercent` the
    /// margin of the flag, `couldTakePart` false where there was nothing to take part in (no flag then).
    package init(level: Level, code: String, name: String, wijk: String, buurten: [String], households: Int64, issued: Int64,
                ballotsKiosk: Int64?, ballotsPaper: Int64?, participation: Int64, issuedTotal: Int64, participationTotal: Int64,
                marginPercent: Int, couldTakePart: Bool = true) {
        self.level = level
        self.code = code
        self.name = name
        self.wijk = wijk
        self.buurten = buurten
        self.households = households
        self.issued = issued
        self.ballotsKiosk = ballotsKiosk
        self.ballotsPaper = ballotsPaper
        self.participation = participation
        turnoutPercent = Self.tenths(participation * 100, issued)
        issuedSharePercent = Self.tenths(issued * 100, issuedTotal)
        participationSharePercent = Self.tenths(participation * 100, participationTotal)
        // (p/P - i/I) * 100 = (p*I - i*P) * 100 / (P*I), rounded to tenths.
        gapPoints = participationTotal > 0 && issuedTotal > 0
            ? Self.tenths((participation * issuedTotal - issued * participationTotal) * 100, participationTotal * issuedTotal) : 0
        // (p/P) / (i/I) = p*I / (i*P), to hundredths.
        representation = issued > 0 && participationTotal > 0
            ? Double(Self.rounded(participation * issuedTotal * 100, issued * participationTotal)) / 100 : 0
        self.couldTakePart = couldTakePart
        underRepresented = couldTakePart && issued > 0 && participationTotal > 0
            && participation * issuedTotal * 100 < issued * participationTotal * Int64(100 - marginPercent)
    }

    /// `numerator / denominator` rounded half away from zero to one decimal (0 without a denominator), by the one
    /// rounding of percentages (`Percent`).
    static func tenths(_ numerator: Int64, _ denominator: Int64) -> Double {
        denominator > 0 ? Double(Percent.rounded(numerator * 10, denominator)) / 10 : 0
    }

    /// `numerator / denominator` rounded half away from zero to a whole number; `denominator` > 0.
    static func rounded(_ numerator: Int64, _ denominator: Int64) -> Int64 {
        Percent.rounded(numerator, denominator)
    }
}
