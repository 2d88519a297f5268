/// Reach and representativeness of one election or cheque round, per buurt group, per wijk and in total, with
/// the rules the figures were made with (docs/reports.md).
package struct Reach: Sendable, Codable, Equatable {
    /// The margin of the under-representation flag, in percent (relative).
    package let marginPercent: Int
    /// The smallest number of households a published buurt line may have (``ReachPrivacy/minimumHouseholds``).
    package let minimumHouseholds: Int64
    /// Whether counts per buurt exist (stempassen issued before the reach groups existed have none).
    package let buurtCountsAvailable: Bool
    /// Per buurt group, by wijk then code.
    package let buurten: [ReachLine]
    /// Per wijk, by code.
    package let wijken: [ReachLine]
    /// Everything together.
    package let total: ReachLine

    /// Counts of one area before shares are taken.
    package struct Counts: Sendable, Equatable {
        /// Code of the area.
        package var code: String
        /// Its name.
        package var name: String
        /// Its wijk.
        package var wijk: String
        /// Its buurten.
        package var buurten: [String]
        /// Households in the register.
        package var households: Int64 = 0
        /// Passes or cheques issued.
        package var issued: Int64 = 0
        /// Kiosk ballots (elections).
        package var kiosk: Int64 = 0
        /// Paper ballots (elections).
        package var paper: Int64 = 0
        /// Ballots counted or cheques redeemed.
        package var participation: Int64 = 0
        /// False where residents had nothing to take part in (a cheque round without an initiative in scope).
        package var couldTakePart = true

        /// Empty counts for an area.
        package init(code: String, name: String, wijk: String, buurten: [String] = []) {
            self.code = code
            self.name = name
            self.wijk = wijk
            self.buurten = buurten
        }

        /// Adds another area's counts to these (names and `couldTakePart` stay).
        package mutating func add(_ other: Counts) {
            households += other.households
            issued += other.issued
            kiosk += other.kiosk
            paper += other.paper
            participation += other.participation
        }

        /// The sum of `groups` per wijk, by wijk code; `name` names a wijk.
        package static func perWijk(_ groups: [Counts], name: (String) -> String) -> [Counts] {
            var wijken: [String: Counts] = [:]
            for group in groups {
                wijken[group.wijk, default: Counts(code: group.wijk, name: name(group.wijk), wijk: group.wijk)].add(group)
            }
            return wijken.keys.sorted().map { wijken[$0]! }
        }
    }

    /// The reach from counts per buurt group and per wijk; `total` names the whole; `ballots` says whether the
    /// kiosk and paper split applies (elections).
    package init(groups: [Counts], wijken: [Counts], total: (code: String, name: String), ballots: Bool, marginPercent: Int,
                buurtCountsAvailable: Bool) {
        self.marginPercent = marginPercent
        minimumHouseholds = ReachPrivacy.minimumHouseholds
        self.buurtCountsAvailable = buurtCountsAvailable
        func lines(_ counts: [Counts], level: ReachLine.Level) -> [ReachLine] {
            let issued = counts.reduce(0) { $0 + $1.issued }, participation = counts.reduce(0) { $0 + $1.participation }
            return counts.map {
                ReachLine(level: level, code: $0.code, name: $0.name, wijk: $0.wijk, buurten: level == .buurt ? $0.buurten : [],
                          households: $0.households, issued: $0.issued, ballotsKiosk: ballots ? $0.kiosk : nil,
                          ballotsPaper: ballots ? $0.paper : nil, participation: $0.participation, issuedTotal: issued,
                          participationTotal: participation, marginPercent: marginPercent, couldTakePart: $0.couldTakePart)
            }
        }
        buurten = lines(groups, level: .buurt)
        self.wijken = lines(wijken, level: .wijk)
        var sum = Counts(code: total.code, name: total.name, wijk: "")
        for wijk in wijken { sum.add(wijk) }
        self.total = lines([sum], level: .total)[0]
    }

    /// The buurt groups flagged as under-represented.
    package var flagged: [ReachLine] { buurten.filter(\.underRepresented) }
}
