import BuurtstemCrypto

/// Why a ballot was refused. Each case's message says what happened and what the voter or staff can do,
/// in English with the Dutch sentence the kiosk shows.
public enum CastError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The code has a typing error, an impossible character or the wrong length: which one, so each message can
    /// say how to fix it.
    case mistyped(CodeError)
    /// No pass with this code was issued for this election.
    case unknownPass
    /// The pass was issued for another election.
    case otherElection(String)
    /// The pass is for another area than this kiosk serves.
    case wrongArea(pass: String, kiosk: String)
    /// The pass has already been used.
    case alreadyUsed
    /// Staff replaced this pass at the desk (`buurtstem stempas replace`) and revoked it: its holder has a new one.
    case revoked
    /// The choices do not make a valid ballot.
    case invalidBallot(String)
    /// The polls are not open (yet): since when or why, and the step that opens them when that is the fix.
    case pollsNotOpen(String, remedy: Remedy? = nil)
    /// The polls are closed.
    case pollsClosed

    /// The step that fixes the refusal, when it is another step of the staff (opening the polls).
    public var remedy: Remedy? {
        if case let .pollsNotOpen(_, remedy) = self { return remedy }
        return nil
    }

    public var description: String {
        switch self {
        case let .mistyped(error):
            "\(error). (NL: De code bevat een typefout; controleer elk teken.)"
        case .unknownPass:
            "this code is not a stempas of this election: check it was typed from the right letter. (NL: Deze code is geen stempas voor deze stemming.)"
        case let .otherElection(election):
            "this stempas is for another election (\(election)). (NL: Deze stempas hoort bij een andere stemming.)"
        case let .wrongArea(pass, kiosk):
            "this stempas is for \(pass), but this kiosk serves \(kiosk): vote at a kiosk for your area. (NL: Deze stempas is voor een ander gebied.)"
        case .alreadyUsed:
            "this stempas has already been used; each pass votes once. If you did not vote, report the pass to the staff. (NL: Deze stempas is al gebruikt.)"
        case .revoked:
            "this stempas was replaced at the desk and is no longer valid; vote with the replacement letter. (NL: Deze stempas is vervangen en niet meer geldig.)"
        case let .invalidBallot(reason):
            "the ballot is not valid: \(reason). (NL: Deze keuze is niet geldig.)"
        case let .pollsNotOpen(when, _):
            "the polls are not open: \(when). (NL: De stemming is nog niet geopend.)"
        case .pollsClosed:
            "the polls are closed; no more ballots are accepted. (NL: De stemming is gesloten.)"
        }
    }
}
