/// The public result of a settled cheque round, as numbers: every initiative with what it collected and whether it
/// is funded, the money per wijk, reach and representativeness per wijk and buurt, and what an observer needs to
/// verify it. The site, `--json` and the CSV files are made from this one value.
public struct ChequeRoundReport: Sendable, Codable {
    /// One initiative's outcome.
    public struct InitiativeResult: Sendable, Codable, Equatable {
        /// Its id.
        public let id: Int64
        /// Its title.
        public let title: String
        /// Its buurt's code.
        public let buurt: String
        /// The buurt's name.
        public let buurtName: String
        /// Its wijk's code.
        public let wijk: String
        /// Its target, in cents.
        public let targetCents: Int64
        /// Cheques it collected.
        public let cheques: Int64
        /// Value collected, in cents.
        public let collectedCents: Int64
        /// Whether it reached its target.
        public let funded: Bool
        /// What it is paid, in cents.
        public let fundedCents: Int64
        /// Why, in a sentence.
        public let reason: String
        /// Who pays what part of what it is paid, in whole cents (set by ``ChequeRoundReport/setFunders(plan:)``;
        /// empty without a plan and for an initiative that is not funded).
        public var funders: [FunderShare]
    }

    /// `cheque-round`.
    public let kind: String
    /// The gemeente's CBS code.
    public let gemeente: String
    /// The gemeente's name.
    public let gemeenteName: String
    /// The round's id.
    public let round: String
    /// The round's name as on the letter ("Buurtcheque najaar 2026"): what the site shows; the id stays for files.
    public var name: String { ChequeRound.name(id: round, issueDate: issueDate) }
    /// Each cheque's value, in cents.
    public let valueCents: Int64
    /// The day the cheques were delivered.
    public let issueDate: String
    /// The last day they could be redeemed.
    public let validUntil: String
    /// `buurt`, `wijk` or `gemeente`: where a cheque may be given.
    public let scope: String
    /// When the round was settled, ISO 8601 UTC.
    public let settledAt: String
    /// Cheques issued.
    public let chequesIssued: Int64
    /// Cheques redeemed (before settlement).
    public let chequesRedeemed: Int64
    /// Value issued, in cents.
    public let issuedCents: Int64
    /// Value redeemed, in cents.
    public let redeemedCents: Int64
    /// Value paid to funded initiatives, in cents.
    public let fundedCents: Int64
    /// Value given to initiatives that missed their target, back to the gemeente, in cents.
    public let returnedCents: Int64
    /// Value never redeemed, back to the gemeente, in cents.
    public let unredeemedCents: Int64
    /// Every initiative, by id.
    public var initiatives: [InitiativeResult]
    /// Money per wijk: the value issued there (budget) and paid to its funded initiatives.
    public var areas: [AreaMoney]
    /// Who pays the funded initiatives, per funder and per initiative, when a budget plan is named (``setFunders(plan:)``).
    public var coFunding: CoFunding? = nil
    /// Reach (households that gave their cheque) and representativeness.
    public let reach: Reach
    /// Per wijk, the cheques redeemed by channel (they add up to the wijk's redeemed cheques in ``reach``).
    public var channels: [RedemptionChannels] = []
    /// "Verify it yourself".
    public let verification: ReportVerification
}
