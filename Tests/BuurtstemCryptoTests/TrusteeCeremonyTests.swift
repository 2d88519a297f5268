import BuurtstemCrypto
import Testing

/// The t-of-n key ceremony and threshold decryption: a 2-of-3 ceremony end to end, a corrupted share caught and
/// its dealer named, every pair of trustees decrypting, one trustee not enough, a wrong share excluded.
@Suite("Trustee ceremony and threshold decryption")
struct TrusteeCeremonyTests {
    typealias Point = Ristretto255.Point
    typealias Scalar = Ristretto255.Scalar

    /// Three trustees, their keys, the 2-of-3 ceremony and its dealings.
    struct Fixture {
        let keys: [TrusteeKeys]
        let ceremony: TrusteeCeremony
        let dealings: [TrusteeDealing]

        init(threshold: Int = 2, trustees: Int = 3) throws {
            keys = (0..<trustees).map { _ in TrusteeKeys() }
            let cards = keys.enumerated().map { $1.card(name: "trustee \($0 + 1)", index: $0 + 1) }
            ceremony = try TrusteeCeremony(threshold: threshold, cards: cards, context: Array("GM0014-2027".utf8))
            let (ceremony, keys) = (ceremony, keys)
            dealings = try (1...trustees).map { index throws(TrusteeCeremonyError) in
                try TrusteeDealing.deal(in: ceremony, keys: keys[index - 1], index: index)
            }
        }

        func shares() throws -> [TrusteeKeyShare] {
            try (1...keys.count).map { index throws(TrusteeCeremonyError) in
                try TrusteeKeyShare.receive(in: ceremony, dealings: dealings, keys: keys[index - 1], index: index)
            }
        }
    }

    @Test("a 2-of-3 ceremony gives every trustee a share x_j with x_j·B = V_j, and Y from the dealings")
    func ceremony() throws {
        let fixture = try Fixture()
        let shares = try fixture.shares()
        let key = try ElectionKey(ceremony: fixture.ceremony, dealings: fixture.dealings.reversed())
        #expect(key.publicKey == fixture.dealings.dropFirst().reduce(fixture.dealings[0].commitments[0]) { $0 + $1.commitments[0] })
        for share in shares {
            #expect(share.electionKey == key)
            #expect(Point.base(share.secret) == key.verificationKey(of: share.index))
        }
        // Any two shares interpolate the same secret key x with x·B = Y.
        let lambdas = try #require(ThresholdDecryption.lagrangeCoefficients([1, 3]))
        #expect(Point.base(lambdas[0] * shares[0].secret + lambdas[1] * shares[2].secret) == key.publicKey)
    }

