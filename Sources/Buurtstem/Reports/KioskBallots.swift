/// One kiosk's (or the paper channel's) ballots: how many are in its signed log, how many of those are void
/// because their pass had voted before, and how many count. Per kiosk `counted` = `inLog` - `void`, and over all
/// kiosks the counted ballots are the report's `ballotsCounted`, so the totals on the site reconcile.
package struct KioskBallots: Sendable, Codable, Equatable {
    /// The kiosk's name in the record (`bibliotheek`, `papier`).
    package let kiosk: String
    /// How its ballots arrived: at the kiosk, or on paper entered by staff.
    package let channel: BallotChannel
    /// Ballots in its final signed log (the tree head's size).
    package let inLog: Int64
    /// Of those, void: a pass that had voted before (the first ballot of a pass counts, wherever it was cast).
    package let void: Int64
    /// Of those, counted.
    package let counted: Int64

    /// Per kiosk of the final log heads, with the tally's void ballots subtracted, in the heads' order.
    package static func lines(heads: [(kiosk: String, size: UInt64)], voids: [Tally.VoidBallot]) -> [KioskBallots] {
        var voidCount: [String: Int64] = [:]
        for void in voids { voidCount[void.kiosk, default: 0] += 1 }
        return heads.map { head in
            let void = voidCount[head.kiosk] ?? 0
            return KioskBallots(kiosk: head.kiosk, channel: BallotChannel.of(kiosk: head.kiosk), inLog: Int64(head.size), void: void,
                                counted: Int64(head.size) - void)
        }
    }
}
