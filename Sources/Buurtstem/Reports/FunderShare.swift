/// One funder's part of a funded project or initiative, in whole cents (set by `setFunders(plan:)`; empty without a plan).
package struct FunderShare: Sendable, Codable, Equatable {
    /// The funder, e.g. `Gemeente Groningen`.
    package let funder: String
    /// Its part, in cents.
    package let cents: Int64

    /// A funder's part.
    package init(funder: String, cents: Int64) {
        self.funder = funder
        self.cents = cents
    }
}
