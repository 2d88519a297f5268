/// The named steps of an aanvraag (a residents' proposal), from intake to execution (docs/proposals.md).
///
/// The raw values are the record's spelling (docs/record.md, "Proposals"); people see ``dutch``. Which step may
/// follow which is a rule of the engine and, written down independently, of the verifier: it is not part of this
/// type, so that a mistake in one cannot confirm itself in the other.
public enum ProposalStatus: String, Sendable, Codable, CaseIterable, Hashable {
    /// Ontvangen: registered, nothing done yet.
    case received
    /// In behandeling: the toetsing (assessment) is under way.
    case inReview = "in_review"
    /// Getoetst, toegelaten: every criterion met.
    case admitted
    /// Getoetst, afgewezen: at least one criterion not met, with the reasons.
    case rejected
    /// Op de stembrief: on an election's ballot, or a cheque round's initiative (the residents decide with their
    /// cheques); the log entry's note names which.
    case onBallot = "on_ballot"
    /// Besloten door wijkteam: the wijkteam decides directly, without a vote.
    case decidedByWijkteam = "decided_by_wijkteam"
    /// Gefinancierd.
    case funded
    /// Niet gefinancierd.
    case notFunded = "not_funded"
    /// In uitvoering.
    case inExecution = "in_execution"
    /// Uitgevoerd: carried out.
    case completed
    /// Gestopt: stopped during execution.
    case stopped
    /// Ingetrokken: withdrawn by the initiatiefnemer before the decision on funding.
    case withdrawn

    /// The step as people read it, in Dutch.
    public var dutch: String {
        switch self {
        case .received: "ontvangen"
        case .inReview: "in behandeling"
        case .admitted: "getoetst: toegelaten"
        case .rejected: "getoetst: afgewezen"
        case .onBallot: "op de stembrief"
        case .decidedByWijkteam: "besloten door wijkteam"
        case .funded: "gefinancierd"
        case .notFunded: "niet gefinancierd"
        case .inExecution: "in uitvoering"
        case .completed: "uitgevoerd"
        case .stopped: "gestopt"
        case .withdrawn: "ingetrokken"
        }
    }
}
