/// One funder's part of a funded project or initiative, in whole cents (set by `setFunders(plan:)`; empty without a plan).
public struct FunderShare: Sendable, Codable, Equatable {
    /// The funder, e.g. `Gemeente Groningen`.
    public let funder: String
    /// Its part, in cents.
    public let cents: Int64

    /// A funder's part.
    public init(funder: String, cents: Int64) {
        self.funder = funder
        self.cents = cents
    }
}
