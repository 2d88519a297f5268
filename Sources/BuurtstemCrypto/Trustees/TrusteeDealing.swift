/// What dealer i publishes in the key ceremony (Pedersen 1991 with Feldman 1987 commitments; docs/record.md,
/// "Trustee key ceremony"): commitments C_{i,k} = a_{i,k}·B to its secret polynomial f_i(x) = Σ_k a_{i,k}·x^k of
/// degree t - 1, a Schnorr proof of knowledge of a_{i,0}, the share f_i(j) sealed to every trustee j (itself
/// included, so that a trustee keeps no secret between dealing and combining), and its Ed25519 signature.
///
/// The proof of knowledge stops a rogue-key attack: without it the last dealer could publish
/// C_{i,0} = x·B − Σ(others) and own the election key alone.
public struct TrusteeDealing: Sendable, Hashable {
    /// The dealer's index i.
    public let dealer: Int
    /// C_{i,0} … C_{i,t-1}.
    public let commitments: [Ristretto255.Point]
    /// The Schnorr proof of knowledge of a_{i,0}, the discrete logarithm of C_{i,0}.
    public let proof: SchnorrProof
    /// The sealed share for trustee j at position j - 1 (`crypto_box_seal` to trustee j's box key).
    public let sealedShares: [[UInt8]]
    /// The dealer's Ed25519 signature over `signedBytes`.
    public let signature: Signature

    /// The proof's domain-separation tag.
    public static let proofTag = "buurtstem/proof/dealer-key/v1"
    /// The signed message's domain-separation tag.
    public static let signatureTag = "buurtstem/trustees/dealing/v1"
    /// The sealed share message's domain-separation tag.
    public static let shareTag = "buurtstem/trustees/share/v1"

    /// The dealing as given (read from a file; check it with `check(in:)`).
    public init(
        dealer: Int, commitments: [Ristretto255.Point], proof: SchnorrProof, sealedShares: [[UInt8]],
        signature: Signature
    ) {
        self.dealer = dealer
        self.commitments = commitments
        self.proof = proof
        self.sealedShares = sealedShares
        self.signature = signature
    }

    /// A dealing by trustee `index` with `keys`, from a fresh random polynomial.
    public static func deal(
        in ceremony: TrusteeCeremony, keys: TrusteeKeys, index: Int
    ) throws(TrusteeCeremonyError) -> TrusteeDealing {
        try deal(in: ceremony, keys: keys, index: index,
                 coefficients: (0..<ceremony.threshold).map { _ in .random() }, proofNonce: .random())
    }

    /// A dealing from the polynomial with `coefficients` a_0 … a_{t-1} and the proof nonce given: for test
    /// vectors only (the sealed shares stay random).
    package static func deal(
        in ceremony: TrusteeCeremony, keys: TrusteeKeys, index: Int,
        coefficients: [Ristretto255.Scalar], proofNonce: Ristretto255.Scalar
    ) throws(TrusteeCeremonyError) -> TrusteeDealing {
        guard let card = ceremony.card(index) else { throw .unknownDealer(index) }
        guard card.signingKey == keys.signingKey.publicKey, card.boxKey == keys.boxKey.publicKey else {
            throw .keysDoNotMatchCard(index: index)
        }
        precondition(coefficients.count == ceremony.threshold, "a polynomial of degree t - 1 has t coefficients")
        let commitments = coefficients.map { Ristretto255.Point.base($0) }
        let proof = SchnorrProof.prove(
            tag: proofTag, statement: proofStatement(ceremony: ceremony, dealer: index, commitments: commitments),
            secrets: [coefficients[0]], publics: [commitments[0]], nonces: [proofNonce])
        let shares = shareValues(coefficients: coefficients, trustees: ceremony.trusteeCount)
        let sealed = ceremony.cards.map { recipient in
            recipient.boxKey.seal(shareMessage(ceremony: ceremony, dealer: index, recipient: recipient.index,
                                               share: shares[recipient.index - 1]))
        }
        let signed = signedBytes(ceremony: ceremony, dealer: index, commitments: commitments, proof: proof,
                                 sealedShares: sealed)
        return TrusteeDealing(dealer: index, commitments: commitments, proof: proof, sealedShares: sealed,
                              signature: keys.signingKey.signature(for: signed))
    }

    /// f(1) … f(n) for the polynomial with `coefficients`, by Horner's rule.
    package static func shareValues(coefficients: [Ristretto255.Scalar], trustees: Int) -> [Ristretto255.Scalar] {
        (1...trustees).map { index in
            let x = Ristretto255.Scalar(index: index)
            return coefficients.reversed().reduce(Ristretto255.Scalar.zero) { sum, coefficient in sum * x + coefficient }
        }
    }

    /// Σ_k j^k·C_k, by Horner's rule: the point a share for trustee `index` must be the base of.
    static func evaluate(_ commitments: [Ristretto255.Point], at index: Int) -> Ristretto255.Point {
        let x = Ristretto255.Scalar(index: index)
        return commitments.reversed().reduce(Ristretto255.Point.identity) { sum, commitment in x * sum + commitment }
    }

