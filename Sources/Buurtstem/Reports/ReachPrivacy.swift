/// The publication rules for counts per buurt: how small an area may be before it is merged, and the default
/// margin beyond which a buurt counts as under-represented (docs/reports.md, "Privacy" and "Representativeness").
package enum ReachPrivacy {
    /// A buurt with fewer households than this in the register snapshot is never stored or shown on its own: it is
    /// merged with the other small buurten of its wijk (or, if those together are still too few, with the wijk's
    /// smallest large buurt). Applied when passes are issued (the store keeps only the group of each pass) and again
    /// in every publication.
    package static let minimumHouseholds: Int64 = 50

    /// The default margin, in percent: an area is flagged as under-represented when its share of the participation
    /// (ballots or redeemed cheques) is more than this far below its share of the passes or cheques issued,
    /// relatively: `share of ballots < share of passes x (1 - margin/100)`.
    package static let defaultMarginPercent = 25

    /// Checks a margin given on the command line.
    package static func checkMargin(_ percent: Int) throws {
        guard (0...100).contains(percent) else {
            throw BuurtstemError(.badInput, "the margin \(percent) is out of range: give a whole percentage from 0 to 100 (default \(defaultMarginPercent)); "
                + "an area is flagged when its share of ballots is more than that many percent below its share of passes")
        }
    }
}
