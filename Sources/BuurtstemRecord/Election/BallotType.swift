/// How a resident fills in a ballot, with the type's limits.
public enum BallotType: Sendable, Equatable, Codable {
    /// Exactly one project.
    case chooseOne
    /// Between `min` and `max` projects.
    case approval(min: Int, max: Int)
    /// Any projects whose total cost fits in the contest's budget (at least one).
    case knapsack
    /// Spread up to `points` points over projects, at most `maxPerProject` on one (nil: no limit).
    case cumulative(points: Int, maxPerProject: Int?)
    /// Rank between 1 and `max` projects, best first.
    case ranking(max: Int)

    private enum CodingKeys: String, CodingKey {
        case type, min, max, points, maxPerProject = "max_per_project"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .type) {
        case "choose-1": self = .chooseOne
        case "approval": self = .approval(min: try c.decode(Int.self, forKey: .min), max: try c.decode(Int.self, forKey: .max))
        case "knapsack": self = .knapsack
        case "cumulative":
            self = .cumulative(points: try c.decode(Int.self, forKey: .points), maxPerProject: try c.decodeIfPresent(Int.self, forKey: .maxPerProject))
        case "ranking": self = .ranking(max: try c.decode(Int.self, forKey: .max))
        case let other: throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown ballot type '\(other)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .type)
        switch self {
        case .chooseOne, .knapsack: break
        case let .approval(min, max):
            try c.encode(min, forKey: .min)
            try c.encode(max, forKey: .max)
        case let .cumulative(points, maxPerProject):
            try c.encode(points, forKey: .points)
            try c.encodeIfPresent(maxPerProject, forKey: .maxPerProject)
        case let .ranking(max):
            try c.encode(max, forKey: .max)
        }
    }

    /// The name used in election files, the record and the CLI.
    public var name: String {
        switch self {
        case .chooseOne: "choose-1"
        case .approval: "approval"
        case .knapsack: "knapsack"
        case .cumulative: "cumulative"
        case .ranking: "ranking"
        }
    }

    /// The type's code in canonical bytes.
    var code: UInt8 {
        switch self {
        case .chooseOne: 1
        case .approval: 2
        case .knapsack: 3
        case .cumulative: 4
        case .ranking: 5
        }
    }
}
