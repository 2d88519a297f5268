import BuurtstemRecord
import Foundation
import GRDB

/// A proposal as `buurtstem proposal list` and `show` present it: its public details, its status in Dutch, and
/// (for `show`) its history from the log. The contact is included only when asked for.
public struct ProposalDetails: Sendable, Codable, Equatable {
    /// One step of its history, from the proposals log.
    public struct Step: Sendable, Codable, Equatable {
        /// Position in the log.
        public let sequence: UInt64
        /// When, in milliseconds since 1970 (UTC).
        public let timeMillis: Int64
        /// What happened, in Dutch.
        public let text: String
    }

    /// The decision to fund a proposal or not, after the toetsing: the stemdag's outcome or the wijkteam's.
    public struct FundingDecision: Sendable, Codable, Equatable {
        /// Who decided: `on_ballot` (the stemdag, by the published rule) or `decided_by_wijkteam` (the wijkteam).
        public let route: ProposalStatus
        /// `funded` or `not_funded`.
        public let outcome: ProposalStatus
        /// The signed reasons: the allocation's reason, the cheque round's amounts, or the wijkteam's reasons with
        /// the recusals.
        public let reasons: String
        /// The cheque round whose settlement decided it, when the aanvraag became one of its initiatives (route
        /// `on_ballot`, the residents deciding with their cheques instead of on a stemdag).
        public var chequeRound: String? = nil
    }

    /// The proposal's id.
    public let id: Int64
    /// Buurt or wijk code.
    public let area: String
    /// The area's name.
    public let areaName: String
    /// Title.
    public let title: String
    /// Description.
    public let description: String
    /// Requested amount in cents.
    public let requestedCents: Int64
    /// Cost breakdown.
    public let costs: [ProposalAmount]
    /// Eigen inbreng in hours.
    public let ownHours: Int64
    /// Eigen inbreng in cents.
    public let ownCents: Int64
    /// Co-funders.
    public let coFunders: [ProposalAmount]
    /// Wijkperspectief goals.
    public let goals: [String]
    /// Status.
    public let status: ProposalStatus
    /// Status in Dutch.
    public let statusText: String
    /// The decision's reasons, once decided.
    public let decision: String?
    /// The decision to fund it or not, once taken (by the stemdag or the wijkteam).
    public let fundingDecision: FundingDecision?
    /// Paid so far, in cents.
    public let paidCents: Int64
    /// What it is funded at, once funded: the requested amount, or less with ``fundingReason`` (a cap, a partial grant).
    public let fundedCents: Int64?
    /// Why it is funded at less than requested, if it is.
    public let fundingReason: String?
    /// What flows back, in cents: the requested amount not paid, once the proposal is uitgevoerd or gestopt.
    public let returnedCents: Int64?
    /// The initiatiefnemer's contact: only with `--with-contact` (staff only).
    public let contact: String?
    /// The history (only for `show`).
    public let history: [Step]?

    /// Every proposal, by id, optionally only those with `status`.
    public static func list(in store: Store, status: ProposalStatus? = nil, includeContact: Bool = false,
                            history: Bool = false) throws -> [ProposalDetails] {
        try store.read { db in
            var request = Proposal.order(Column("id"))
            if let status { request = request.filter(Column("status") == status.rawValue) }
            return try request.fetchAll(db).map { try details($0, includeContact: includeContact, history: history, db) }
        }
    }

    /// Proposal `id` with its history.
    public static func show(_ id: Int64, in store: Store, includeContact: Bool = false) throws -> ProposalDetails {
        try store.read { db in
            guard let proposal = try Proposal.fetchOne(db, key: id) else {
                throw BuurtstemError(.notFound, "there is no proposal \(id)", remedy: .listProposals)
            }
            return try details(proposal, includeContact: includeContact, history: true, db)
        }
    }

    static func details(_ proposal: Proposal, includeContact: Bool, history: Bool, _ db: Database) throws -> ProposalDetails {
        let id = proposal.id!
        let areaName = try Buurt.fetchOne(db, key: proposal.areaCode)?.name ?? Wijk.fetchOne(db, key: proposal.areaCode)?.name ?? proposal.areaCode
        let lines = try ProposalLog.lines(proposal: id, db)
        var decision: String?
        var paid: Int64 = 0
        var funding: (cents: Int64, reason: String)?
        var funded = false
        var fundingDecision: FundingDecision?
        for line in lines {
            if case let .status(from, to, note) = line.entry.body, [.onBallot, .decidedByWijkteam].contains(from), [.funded, .notFunded].contains(to) {
                fundingDecision = FundingDecision(route: from, outcome: to, reasons: note, chequeRound: try ProposalInitiative.round(ofProposal: id, db))
            }
            switch line.entry.body {
            case let .decision(_, reasons): decision = reasons
            case let .payment(amount, _, _): paid += Int64(amount)
            case let .funding(amount, reason): funding = (Int64(amount), reason)
            case let .status(_, to, _) where to == .funded: funded = true
            default: break
            }
        }
        let fundedCents = funded ? funding?.cents ?? proposal.requestedCents : nil
        return ProposalDetails(
            id: id, area: proposal.areaCode, areaName: areaName, title: proposal.title, description: proposal.description,
            requestedCents: proposal.requestedCents, costs: try ProposalAmount.fetch(.costs, proposal: id, db),
            ownHours: proposal.ownHours, ownCents: proposal.ownCents, coFunders: try ProposalAmount.fetch(.coFunders, proposal: id, db),
            goals: try ProposalGoal.filter(Column("proposalId") == id).order(Column("position")).fetchAll(db).map(\.goal),
            status: proposal.status, statusText: proposal.status.dutch, decision: decision, fundingDecision: fundingDecision, paidCents: paid,
            fundedCents: fundedCents, fundingReason: funding?.reason,
            returnedCents: [.completed, .stopped].contains(proposal.status) ? (fundedCents ?? proposal.requestedCents) - paid : nil,
            contact: includeContact ? proposal.contact : nil,
            history: history ? lines.map { Step(sequence: $0.entry.sequence, timeMillis: $0.entry.timeMillis, text: describe($0.entry.body)) } : nil)
    }

    /// One log entry in Dutch.
    public static func describe(_ body: ProposalEntry.Body) -> String {
        switch body {
        case let .criteria(set, items): "toetsingscriteria \(set): " + items.map(\.name).joined(separator: ", ")
        case let .received(area, _, _, requested): "ontvangen voor \(area), gevraagd \(Money.format(Int64(requested)))"
        case let .status(from, to, note): "van '\(from.dutch)' naar '\(to.dutch)'" + (note.isEmpty ? "" : ": \(note)")
        case let .interest(assessor, statement): "\(assessor) meldt belangenverstrengeling (\(statement)) en beoordeelt niet mee"
        case let .judgement(assessor, criterion, met, reason): "\(assessor) over '\(criterion)': \(met ? "voldoet" : "voldoet niet"), \(reason)"
        case let .decision(outcome, _): "besluit: \(outcome.dutch)"
        case let .payment(amount, milestone, evidence):
            "betaald \(Money.format(Int64(amount))) voor: \(milestone)" + (evidence.isEmpty ? "" : " (bewijs: \(evidence))")
        case let .funding(amount, reason): "gefinancierd voor \(Money.format(Int64(amount))): \(reason)"
        case let .coFunding(funders):
            "medefinanciers: " + funders.map { "\($0.name) \(Money.format(Int64($0.cents)))" }.joined(separator: ", ")
        }
    }
}
