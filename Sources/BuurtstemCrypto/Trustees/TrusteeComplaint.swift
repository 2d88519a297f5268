/// A recipient's finding that a dealer's share to it is bad: the dealer is named, so the ceremony can be redone
/// with a new dealing from that dealer (docs/record.md, "Trustee key ceremony").
public struct TrusteeComplaint: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the share.
    public enum Reason: Sendable, Hashable {
        /// The sealed share does not open with the recipient's box key.
        case cannotOpen
        /// The opened share is not the share message for this ceremony, dealer and recipient.
        case malformed
        /// s·B differs from Σ_k j^k·C_k of the dealer's commitments.
        case doesNotMatchCommitments
    }

    /// The dealer i whose share is bad.
    public let dealer: Int
    /// The recipient j who found it.
    public let recipient: Int
    /// What is wrong.
    public let reason: Reason

    /// The complaint as given.
    public init(dealer: Int, recipient: Int, reason: Reason) {
        self.dealer = dealer
        self.recipient = recipient
        self.reason = reason
    }

    public var description: String {
        let what = switch reason {
        case .cannotOpen: "does not open with trustee \(recipient)'s box key"
        case .malformed: "is not a share of this ceremony from trustee \(dealer) to trustee \(recipient)"
        case .doesNotMatchCommitments: "does not match trustee \(dealer)'s published commitments"
        }
        return "the share from trustee \(dealer) to trustee \(recipient) \(what): trustee \(dealer) must deal again"
    }
}
