/// One funder's part of the money of funded aanvragen (the gemeente's, or a co-funder's), in whole cents.
///
/// A proposal's funders are its co-funders with their pledged amounts and the gemeente with the rest of the requested
/// amount; every amount of it (paid, and the rest: returned when it is finished, else still open) is split between
/// them in proportion by the largest-remainder rule (``CentSplit``), so per proposal, per wijk and per funder
/// `paid + returned + open = committed`, and the funders' parts add up to the proposal's, to the cent.
package struct ProposalFunderMoney: Sendable, Codable, Equatable {
    /// The funder, e.g. "Gemeente Groningen" or "Woonstichting".
    package let funder: String
    /// Its part of the funded amounts.
    package var committedCents: Int64
    /// Its part of the payments.
    package var paidCents: Int64
    /// Its part of what finished proposals did not use.
    package var returnedCents: Int64
    /// Committed, neither paid nor returned yet.
    package var openCents: Int64 { committedCents - paidCents - returnedCents }

    /// A funder's money.
    package init(funder: String, committedCents: Int64 = 0, paidCents: Int64 = 0, returnedCents: Int64 = 0) {
        self.funder = funder
        self.committedCents = committedCents
        self.paidCents = paidCents
        self.returnedCents = returnedCents
    }

    /// The funders' parts of `proposal`, the gemeente (`gemeente`) first, then the co-funders in the order given;
    /// empty for a proposal that is not funded.
    static func parts(of proposal: ProposalDetails, gemeente: String) -> [ProposalFunderMoney] {
        guard let committed = proposal.fundedCents else { return [] }
        let pledged = proposal.coFunders.reduce(Int64(0)) { $0 + max(0, $1.cents) }
        let weights = [max(0, proposal.requestedCents - pledged)] + proposal.coFunders.map { max(0, $0.cents) }
        let names = [gemeente] + proposal.coFunders.map(\.name)
        guard weights.contains(where: { $0 > 0 }) else { return [] }
        let paid = CentSplit.split(proposal.paidCents, weights: weights)
        let rest = CentSplit.split(max(0, committed - proposal.paidCents), weights: weights)
        let finished = proposal.returnedCents != nil
        return names.indices.map { index in
            ProposalFunderMoney(funder: names[index], committedCents: paid[index] + rest[index], paidCents: paid[index],
                                returnedCents: finished ? rest[index] : 0)
        }
    }

    /// `parts` summed per funder, in the order each funder first appears.
    static func totals(_ parts: [ProposalFunderMoney]) -> [ProposalFunderMoney] {
        var order: [String] = []
        var sums: [String: ProposalFunderMoney] = [:]
        for part in parts {
            if sums[part.funder] == nil { order.append(part.funder) }
            var sum = sums[part.funder] ?? ProposalFunderMoney(funder: part.funder)
            sum.committedCents += part.committedCents
            sum.paidCents += part.paidCents
            sum.returnedCents += part.returnedCents
            sums[part.funder] = sum
        }
        return order.map { sums[$0]! }
    }
}
