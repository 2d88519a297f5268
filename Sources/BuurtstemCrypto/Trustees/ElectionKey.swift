/// The election's public key and what anyone needs to check a decryption: Y = Σ_i C_{i,0}, the threshold t, and
/// every trustee's verification key V_j = Σ_i Σ_k j^k·C_{i,k} = x_j·B, computed from the published dealings
/// (docs/record.md, "Combining the key").
public struct ElectionKey: Sendable, Hashable {
    /// Y: the key ballots are encrypted under.
    public let publicKey: Ristretto255.Point
    /// t: the number of trustees needed to decrypt.
    public let threshold: Int
    /// V_j at position j - 1.
    public let verificationKeys: [Ristretto255.Point]

    /// The key as given (read from a file), or nil when the threshold is not in 1...n.
    public init?(publicKey: Ristretto255.Point, threshold: Int, verificationKeys: [Ristretto255.Point]) {
        guard threshold >= 1, threshold <= verificationKeys.count else { return nil }
        self.publicKey = publicKey
        self.threshold = threshold
        self.verificationKeys = verificationKeys
    }

    /// The key of a ceremony's `dealings`, one from every trustee, each checked (`TrusteeDealing.check(in:)`).
    public init(ceremony: TrusteeCeremony, dealings: [TrusteeDealing]) throws(TrusteeCeremonyError) {
        let ordered = try Self.oneDealingPerTrustee(dealings, ceremony: ceremony)
        for dealing in ordered { try dealing.check(in: ceremony) }
        // A_k = Σ_i C_{i,k}: the commitments of the sum polynomial, whose value at 0 is the secret key.
        let summed = (0..<ceremony.threshold).map { position in
            ordered.dropFirst().reduce(ordered[0].commitments[position]) { $0 + $1.commitments[position] }
        }
        self.publicKey = summed[0]
        self.threshold = ceremony.threshold
        self.verificationKeys = (1...ceremony.trusteeCount).map { TrusteeDealing.evaluate(summed, at: $0) }
    }

    /// n: the number of trustees.
    public var trusteeCount: Int { verificationKeys.count }

    /// V_j of trustee `index`, or nil outside 1...n.
    public func verificationKey(of index: Int) -> Ristretto255.Point? {
        (1...trusteeCount).contains(index) ? verificationKeys[index - 1] : nil
    }

    /// The dealings ordered by dealer, exactly one per trustee.
    private static func oneDealingPerTrustee(
        _ dealings: [TrusteeDealing], ceremony: TrusteeCeremony
    ) throws(TrusteeCeremonyError) -> [TrusteeDealing] {
        var byDealer = [TrusteeDealing?](repeating: nil, count: ceremony.trusteeCount)
        for dealing in dealings {
            guard ceremony.card(dealing.dealer) != nil else { throw .unknownDealer(dealing.dealer) }
            guard byDealer[dealing.dealer - 1] == nil else { throw .duplicateDealing(dealer: dealing.dealer) }
            byDealer[dealing.dealer - 1] = dealing
        }
        var ordered: [TrusteeDealing] = []
        for (position, dealing) in byDealer.enumerated() {
            guard let dealing else { throw .missingDealing(dealer: position + 1) }
            ordered.append(dealing)
        }
        return ordered
    }
}