    @Test("a share corrupted by its dealer is caught by its recipient, who names the dealer")
    func corruptedShare() throws {
        let fixture = try Fixture()
        // Trustee 2 deals a wrong share to trustee 3, sealed and signed like a good one.
        let bad = fixture.dealings[1]
        let wrongShare = TrusteeDealing.shareMessage(ceremony: fixture.ceremony, dealer: 2, recipient: 3, share: .random())
        var sealed = bad.sealedShares
        sealed[2] = fixture.keys[2].boxKey.publicKey.seal(wrongShare)
        let unsigned = TrusteeDealing(dealer: 2, commitments: bad.commitments, proof: bad.proof, sealedShares: sealed,
                                      signature: bad.signature)
        let forged = TrusteeDealing(dealer: 2, commitments: bad.commitments, proof: bad.proof, sealedShares: sealed,
                                    signature: fixture.keys[1].signingKey.signature(for: unsigned.signedBytes(in: fixture.ceremony)))
        var dealings = fixture.dealings
        dealings[1] = forged
        // The public checks pass: only trustee 3 can see the fault.
        _ = try ElectionKey(ceremony: fixture.ceremony, dealings: dealings)
        _ = try TrusteeKeyShare.receive(in: fixture.ceremony, dealings: dealings, keys: fixture.keys[0], index: 1)
        #expect(throws: TrusteeCeremonyError.complaints([TrusteeComplaint(dealer: 2, recipient: 3, reason: .doesNotMatchCommitments)])) {
            try TrusteeKeyShare.receive(in: fixture.ceremony, dealings: dealings, keys: fixture.keys[2], index: 3)
        }
        // A share sealed to the wrong trustee, or garbage, is named too.
        sealed[2] = fixture.keys[0].boxKey.publicKey.seal(wrongShare)
        let misdirected = TrusteeDealing(dealer: 2, commitments: bad.commitments, proof: bad.proof, sealedShares: sealed,
                                         signature: bad.signature)
        let resigned = TrusteeDealing(dealer: 2, commitments: bad.commitments, proof: bad.proof, sealedShares: sealed,
                                      signature: fixture.keys[1].signingKey.signature(for: misdirected.signedBytes(in: fixture.ceremony)))
        dealings[1] = resigned
        #expect(throws: TrusteeCeremonyError.complaints([TrusteeComplaint(dealer: 2, recipient: 3, reason: .cannotOpen)])) {
            try TrusteeKeyShare.receive(in: fixture.ceremony, dealings: dealings, keys: fixture.keys[2], index: 3)
        }
    }

    @Test("a changed dealing fails its signature; a forged proof, an identity commitment or a missing dealing is named")
    func publicChecks() throws {
        let fixture = try Fixture()
        let dealing = fixture.dealings[0]
        var commitments = dealing.commitments
        commitments[1] = commitments[1] + .generator
        let changed = TrusteeDealing(dealer: 1, commitments: commitments, proof: dealing.proof,
                                     sealedShares: dealing.sealedShares, signature: dealing.signature)
        #expect(throws: TrusteeCeremonyError.badSignature(dealer: 1)) { try changed.check(in: fixture.ceremony) }
        // Re-signed by the dealer itself, a rogue constant term without knowledge of its logarithm fails the proof.
        let rogue = [Point.base(.random()) - dealing.commitments[0]] + Array(dealing.commitments.dropFirst())
        #expect(throws: TrusteeCeremonyError.badProof(dealer: 1)) {
            try Self.signed(rogue, like: dealing, keys: fixture.keys[0], in: fixture.ceremony).check(in: fixture.ceremony)
        }
        #expect(throws: TrusteeCeremonyError.identityCommitment(dealer: 1, position: 1)) {
            try Self.signed([dealing.commitments[0], .identity], like: dealing, keys: fixture.keys[0], in: fixture.ceremony)
                .check(in: fixture.ceremony)
        }
        #expect(throws: TrusteeCeremonyError.wrongCommitmentCount(dealer: 1, count: 1, expected: 2)) {
            try Self.signed([dealing.commitments[0]], like: dealing, keys: fixture.keys[0], in: fixture.ceremony)
                .check(in: fixture.ceremony)
        }
        let stray = TrusteeDealing(dealer: -1, commitments: dealing.commitments, proof: dealing.proof,
                                   sealedShares: dealing.sealedShares, signature: dealing.signature)
        #expect(throws: TrusteeCeremonyError.unknownDealer(-1)) { try stray.check(in: fixture.ceremony) }
        #expect(throws: TrusteeCeremonyError.unknownDealer(-1)) {
            try ElectionKey(ceremony: fixture.ceremony, dealings: [stray] + fixture.dealings)
        }
        #expect(throws: TrusteeCeremonyError.missingDealing(dealer: 3)) {
            try ElectionKey(ceremony: fixture.ceremony, dealings: Array(fixture.dealings.prefix(2)))
        }
        #expect(throws: TrusteeCeremonyError.duplicateDealing(dealer: 1)) {
            try ElectionKey(ceremony: fixture.ceremony, dealings: fixture.dealings + [dealing])
        }
        #expect(throws: TrusteeCeremonyError.keysDoNotMatchCard(index: 2)) {
            try TrusteeDealing.deal(in: fixture.ceremony, keys: fixture.keys[0], index: 2)
        }
        #expect(throws: TrusteeCeremonyError.invalidThreshold(threshold: 4, trustees: 3)) {
            try TrusteeCeremony(threshold: 4, cards: fixture.ceremony.cards, context: [])
        }
        #expect(throws: TrusteeCeremonyError.invalidIndex(name: "trustee 2", index: 2, expected: 1)) {
            try TrusteeCeremony(threshold: 1, cards: Array(fixture.ceremony.cards.dropFirst()), context: [])
        }
        // A dealing of another ceremony (another context) does not verify here.
        let other = try TrusteeCeremony(threshold: 2, cards: fixture.ceremony.cards, context: Array("other".utf8))
        #expect(throws: TrusteeCeremonyError.badSignature(dealer: 1)) { try dealing.check(in: other) }
    }

    @Test("every pair of the three trustees decrypts; one alone cannot, and the error says 1 of 2")
    func thresholdDecryption() throws {
        let fixture = try Fixture()
        let shares = try fixture.shares()
        let key = shares[0].electionKey
        let ballot = Array("project 3, project 11, project 12; wijk Oost".utf8)
        let width = PlaintextEncoding.width(forByteCount: ballot.count)
        let encrypted = ProvenEncryption.encrypt(try PlaintextEncoding.encode(ballot, width: width),
                                                 publicKey: key.publicKey, context: [])
        let context = Array("mix output".utf8)
        let decryptionShares = shares.map { DecryptionShare.make(encrypted.ciphertexts, keyShare: $0, context: context) }
        for pair in [[0, 1], [0, 2], [1, 2], [2, 1]] {
            let outcome = try ThresholdDecryption.combine(encrypted.ciphertexts, shares: pair.map { decryptionShares[$0] },
                                                          electionKey: key, context: context)
            #expect(try PlaintextEncoding.decode(outcome.plaintexts, width: width) == ballot, "\(pair)")
            #expect(outcome.trustees == pair.map { $0 + 1 }.sorted())
        }
        for single in 0..<3 {
            #expect(throws: ThresholdDecryptionError.tooFewShares(valid: 1, needed: 2, excluded: [])) {
                try ThresholdDecryption.combine(encrypted.ciphertexts, shares: [decryptionShares[single]],
                                                electionKey: key, context: context)
            }
        }
        // Under another context the shares do not verify: none is valid, all three named.
        #expect(throws: ThresholdDecryptionError.tooFewShares(
            valid: 0, needed: 2, excluded: (1...3).map { .init(trustee: $0, reason: .proofFails) })) {
            try ThresholdDecryption.combine(encrypted.ciphertexts, shares: decryptionShares, electionKey: key, context: [])
        }
    }

    @Test("a wrong decryption share is named and excluded, and the other two still decrypt")
    func wrongShareExcluded() throws {
        let fixture = try Fixture()
        let shares = try fixture.shares()
        let key = shares[0].electionKey
        let points = try PlaintextEncoding.encode(Array("ja".utf8), width: 1)
        let encrypted = ProvenEncryption.encrypt(points, publicKey: key.publicKey, context: [])
        let good = shares.map { DecryptionShare.make(encrypted.ciphertexts, keyShare: $0, context: []) }
        // Trustee 1 publishes a wrong partial decryption with its proof: the proof no longer verifies.
        let wrong = DecryptionShare(trustee: 1, partials: [good[0].partials[0] + .generator], proof: good[0].proof)
        let outcome = try ThresholdDecryption.combine(encrypted.ciphertexts, shares: [wrong, good[1], good[2], good[2]],
                                                      electionKey: key, context: [])
        #expect(outcome.excluded == [.init(trustee: 1, reason: .proofFails), .init(trustee: 3, reason: .duplicate)])
        #expect(outcome.trustees == [2, 3])
        #expect(outcome.plaintexts == points)
        // With the wrong one and one good one, decryption stops and names the wrong one.
        #expect(throws: ThresholdDecryptionError.tooFewShares(valid: 1, needed: 2, excluded: [.init(trustee: 1, reason: .proofFails)])) {
            try ThresholdDecryption.combine(encrypted.ciphertexts, shares: [wrong, good[2]], electionKey: key, context: [])
        }
        // A share claiming another trustee's index, or an unknown one, fails.
        let impostor = DecryptionShare(trustee: 2, partials: good[0].partials, proof: good[0].proof)
        #expect(!impostor.verify(encrypted.ciphertexts, electionKey: key, context: []))
        let unknown = DecryptionShare(trustee: 4, partials: good[0].partials, proof: good[0].proof)
        #expect(!unknown.verify(encrypted.ciphertexts, electionKey: key, context: []))
    }

    @Test("an invalid plaintext after decryption is a typed decoding error, not a crash")
    func invalidPlaintextCounted() throws {
        let fixture = try Fixture()
        let shares = try fixture.shares()
        let key = shares[0].electionKey
        // A voter encrypts a random point, not an encoding.
        let encrypted = ProvenEncryption.encrypt([Point.base(.random())], publicKey: key.publicKey, context: [])
        let decryptionShares = shares.map { DecryptionShare.make(encrypted.ciphertexts, keyShare: $0, context: []) }
        let outcome = try ThresholdDecryption.combine(encrypted.ciphertexts, shares: decryptionShares,
                                                      electionKey: key, context: [])
        #expect(throws: PlaintextEncodingError.self) { try PlaintextEncoding.decode(outcome.plaintexts, width: 1) }
    }

    @Test("3 of 5: any three decrypt, the Lagrange coefficients sum to one")
    func threeOfFive() throws {
        let fixture = try Fixture(threshold: 3, trustees: 5)
        let shares = try fixture.shares()
        let key = shares[0].electionKey
        let points = try PlaintextEncoding.encode([1, 2, 3, 4], width: 1)
        let encrypted = ProvenEncryption.encrypt(points, publicKey: key.publicKey, context: [])
        let decryptionShares = shares.map { DecryptionShare.make(encrypted.ciphertexts, keyShare: $0, context: []) }
        let outcome = try ThresholdDecryption.combine(encrypted.ciphertexts, shares: [decryptionShares[4], decryptionShares[1], decryptionShares[3]],
                                                      electionKey: key, context: [])
        #expect(outcome.plaintexts == points)
        #expect(ThresholdDecryption.lagrangeCoefficients([2, 4, 5])?.reduce(Scalar.zero, +) == .one)
        #expect(ThresholdDecryption.lagrangeCoefficients([2, 2]) == nil)
        #expect(ThresholdDecryption.lagrangeCoefficients([0, 1]) == nil)
        #expect(ThresholdDecryption.lagrangeCoefficients([-1, 1]) == nil)
    }

    static func signed(
        _ commitments: [Point], like dealing: TrusteeDealing, keys: TrusteeKeys, in ceremony: TrusteeCeremony
    ) -> TrusteeDealing {
        let unsigned = TrusteeDealing(dealer: dealing.dealer, commitments: commitments, proof: dealing.proof,
                                      sealedShares: dealing.sealedShares, signature: dealing.signature)
        return TrusteeDealing(dealer: dealing.dealer, commitments: commitments, proof: dealing.proof,
                              sealedShares: dealing.sealedShares,
                              signature: keys.signingKey.signature(for: unsigned.signedBytes(in: ceremony)))
    }
}
