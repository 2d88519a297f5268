import BuurtstemRecord

extension ProposalStatus {
    /// The steps that may follow this one (docs/proposals.md). Every other move, back or skipping a step, is refused.
    ///
    /// `admitted` and `rejected` follow `in_review` only through the toetsing's decision (``ProposalDecision``).
    public var nextSteps: [ProposalStatus] {
        switch self {
        case .received: [.inReview, .withdrawn]
        case .inReview: [.admitted, .rejected, .withdrawn]
        case .admitted: [.onBallot, .decidedByWijkteam, .withdrawn]
        case .onBallot, .decidedByWijkteam: [.funded, .notFunded]
        case .funded: [.inExecution]
        case .inExecution: [.completed, .stopped]
        case .rejected, .notFunded, .completed, .stopped, .withdrawn: []
        }
    }

    /// `true` for the two outcomes of the toetsing, reached only through a decision.
    public var isDecisionOutcome: Bool { self == .admitted || self == .rejected }
}
