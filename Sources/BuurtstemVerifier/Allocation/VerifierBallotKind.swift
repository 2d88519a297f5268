/// How a ballot's entries count.
public enum VerifierBallotKind: Sendable {
    /// Every listed project is supported; points are ignored (read as 1).
    case approval
    /// Every project listed with positive points is supported; the points are the voter's utility.
    case cardinal
}
