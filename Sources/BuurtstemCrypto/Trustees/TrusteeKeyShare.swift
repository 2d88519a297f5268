/// A trustee's share x_j = Σ_i f_i(j) of the election's secret key, with the election key it belongs to: the
/// secret a trustee keeps sealed until it decrypts.
public struct TrusteeKeyShare: Sendable {
    /// The trustee's index j.
    public let index: Int
    /// x_j.
    public let secret: Ristretto255.Scalar
    /// The election key, whose V_j equals x_j·B.
    public let electionKey: ElectionKey

    /// The share as given (read from a sealed file), or nil when x_j·B is not the key's V_j.
    public init?(index: Int, secret: Ristretto255.Scalar, electionKey: ElectionKey) {
        guard electionKey.verificationKey(of: index) == .base(secret) else { return nil }
        self.index = index
        self.secret = secret
        self.electionKey = electionKey
    }

    /// Trustee `index`'s share from all dealings: every dealing is checked, every share to it opened and
    /// checked against its dealer's commitments. Bad shares throw `.complaints`, naming every bad dealer.
    public static func receive(
        in ceremony: TrusteeCeremony, dealings: [TrusteeDealing], keys: TrusteeKeys, index: Int
    ) throws(TrusteeCeremonyError) -> TrusteeKeyShare {
        let electionKey = try ElectionKey(ceremony: ceremony, dealings: dealings)
        guard let card = ceremony.card(index) else { throw .unknownDealer(index) }
        guard card.signingKey == keys.signingKey.publicKey, card.boxKey == keys.boxKey.publicKey else {
            throw .keysDoNotMatchCard(index: index)
        }
        var secret = Ristretto255.Scalar.zero
        var complaints: [TrusteeComplaint] = []
        for dealing in dealings.sorted(by: { $0.dealer < $1.dealer }) {
            switch dealing.openShare(for: index, boxKey: keys.boxKey, in: ceremony) {
            case .success(let share): secret = secret + share
            case .failure(let complaint): complaints.append(complaint)
            }
        }
        guard complaints.isEmpty else { throw .complaints(complaints) }
        // Every share matched its dealer's commitments, so x_j·B is V_j.
        return TrusteeKeyShare(index: index, secret: secret, electionKey: electionKey)!
    }
}
