/// How a cheque reached its initiative.
public enum RedemptionChannel: String, Sendable, Codable, CaseIterable {
    /// The resident entered the code on the gemeente's website.
    case online
    /// The initiator collected the paper cheque and handed in its code.
    case paper
    /// At a kiosk (for example in the library or at the stemdag).
    case kiosk
}
