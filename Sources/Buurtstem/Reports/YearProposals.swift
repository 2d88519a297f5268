/// One wijk's aanvragen in the raad's year view (the verantwoording: plan -> proposals -> decisions -> payments):
/// the proposals received in the period and what became of them, in whole cents, with who pays what.
package struct YearProposals: Sendable, Encodable, Equatable {
    /// Received in the period.
    package var received = 0
    /// Admitted by the toetsing (whatever followed).
    package var admitted = 0
    /// Rejected with reasons.
    package var rejected = 0
    /// Withdrawn.
    package var withdrawn = 0
    /// Decided by the stemdag's outcome (funded or not), after being on its ballot.
    package var decidedByStemdag = 0
    /// Decided by a cheque round's settlement (funded or not), after becoming one of its initiatives: residents
    /// decided with their cheques, not on a stemdag.
    package var decidedByChequeRound = 0
    /// Decided directly by the wijkteam (funded or not), with its signed reasons.
    package var decidedByWijkteam = 0
    /// Funded (gefinancierd, in uitvoering, uitgevoerd, gestopt).
    package var funded = 0
    /// Not funded, by the stemdag, a cheque round or the wijkteam.
    package var notFunded = 0
    /// Asked for by all of them.
    package var requestedCents: Int64 = 0
    /// What the funded ones are funded at.
    package var committedCents: Int64 = 0
    /// Paid.
    package var paidCents: Int64 = 0
    /// Flowed back from finished ones.
    package var returnedCents: Int64 = 0
    /// The same money per funder (the gemeente, co-funders), adding up to the above.
    package var funders: [ProposalFunderMoney] = []

    /// Committed, neither paid nor returned yet.
    package var openCents: Int64 { committedCents - paidCents - returnedCents }

    private enum CodingKeys: String, CodingKey {
        case received, admitted, rejected, withdrawn, decidedByStemdag, decidedByChequeRound, decidedByWijkteam, funded, notFunded
        case requestedCents, committedCents, paidCents, returnedCents, funders, openCents
    }

    /// Nothing yet.
    package init() {}

    /// Writes the counts and money with `openCents`, so `report.json` holds the number the page and the CSV files show.
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(received, forKey: .received)
        try c.encode(admitted, forKey: .admitted)
        try c.encode(rejected, forKey: .rejected)
        try c.encode(withdrawn, forKey: .withdrawn)
        try c.encode(decidedByStemdag, forKey: .decidedByStemdag)
        try c.encode(decidedByChequeRound, forKey: .decidedByChequeRound)
        try c.encode(decidedByWijkteam, forKey: .decidedByWijkteam)
        try c.encode(funded, forKey: .funded)
        try c.encode(notFunded, forKey: .notFunded)
        try c.encode(requestedCents, forKey: .requestedCents)
        try c.encode(committedCents, forKey: .committedCents)
        try c.encode(paidCents, forKey: .paidCents)
        try c.encode(returnedCents, forKey: .returnedCents)
        try c.encode(funders, forKey: .funders)
        try c.encode(openCents, forKey: .openCents)
    }

    /// Adds `proposal` (its funders' parts `parts`).
    mutating func add(_ proposal: ProposalDetails, parts: [ProposalFunderMoney]) {
        received += 1
        switch proposal.status {
        case .rejected: rejected += 1
        case .withdrawn: withdrawn += 1
        default: if proposal.decision != nil { admitted += 1 }
        }
        switch proposal.fundingDecision?.route {
        case .onBallot? where proposal.fundingDecision?.chequeRound != nil: decidedByChequeRound += 1
        case .onBallot?: decidedByStemdag += 1
        case .decidedByWijkteam?: decidedByWijkteam += 1
        default: break
        }
        if proposal.status == .notFunded { notFunded += 1 }
        if let fundedCents = proposal.fundedCents {
            funded += 1
            committedCents += fundedCents
        }
        requestedCents += proposal.requestedCents
        paidCents += proposal.paidCents
        returnedCents += proposal.returnedCents ?? 0
        funders = ProposalFunderMoney.totals(funders + parts)
    }

    /// `self` and `other` together.
    mutating func add(_ other: YearProposals) {
        received += other.received
        admitted += other.admitted
        rejected += other.rejected
        withdrawn += other.withdrawn
        decidedByStemdag += other.decidedByStemdag
        decidedByChequeRound += other.decidedByChequeRound
        decidedByWijkteam += other.decidedByWijkteam
        funded += other.funded
        notFunded += other.notFunded
        requestedCents += other.requestedCents
        committedCents += other.committedCents
        paidCents += other.paidCents
        returnedCents += other.returnedCents
        funders = ProposalFunderMoney.totals(funders + other.funders)
    }
}
