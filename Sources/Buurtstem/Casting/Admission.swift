import BuurtstemRecord

/// What a pass admitted at a kiosk may vote on: its area's contest and the election's ballot type.
public struct Admission: Sendable, Equatable {
    /// The pass's contest area.
    public let area: String
    /// The contest on its ballot.
    public let contest: Contest
    /// How the ballot is filled in.
    public let ballot: BallotType
    /// Whether the election is secret: its ballots are encrypted, and the kiosk offers to check one (the Benaloh
    /// challenge) before casting.
    public let secret: Bool
}