    /// The bytes the dealer signs: str(tag) ‖ raw(ceremony hash) ‖ u32(i) ‖ u32(t) ‖ raw(C_0) … raw(C_{t-1}) ‖
    /// raw(challenge) ‖ raw(response) ‖ u32(n) ‖ bytes(E_1) … bytes(E_n).
    public func signedBytes(in ceremony: TrusteeCeremony) -> [UInt8] {
        Self.signedBytes(ceremony: ceremony, dealer: dealer, commitments: commitments, proof: proof,
                         sealedShares: sealedShares)
    }

    private static func signedBytes(
        ceremony: TrusteeCeremony, dealer: Int, commitments: [Ristretto255.Point], proof: SchnorrProof,
        sealedShares: [[UInt8]]
    ) -> [UInt8] {
        var writer = ByteWriter(tag: signatureTag)
        writer.append(raw: ceremony.hash)
        // A dealer outside 1...n fails `check` before its signature is looked at; clamping keeps a dealing read
        // from a file with a negative dealer from trapping here.
        writer.append(u32: UInt32(clamping: dealer))
        writer.append(points: commitments)
        writer.append(scalar: proof.challenge)
        for response in proof.responses { writer.append(scalar: response) }
        writer.append(u32: UInt32(sealedShares.count))
        for sealed in sealedShares { writer.append(bytes: sealed) }
        return writer.bytes
    }

    /// Checks everything anyone can check: the dealer is a trustee, t commitments none the identity, n sealed
    /// shares, the signature and the proof of knowledge.
    public func check(in ceremony: TrusteeCeremony) throws(TrusteeCeremonyError) {
        guard let card = ceremony.card(dealer) else { throw .unknownDealer(dealer) }
        guard commitments.count == ceremony.threshold else {
            throw .wrongCommitmentCount(dealer: dealer, count: commitments.count, expected: ceremony.threshold)
        }
        if let position = commitments.firstIndex(where: \.isIdentity) {
            throw .identityCommitment(dealer: dealer, position: position)
        }
        guard sealedShares.count == ceremony.trusteeCount else {
            throw .wrongShareCount(dealer: dealer, count: sealedShares.count, expected: ceremony.trusteeCount)
        }
        guard card.signingKey.isValidSignature(signature, for: signedBytes(in: ceremony)) else {
            throw .badSignature(dealer: dealer)
        }
        let statement = Self.proofStatement(ceremony: ceremony, dealer: dealer, commitments: commitments)
        guard proof.verify(tag: Self.proofTag, statement: statement, publics: [commitments[0]]) else {
            throw .badProof(dealer: dealer)
        }
    }

    /// The proof's statement: raw(ceremony hash) ‖ u32(i) ‖ u32(t) ‖ raw(C_0) … raw(C_{t-1}).
    private static func proofStatement(
        ceremony: TrusteeCeremony, dealer: Int, commitments: [Ristretto255.Point]
    ) -> [UInt8] {
        var writer = ByteWriter()
        writer.append(raw: ceremony.hash)
        writer.append(u32: UInt32(dealer))
        writer.append(points: commitments)
        return writer.bytes
    }

    /// The sealed message: str(share tag) ‖ raw(ceremony hash) ‖ u32(i) ‖ u32(j) ‖ raw(f_i(j)).
    package static func shareMessage(
        ceremony: TrusteeCeremony, dealer: Int, recipient: Int, share: Ristretto255.Scalar
    ) -> [UInt8] {
        var writer = ByteWriter(tag: shareTag)
        writer.append(raw: ceremony.hash)
        writer.append(u32: UInt32(dealer))
        writer.append(u32: UInt32(recipient))
        writer.append(scalar: share)
        return writer.bytes
    }

    /// The share this dealing gives trustee `recipient`, opened with `boxKey` and checked against the
    /// commitments (Feldman: f_i(j)·B = Σ_k j^k·C_{i,k}), or the complaint naming this dealer.
    func openShare(
        for recipient: Int, boxKey: BoxKeyPair, in ceremony: TrusteeCeremony
    ) -> Result<Ristretto255.Scalar, TrusteeComplaint> {
        let complaint = { (reason: TrusteeComplaint.Reason) in
            TrusteeComplaint(dealer: dealer, recipient: recipient, reason: reason)
        }
        guard let message = boxKey.open(sealedShares[recipient - 1]) else { return .failure(complaint(.cannotOpen)) }
        let expected = Self.shareMessage(ceremony: ceremony, dealer: dealer, recipient: recipient, share: .zero)
        let prefix = expected.count - Ristretto255.encodedLength
        guard message.count == expected.count, Array(message[0..<prefix]) == Array(expected[0..<prefix]),
              let share = Ristretto255.Scalar(canonical: Array(message[prefix...]))
        else { return .failure(complaint(.malformed)) }
        guard Ristretto255.Point.base(share) == Self.evaluate(commitments, at: recipient) else {
            return .failure(complaint(.doesNotMatchCommitments))
        }
        return .success(share)
    }
}
