import BuurtstemCrypto
import BuurtstemRecord
import Testing

/// The trustee key ceremony's signed and hashed kinds (docs/record.md, "Trustee key ceremony" and "The ceremony's
/// files"), rebuilt by hand from the page with fixed keys and a fixed polynomial: the box key's derivation, the card,
/// the ceremony bytes and hash, a dealing's signed bytes, its proof and its sealed share messages, the election key
/// from the dealings, and a complaint.
@Suite("Trustee ceremony bytes, built by hand from docs/record.md")
struct TrusteeBytesTests {
    typealias Point = Ristretto255.Point
    typealias Scalar = Ristretto255.Scalar

    static let seeds = [[UInt8](repeating: 0x11, count: 32), [UInt8](repeating: 0x22, count: 32)]
    static let names = ["A. de Vries (notaris)", "B. Jansen"]
    static let context = Array("2027-kw".utf8)

    static func keys() throws -> [TrusteeKeys] { try seeds.map { TrusteeKeys(signingKey: try SigningKey(seed: $0)) } }

    @Test("box key, card, ceremony, dealing, share messages, election key and complaint")
    func ceremony() throws {
        let keys = try Self.keys()
        // box seed = the first 32 bytes of SHA-512(str("buurtstem/trustee/box-key/v1") || raw(Ed25519 seed))
        for (seed, key) in zip(Self.seeds, keys) {
            var input = HandBytes(tag: "buurtstem/trustee/box-key/v1")
            input.raw(seed)
            #expect(try BoxKeyPair(seed: Array(SHA.sha512(input.bytes).prefix(32))).publicKey == key.boxKey.publicKey)
        }
        // card: str("buurtstem/trustees/card/v1") || str(name) || raw(box key) || raw(signing key)
        for (name, key) in zip(Self.names, keys) {
            let card = TrusteeCardFile(name: name, keys: key)
            var w = HandBytes(tag: "buurtstem/trustees/card/v1")
            w.str(name)
            w.raw(key.boxKey.publicKey.bytes)
            w.raw(key.signingKey.publicKey.bytes)
            #expect(TrusteeCardFile.signedBytes(name: name, boxKey: card.boxKey, signingKey: card.signingKey) == w.bytes)
            #expect(key.signingKey.publicKey.isValidSignature(card.signature, for: w.bytes))
        }
        // ceremony bytes = str("buurtstem/trustees/ceremony/v1") || u32(t) || u32(n)
        //   || for each trustee j: str(name) || u32(j) || raw(box public key) || raw(signing public key) || bytes(context)
        let cards = keys.enumerated().map { $0.element.card(name: Self.names[$0.offset], index: $0.offset + 1) }
        let ceremony = try TrusteeCeremony(threshold: 2, cards: cards, context: Self.context)
        var c = HandBytes(tag: "buurtstem/trustees/ceremony/v1")
        c.u32(2)
        c.u32(2)
        for (j, key) in keys.enumerated() {
            c.str(Self.names[j])
            c.u32(j + 1)
            c.raw(key.boxKey.publicKey.bytes)
            c.raw(key.signingKey.publicKey.bytes)
        }
        c.lengthPrefixed(Self.context)
        #expect(ceremony.bytes == c.bytes)
        #expect(ceremony.hash == SHA.sha256(c.bytes))

        // Dealer 1 with f_1(x) = 41 + 42x, dealer 2 with f_2(x) = 51 + 52x.
        let polynomials = [[Scalar(41), Scalar(42)], [Scalar(51), Scalar(52)]]
        let dealings = try (0..<2).map { i in
            try TrusteeDealing.deal(in: ceremony, keys: keys[i], index: i + 1, coefficients: polynomials[i], proofNonce: Scalar(UInt64(61 + i)))
        }
        for (i, dealing) in dealings.enumerated() {
            let commitments = polynomials[i].map { Point.base($0) }
            #expect(dealing.commitments == commitments)
            // The proof of knowledge of a_{i,0}: statement raw(ceremony hash) || u32(i) || points(C_{i,0} … C_{i,t-1}), P_1 = C_{i,0}.
            var statement = HandBytes()
            statement.raw(ceremony.hash)
            statement.u32(i + 1)
            statement.points(commitments.map(\.bytes))
            let proof = dealing.proof
            #expect(SecretBytesTests.schnorrChallenge(tag: "buurtstem/proof/dealer-key/v1", statement: statement.bytes,
                                                      publics: [commitments[0]], proof: proof) == proof.challenge)
            #expect(proof.responses == [Scalar(UInt64(61 + i)) + proof.challenge * polynomials[i][0]])
            // str("buurtstem/trustees/dealing/v1") || raw(ceremony hash) || u32(i) || points(C_{i,0} … C_{i,t-1})
            //   || raw(c) || raw(z) || u32(n) || bytes(E_{i,1}) || … || bytes(E_{i,n})
            var w = HandBytes(tag: "buurtstem/trustees/dealing/v1")
            w.raw(ceremony.hash)
            w.u32(i + 1)
            w.points(commitments.map(\.bytes))
            w.raw(proof.challenge.bytes)
            w.raw(try #require(proof.responses.first).bytes)
            w.u32(2)
            for sealed in dealing.sealedShares { w.lengthPrefixed(sealed) }
            #expect(dealing.signedBytes(in: ceremony) == w.bytes)
            #expect(keys[i].signingKey.publicKey.isValidSignature(dealing.signature, for: w.bytes))
            // election-key.json's `dealings`: SHA-256 of the dealing's signed bytes.
            #expect(TrusteeDealingFile(election: "2027-kw", ceremonyHash: ceremony.hash, dealing: dealing).hash(in: ceremony) == SHA.sha256(w.bytes))
            // share message = str("buurtstem/trustees/share/v1") || raw(ceremony hash) || u32(i) || u32(j) || raw(f_i(j)),
            // sealed to trustee j's box key.
            for j in 1...2 {
                var share = HandBytes(tag: "buurtstem/trustees/share/v1")
                share.raw(ceremony.hash)
                share.u32(i + 1)
                share.u32(j)
                share.raw((polynomials[i][0] + Scalar(UInt64(j)) * polynomials[i][1]).bytes)
                #expect(keys[j - 1].boxKey.open(dealing.sealedShares[j - 1]) == share.bytes)
                #expect(dealing.sealedShares[j - 1].count == share.bytes.count + 48)
            }
        }
        // Y = Σ_i C_{i,0}; V_j = Σ_i Σ_k j^k·C_{i,k}: here Y = (41 + 51)·B and V_j = (92 + 94j)·B.
        let key = try ElectionKey(ceremony: ceremony, dealings: dealings)
        #expect(key.publicKey == Point.base(Scalar(92)))
        #expect(key.verificationKeys == [Point.base(Scalar(186)), Point.base(Scalar(280))])

        // complaint: str("buurtstem/trustees/complaint/v1") || raw(ceremony hash) || u32(i) || u32(j) || str(reason)
        let reasons: [(TrusteeComplaint.Reason, String)] = [(.cannotOpen, "cannot-open"), (.malformed, "malformed"),
                                                            (.doesNotMatchCommitments, "does-not-match-commitments")]
        for (reason, name) in reasons {
            let complaint = TrusteeComplaintFile(election: "2027-kw", ceremonyHash: ceremony.hash,
                                                 complaint: TrusteeComplaint(dealer: 1, recipient: 2, reason: reason), key: keys[1].signingKey)
            var w = HandBytes(tag: "buurtstem/trustees/complaint/v1")
            w.raw(ceremony.hash)
            w.u32(1)
            w.u32(2)
            w.str(name)
            #expect(TrusteeComplaintFile.signedBytes(ceremonyHash: ceremony.hash, complaint: complaint.complaint) == w.bytes)
            #expect(keys[1].signingKey.publicKey.isValidSignature(complaint.signature, for: w.bytes))
        }
    }
}
