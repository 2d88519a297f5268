/// The raad's view of a period: per wijk over every election and cheque round in it, the budget, what was
/// committed and paid, the funded projects, turnout and cheque reach.
package struct YearReport: Sendable, Encodable {
    /// One wijk's year (or the total).
    package struct WijkYear: Sendable, Encodable, Equatable {
        /// The wijk's code (the gemeente's for the total).
        package let code: String
        /// Its name.
        package let name: String
        /// Budgets decided over in the period: the contests' budgets plus the value of the cheques issued, in cents.
        package var budgetCents: Int64 = 0
        /// The wijk's cap from its budget plan for the period, in cents; nil when none is set (filled by the caps work).
        package var capCents: Int64?
        /// Committed: the funded election projects' cost plus what funded cheque initiatives collected, in cents.
        package var committedCents: Int64 = 0
        /// Paid: what settled cheque rounds paid to funded initiatives, in cents (payments to election projects
        /// are made outside Buurtstem and are not in the store).
        package var paidCents: Int64 = 0
        /// Funded projects and initiatives.
        package var fundedProjects: Int = 0
        /// Stempassen issued.
        package var passesIssued: Int64 = 0
        /// Ballots counted.
        package var ballotsCounted: Int64 = 0
        /// Ballots counted that were cast at a kiosk (a channel of the stemdag).
        package var ballotsKiosk: Int64 = 0
        /// Ballots counted that were cast on paper and entered by staff (the other channel).
        package var ballotsPaper: Int64 = 0
        /// Ballots per pass, percent, one decimal.
        package var turnoutPercent: Double = 0
        /// Cheques issued.
        package var chequesIssued: Int64 = 0
        /// Cheques redeemed.
        package var chequesRedeemed: Int64 = 0
        /// Cheques redeemed online (a channel of the cheque rounds).
        package var chequesOnline: Int64 = 0
        /// Cheques redeemed on paper, entered by staff.
        package var chequesPaper: Int64 = 0
        /// Cheques redeemed at a kiosk.
        package var chequesKiosk: Int64 = 0
        /// Cheques issued in buurten where an initiative was in the round's scope: there a resident could give one.
        package var chequesInScope: Int64 = 0
        /// Cheques redeemed per cheque issued where an initiative was in scope (`chequesInScope`), percent, one
        /// decimal: a buurt with nothing to give a cheque to would only dilute the share.
        package var chequeReachPercent: Double = 0
        /// The aanvragen received in the period (a buurt's count for its wijk) and what became of them.
        package var proposals = YearProposals()

        /// An empty year for an area.
        package init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    /// An election or round of the period.
    package struct Item: Sendable, Codable, Equatable {
        /// `election` or `cheque-round`.
        package let kind: String
        /// Its id.
        package let id: String
        /// Its title (rounds: their name as on the letter, "Buurtcheque najaar 2026").
        package let title: String
        /// When it closed (polls) or was issued (cheques), `YYYY-MM-DD` or ISO 8601.
        package let date: String
        /// Whether its numbers are in the view.
        package let included: Bool
        /// Why not, when left out.
        package let note: String?
    }

    /// `year`.
    package let kind: String
    /// The gemeente's CBS code.
    package let gemeente: String
    /// The gemeente's name.
    package let gemeenteName: String
    /// The period.
    package let period: ReportPeriod
    /// Every election and round of the period.
    package let items: [Item]
    /// Every wijk, by code.
    package var wijken: [WijkYear]
    /// The gemeente in total.
    package var total: WijkYear
}
