import BuurtstemRecord

/// The public result of a closed election, as numbers: what was decided by which rule, every project with its
/// votes, cost and reason, money per area, reach and representativeness per wijk and buurt, and what an observer
/// needs to verify it. The results site (`BuurtstemSite`), `buurtstem report --json` and the CSV files are all
/// made from this one value, so they always show the same numbers.
package struct ElectionReport: Sendable, Codable {
    /// One project's outcome.
    package struct ProjectResult: Sendable, Codable, Equatable {
        /// The project id.
        package let id: String
        /// Its title.
        package let title: String
        /// Its description.
        package let description: String
        /// Its buurt or wijk, if narrower than the contest.
        package let area: String?
        /// Its category, if any.
        package let category: String?
        /// What it costs, in cents.
        package let costCents: Int64
        /// Counted ballots that chose it (the tally's `ballots`).
        package let votes: Int64
        /// Points (cumulative), first preferences (ranking), else equal to `votes` (the tally's `points`).
        package let points: UInt64
        /// Whether it is funded.
        package let funded: Bool
        /// Its place in the order the rule funded projects (1 first), nil when not funded.
        package let fundedOrder: Int?
        /// Why it was or was not funded, in a sentence (the allocation's explanation).
        package let reason: String
        /// The structured explanation behind `reason`.
        package let explanation: ProjectExplanation?
        /// Who pays what part of it, in whole cents (set by ``ElectionReport/setFunders(plan:)``; empty without a plan).
        package var funders: [FunderShare]
    }

    /// One contest's result.
    package struct ContestResult: Sendable, Codable, Equatable {
        /// The contest area (a wijk code, or the gemeente's code).
        package let area: String
        /// Its name.
        package let name: String
        /// Its budget, in cents.
        package let budgetCents: Int64
        /// Its cap from the budget plan, in cents, when one applies (filled by ``ElectionReport/setCaps(_:)``).
        package var capCents: Int64?
        /// What the funded projects cost together, in cents.
        package let fundedCents: Int64
        /// Stempassen issued for it.
        package let passesIssued: Int64
        /// Ballots counted.
        package let ballotsCounted: Int64
        /// Ballots counted per pass issued, in percent, one decimal.
        package let turnoutPercent: Double
        /// Stempassen replaced at the desk for this area (`replacements.json`'s `replaced`): turnout stays over
        /// ``passesIssued``, the households; a replacement without revocation is the only pass beyond them.
        package let passesReplaced: Int64
        /// Of those, the replacements that revoked the household's old pass (`replacements.json`'s `revoked`).
        package let passesRevoked: Int64
        /// Ballots of this area cast with a revoked pass (at a location whose store did not know): void, not counted.
        package let revokedPassBallots: Int64
        /// Every project, in the definition's order.
        package var projects: [ProjectResult]

        /// The budget left: the cap when set, else the budget, minus what was funded.
        package var leftCents: Int64 { (capCents ?? budgetCents) - fundedCents }
    }

    /// `election`.
    package let kind: String
    /// The gemeente's CBS code.
    package let gemeente: String
    /// The gemeente's name.
    package let gemeenteName: String
    /// The election's id.
    package let election: String
    /// Its title.
    package let title: String
    /// When the polls opened, ISO 8601 UTC.
    package let pollsOpen: String
    /// When they closed, ISO 8601 UTC.
    package let pollsClose: String
    /// The ballot type with its limits.
    package let ballot: BallotType
    /// The published rule (`greedy`, `mes`, ...), as in the definition.
    package let allocation: AllocationSpec
    /// Stempassen issued.
    package let passesIssued: Int64
    /// Ballots in all kiosk logs.
    package let ballotsInLogs: Int64
    /// Ballots counted.
    package let ballotsCounted: Int64
    /// Void ballots: a pass that had voted before, or a pass revoked at the desk (per area in
    /// ``ContestResult/revokedPassBallots``).
    package let voidBallots: Int64
    /// Secret or public per stempas, as the signed definition says.
    package let secrecy: BallotSecrecy
    /// A secret election's counted ballots (the first of their pass) that are invalid: a proof that fails, or a
    /// decrypted plaintext that is no valid ballot; not in ``ballotsCounted``. 0 for a public election. Per kiosk
    /// `counted` includes them (the mix unlinks a decrypted ballot from its kiosk), so the kiosks add up to
    /// `ballotsCounted + invalidBallots`.
    package let invalidBallots: Int64
    /// Ballots counted per pass issued, in percent, one decimal.
    package let turnoutPercent: Double
    /// Per kiosk: ballots in its log, of which void, counted; they add up to `ballotsInLogs`, `voidBallots` and
    /// `ballotsCounted`.
    package let kiosks: [KioskBallots]
    /// Per contest.
    package var contests: [ContestResult]
    /// Money per area (wijk contests; for a gemeente-wide contest the gemeente and each wijk its projects are in).
    package var areas: [AreaMoney]
    /// The weighting comparison, when the election has a weighting (filled by the weighting work).
    package var weighting: WeightingComparison?
    /// Who pays the funded projects, per funder and per project, when a budget plan is named (``setFunders(plan:)``).
    package var coFunding: CoFunding? = nil
    /// Reach and representativeness.
    package let reach: Reach
    /// "Verify it yourself".
    package let verification: ReportVerification

    /// Sets the caps of the budget plan on the contests and areas they apply to (area code -> cents); the site
    /// then shows money per wijk against its cap. Refuses a code that is neither a contest area nor an area of
    /// the report, and a negative cap; then nothing is set.
    package mutating func setCaps(_ caps: [String: Int64]) throws {
        let known = Set(contests.map(\.area) + areas.map(\.code))
        if let unknown = caps.keys.sorted().first(where: { !known.contains($0) }) {
            throw BuurtstemError(.notFound, "unknown area '\(unknown)': election \(election) has no contest or projects there; "
                + "its areas: \(known.sorted().joined(separator: ", "))")
        }
        if let negative = caps.first(where: { $0.value < 0 }) {
            throw BuurtstemError(.badInput, "the cap of \(negative.key) is negative (\(negative.value) cents); a cap is an amount of at least 0")
        }
        for index in contests.indices { contests[index].capCents = caps[contests[index].area] }
        for index in areas.indices { areas[index].capCents = caps[areas[index].code] }
    }
}
