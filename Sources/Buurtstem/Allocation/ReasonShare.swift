/// What each full payer paid for a project under MES: an amount, per point under cardinal satisfaction. In JSON
/// as it always was: `625`, `12.50 per point`.
public struct ReasonShare: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The amount.
    public let amount: ReasonAmount
    /// Whether it is paid per point of satisfaction.
    public let perPoint: Bool

    /// `amount`, per point when `perPoint`.
    public init(amount: ReasonAmount, perPoint: Bool) {
        self.amount = amount
        self.perPoint = perPoint
    }

    public var description: String { amount.description + (perPoint ? " per point" : "") }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let perPoint = text.hasSuffix(" per point")
        guard let amount = ReasonAmount(parsing: perPoint ? String(text.dropLast(" per point".count)) : text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a share")
        }
        self.init(amount: amount, perPoint: perPoint)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
