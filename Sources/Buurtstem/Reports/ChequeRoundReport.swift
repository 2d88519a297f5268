/// The public result of a settled cheque round, as numbers: every initiative with what it collected and whether it
/// is funded, the money per wijk, reach and representativeness per wijk and buurt, and what an observer needs to
/// verify it. The site, `--json` and the CSV files are made from this one value.
package struct ChequeRoundReport: Sendable, Codable {
    /// One initiative's outcome.
    package struct InitiativeResult: Sendable, Codable, Equatable {
        /// Its id.
        package let id: Int64
        /// Its title.
        package let title: String
        /// Its buurt's code.
        package let buurt: String
        /// The buurt's name.
        package let buurtName: String
        /// Its wijk's code.
        package let wijk: String
        /// Its target, in cents.
        package let targetCents: Int64
        /// Cheques it collected.
        package let cheques: Int64
        /// Value collected, in cents.
        package let collectedCents: Int64
        /// Whether it reached its target.
        package let funded: Bool
        /// What it is paid, in cents.
        package let fundedCents: Int64
        /// Why, in a sentence.
        package let reason: String
        /// Who pays what part of what it is paid, in whole cents (set by ``ChequeRoundReport/setFunders(plan:)``;
        /// empty without a plan and for an initiative that is not funded).
        package var funders: [FunderShare]
    }

    /// `cheque-round`.
    package let kind: String
    /// The gemeente's CBS code.
    package let gemeente: String
    /// The gemeente's name.
    package let gemeenteName: String
    /// The round's id.
    package let round: String
    /// The round's name as on the letter ("Buurtcheque najaar 2026"): what the site shows; the id stays for files.
    package var name: String { ChequeRound.name(id: round, issueDate: issueDate) }
    /// Each cheque's value, in cents.
    package let valueCents: Int64
    /// The day the cheques were delivered.
    package let issueDate: String
    /// The last day they could be redeemed.
    package let validUntil: String
    /// `buurt`, `wijk` or `gemeente`: where a cheque may be given.
    package let scope: String
    /// When the round was settled, ISO 8601 UTC.
    package let settledAt: String
    /// Cheques issued.
    package let chequesIssued: Int64
    /// Cheques redeemed (before settlement).
    package let chequesRedeemed: Int64
    /// Value issued, in cents.
    package let issuedCents: Int64
    /// Value redeemed, in cents.
    package let redeemedCents: Int64
    /// Value paid to funded initiatives, in cents.
    package let fundedCents: Int64
    /// Value given to initiatives that missed their target, back to the gemeente, in cents.
    package let returnedCents: Int64
    /// Value never redeemed, back to the gemeente, in cents.
    package let unredeemedCents: Int64
    /// Every initiative, by id.
    package var initiatives: [InitiativeResult]
    /// Money per wijk: the value issued there (budget) and paid to its funded initiatives.
    package var areas: [AreaMoney]
    /// Who pays the funded initiatives, per funder and per initiative, when a budget plan is named (``setFunders(plan:)``).
    package var coFunding: CoFunding? = nil
    /// Reach (households that gave their cheque) and representativeness.
    package let reach: Reach
    /// Per wijk, the cheques redeemed by channel (they add up to the wijk's redeemed cheques in ``reach``).
    package var channels: [RedemptionChannels] = []
    /// "Verify it yourself".
    package let verification: ReportVerification
}
