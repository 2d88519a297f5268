import Foundation

/// A project's support in an explanation, as numbers: votes or points, with the ranking weighting's factor and the
/// cost support is divided by when the ranking has them. In JSON it is written as it always was: `812 votes`,
/// `40 points`, `30 votes × 1.2500 weighted for 12 000`.
public struct ReasonSupport: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What the support counts.
    public enum Unit: String, Sendable, Hashable {
        /// Voters who chose the project.
        case votes
        /// Points given to it (cardinal ballots).
        case points
    }

    /// The number of votes or points.
    public let count: Int64
    /// Votes or points.
    public let unit: Unit
    /// The ranking weighting's factor, to 4 decimals (`1.3750`), when the ranking is weighted.
    public let factor: DecimalAmount?
    /// The cost the support is divided by, when the rule ranks per euro.
    public let perCost: ReasonAmount?

    /// `count` `unit`, weighted by `factor`, per `perCost`.
    public init(count: Int64, unit: Unit, factor: DecimalAmount? = nil, perCost: ReasonAmount? = nil) {
        self.count = count
        self.unit = unit
        self.factor = factor
        self.perCost = perCost
    }

    public var description: String {
        var text = unit == .votes && count == 1 ? "1 vote" : "\(count) \(unit.rawValue)"
        if let factor { text += " × \(factor) weighted" }
        if let perCost { text += " for \(perCost)" }
        return text
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let words = text.split(separator: " ").map(String.init)
        guard words.count >= 2, let count = Int64(words[0]) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a support")
        }
        let factor = words.firstIndex(of: "×").flatMap { $0 + 1 < words.count ? DecimalAmount(parsing: words[$0 + 1]) : nil }
        let perCost = words.firstIndex(of: "for").flatMap { ReasonAmount(parsing: words[($0 + 1)...].joined()) }
        self.init(count: count, unit: words[1].hasPrefix("point") ? .points : .votes, factor: factor, perCost: perCost)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
