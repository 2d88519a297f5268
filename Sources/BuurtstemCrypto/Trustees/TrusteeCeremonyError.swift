/// Why a key ceremony's parameters, a dealing or a trustee's shares are refused; each says what to do.
public enum TrusteeCeremonyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// t is not in 1...n.
    case invalidThreshold(threshold: Int, trustees: Int)
    /// A card's index is not its position (indices are 1...n in order).
    case invalidIndex(name: String, index: Int, expected: Int)
    /// A dealing's dealer index is not a trustee of the ceremony.
    case unknownDealer(Int)
    /// Two dealings from one dealer.
    case duplicateDealing(dealer: Int)
    /// No dealing from a trustee.
    case missingDealing(dealer: Int)
    /// The keys given are not the card's keys.
    case keysDoNotMatchCard(index: Int)
    /// A dealing's signature does not verify under its dealer's signing key.
    case badSignature(dealer: Int)
    /// A dealing has not t commitments.
    case wrongCommitmentCount(dealer: Int, count: Int, expected: Int)
    /// A dealing has not n sealed shares.
    case wrongShareCount(dealer: Int, count: Int, expected: Int)
    /// A dealing's proof of knowledge of its constant term fails.
    case badProof(dealer: Int)
    /// A commitment is the identity.
    case identityCommitment(dealer: Int, position: Int)
    /// A recipient found bad shares.
    case complaints([TrusteeComplaint])

    public var description: String {
        switch self {
        case .invalidThreshold(let t, let n):
            "a threshold of \(t) of \(n) trustees is not possible: choose t between 1 and \(n)"
        case .invalidIndex(let name, let index, let expected):
            "trustee '\(name)' has index \(index) where \(expected) is expected: number the trustees 1...n in order"
        case .unknownDealer(let dealer):
            "a dealing comes from trustee \(dealer), who is not in the ceremony: remove it"
        case .duplicateDealing(let dealer):
            "there are two dealings from trustee \(dealer): keep the one trustee \(dealer) confirms"
        case .missingDealing(let dealer):
            "the dealing of trustee \(dealer) is missing: every trustee deals once before the key is combined"
        case .keysDoNotMatchCard(let index):
            "the keys given are not those on trustee \(index)'s card: use that trustee's own key file"
        case .badSignature(let dealer):
            "the dealing of trustee \(dealer) is not signed by trustee \(dealer)'s key: it was changed or forged; ask for it again"
        case .wrongCommitmentCount(let dealer, let count, let expected):
            "the dealing of trustee \(dealer) has \(count) commitments where the threshold needs \(expected): trustee \(dealer) must deal again"
        case .wrongShareCount(let dealer, let count, let expected):
            "the dealing of trustee \(dealer) has \(count) sealed shares where there are \(expected) trustees: trustee \(dealer) must deal again"
        case .badProof(let dealer):
            "the proof in trustee \(dealer)'s dealing that it knows its secret does not verify: trustee \(dealer) must deal again"
        case .identityCommitment(let dealer, let position):
            "commitment \(position) of trustee \(dealer)'s dealing is the identity: trustee \(dealer) must deal again"
        case .complaints(let complaints):
            complaints.map(\.description).joined(separator: "; ")
        }
    }
}
