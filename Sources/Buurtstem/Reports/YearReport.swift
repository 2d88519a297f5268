/// The raad's view of a period: per wijk over every election and cheque round in it, the budget, what was
/// committed and paid, the funded projects, turnout and cheque reach.
public struct YearReport: Sendable, Codable {
    /// One wijk's year (or the total).
    public struct WijkYear: Sendable, Codable, Equatable {
        /// The wijk's code (the gemeente's for the total).
        public let code: String
        /// Its name.
        public let name: String
        /// Budgets decided over in the period: the contests' budgets plus the value of the cheques issued, in cents.
        public var budgetCents: Int64 = 0
        /// The wijk's cap from its budget plan for the period, in cents; nil when none is set (filled by the caps work).
        public var capCents: Int64?
        /// Committed: the funded election projects' cost plus what funded cheque initiatives collected, in cents.
        public var committedCents: Int64 = 0
        /// Paid: what settled cheque rounds paid to funded initiatives, in cents (payments to election projects
        /// are made outside Buurtstem and are not in the store).
        public var paidCents: Int64 = 0
        /// Funded projects and initiatives.
        public var fundedProjects: Int = 0
        /// Stempassen issued.
        public var passesIssued: Int64 = 0
        /// Ballots counted.
        public var ballotsCounted: Int64 = 0
        /// Ballots counted that were cast at a kiosk (a channel of the stemdag).
        public var ballotsKiosk: Int64 = 0
        /// Ballots counted that were cast on paper and entered by staff (the other channel).
        public var ballotsPaper: Int64 = 0
        /// Ballots per pass, percent, one decimal.
        public var turnoutPercent: Double = 0
        /// Cheques issued.
        public var chequesIssued: Int64 = 0
        /// Cheques redeemed.
        public var chequesRedeemed: Int64 = 0
        /// Cheques redeemed online (a channel of the cheque rounds).
        public var chequesOnline: Int64 = 0
        /// Cheques redeemed on paper, entered by staff.
        public var chequesPaper: Int64 = 0
        /// Cheques redeemed at a kiosk.
        public var chequesKiosk: Int64 = 0
        /// Cheques issued in buurten where an initiative was in the round's scope: there a resident could give one.
        public var chequesInScope: Int64 = 0
        /// Cheques redeemed per cheque issued where an initiative was in scope (`chequesInScope`), percent, one
        /// decimal: a buurt with nothing to give a cheque to would only dilute the share.
        public var chequeReachPercent: Double = 0
        /// The aanvragen received in the period (a buurt's count for its wijk) and what became of them.
        public var proposals = YearProposals()

        /// An empty year for an area.
        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    /// An election or round of the period.
    public struct Item: Sendable, Codable, Equatable {
        /// `election` or `cheque-round`.
        public let kind: String
        /// Its id.
        public let id: String
        /// Its title (rounds: their name as on the letter, "Buurtcheque najaar 2026").
        public let title: String
        /// When it closed (polls) or was issued (cheques), `YYYY-MM-DD` or ISO 8601.
        public let date: String
        /// Whether its numbers are in the view.
        public let included: Bool
        /// Why not, when left out.
        public let note: String?
    }

    /// `year`.
    public let kind: String
    /// The gemeente's CBS code.
    public let gemeente: String
    /// The gemeente's name.
    public let gemeenteName: String
    /// The period.
    public let period: ReportPeriod
    /// Every election and round of the period.
    public let items: [Item]
    /// Every wijk, by code.
    public var wijken: [WijkYear]
    /// The gemeente in total.
    public var total: WijkYear
}
