/// The outcome with and without a weighting, per area (filled by the weighting work; nil until then), so the raad
/// sees whom the weighting favours.
public struct WeightingComparison: Sendable, Codable, Equatable {
    /// One area's money with and without the weighting.
    public struct AreaDelta: Sendable, Codable, Equatable {
        /// The area's code.
        public let code: String
        /// Its name.
        public let name: String
        /// Funded without the weighting, in cents.
        public let unweightedCents: Int64
        /// Funded with the weighting, in cents.
        public let weightedCents: Int64

        /// An area's delta.
        public init(code: String, name: String, unweightedCents: Int64, weightedCents: Int64) {
            self.code = code
            self.name = name
            self.unweightedCents = unweightedCents
            self.weightedCents = weightedCents
        }
    }

    /// The published criteria with their weights, as text (e.g. `eigen bijdrage: 2`).
    public let criteria: [String]
    /// Per area.
    public let areas: [AreaDelta]
    /// Projects funded only with the weighting.
    public let fundedOnlyWeighted: [String]
    /// Projects funded only without it.
    public let fundedOnlyUnweighted: [String]

    /// A comparison.
    public init(criteria: [String], areas: [AreaDelta], fundedOnlyWeighted: [String], fundedOnlyUnweighted: [String]) {
        self.criteria = criteria
        self.areas = areas
        self.fundedOnlyWeighted = fundedOnlyWeighted
        self.fundedOnlyUnweighted = fundedOnlyUnweighted
    }
}
