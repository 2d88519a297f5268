import BuurtstemCrypto
import BuurtstemRecord
import Testing

/// A secret election's signed and hashed kinds (docs/record.md, "Secret ballots" and "Secret elections: the record"),
/// rebuilt by hand from the page with fixed keys, randomness and nonces, and compared with the record library's bytes:
/// the canonical choice bytes and their points, the encryption and its proof, the v3 ballot, the ballot code, the mix
/// and decryption contexts, a mix stage's shuffle hashes, and a decryption share's proof and combination (what the
/// decoded ballots come from). `scripts/check-secret-record-vectors.py` does the same in Python.
@Suite("Secret election bytes, built by hand from docs/record.md")
struct SecretBytesTests {
    typealias Point = Ristretto255.Point
    typealias Scalar = Ristretto255.Scalar

    /// B as the page gives it ("Group and encodings").
    static let generator = Hex.decode("e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76")!
    static let electionKey = Point.base(Scalar(987_654_321))
    static let definitionHash = SHA.sha256(Array("a definition".utf8))
    static let pass = PassToken.passKey(secret: [UInt8](repeating: 2, count: 16))
    static let choices = [Choice(project: "KW-01", value: 1), Choice(project: "KW-05", value: 1)]

    /// choice bytes = u32(number of choices) || for each choice: str(project) || u32(value)
    static var choiceBytes: [UInt8] {
        var w = HandBytes()
        w.u32(2)
        w.str("KW-01")
        w.u32(1)
        w.str("KW-05")
        w.u32(1)
        return w.bytes
    }

    /// c = SHA-512(str(tag) || raw(B) || bytes(statement) || points(P_1 … P_k) || raw(T_1) || … || raw(T_k)) mod ℓ,
    /// with T_i = z_i·B − c·P_i recomputed from the proof.
    static func schnorrChallenge(tag: String, statement: [UInt8], publics: [Point], proof: SchnorrProof) -> Scalar {
        var m = HandBytes(tag: tag)
        m.raw(generator)
        m.lengthPrefixed(statement)
        m.points(publics.map(\.bytes))
        for (z, point) in zip(proof.responses, publics) { m.raw((Point.base(z) - proof.challenge * point).bytes) }
        return Scalar.reducing(wide: SHA.sha512(m.bytes))
    }

    /// "Plaintext encoding": chunk i of 29 bytes in e[2 ..< 2+L], e[31] = L, e[0], e[1] the counter 2c little-endian,
    /// for the first c whose candidate is a canonical non-identity encoding.
    static func handEncoded(_ bytes: [UInt8], width: Int) -> [Point] {
        (0..<width).map { i in
            let chunk = i * 29 < bytes.count ? Array(bytes[(i * 29)..<min(bytes.count, i * 29 + 29)]) : []
            for c in 0..<32768 {
                var e = [UInt8(2 * c % 256), UInt8(2 * c / 256)] + chunk + [UInt8](repeating: 0, count: 29 - chunk.count)
                e.append(UInt8(chunk.count))
                if let point = Point(canonical: e) { return point }
            }
            Issue.record("no counter encodes chunk \(i)")
            return .identity
        }
    }

    @Test("choice bytes and their points, the encryption, its proof's challenge and responses, and the v3 ballot's signed bytes, entry and leaf")
    func v3Ballot() throws {
        #expect(Point.generator.bytes == Self.generator)
        #expect(ChoiceBytes.encode(Self.choices) == Self.choiceBytes)
        // context = raw(definition_hash, 32) || raw(pass public key, 32)
        var context = HandBytes()
        context.raw(Self.definitionHash)
        context.raw(Self.pass.publicKey.bytes)
        #expect(EncryptedBallot.encryptionContext(definitionHash: Self.definitionHash, pass: Self.pass.publicKey) == context.bytes)

        let points = try PlaintextEncoding.encode(Self.choiceBytes, width: 2)
        #expect(points == Self.handEncoded(Self.choiceBytes, width: 2))
        let randomness = [Scalar(11), Scalar(12)], nonces = [Scalar(21), Scalar(22)]
        let encryption = ProvenEncryption.encrypt(points, publicKey: Self.electionKey, context: context.bytes,
                                                  randomness: randomness, nonces: nonces)
        // (α, β) = (r·B, M + r·Y), written raw(α) || raw(β).
        for (i, ciphertext) in encryption.ciphertexts.enumerated() {
            #expect(ciphertext.bytes == Point.base(randomness[i]).bytes + (points[i] + randomness[i] * Self.electionKey).bytes)
        }
        // statement = raw(Y) || points(β_1 … β_k) || bytes(context)
        var statement = HandBytes()
        statement.raw(Self.electionKey.bytes)
        statement.points(encryption.ciphertexts.map(\.beta.bytes))
        statement.lengthPrefixed(context.bytes)
        let proof = encryption.proof
        #expect(Self.schnorrChallenge(tag: "buurtstem/proof/randomness/v1", statement: statement.bytes,
                                      publics: encryption.ciphertexts.map(\.alpha), proof: proof) == proof.challenge)
        // z_i = w_i + c·r_i mod ℓ
        #expect(proof.responses == zip(nonces, randomness).map { $0 + proof.challenge * $1 })

        let ballot = EncryptedBallot(election: "2027-kw", definitionHash: Self.definitionHash, area: "WK001401", passKey: Self.pass,
                                     encryption: encryption, kiosk: "bibliotheek", sequence: 5)
        var w = HandBytes(tag: "buurtstem/ballot/v3")
        w.str("2027-kw")
        w.raw(Self.definitionHash)
        w.str("WK001401")
        w.raw(Self.pass.publicKey.bytes)
        w.u32(2)
        for ciphertext in encryption.ciphertexts {
            w.raw(ciphertext.alpha.bytes)
            w.raw(ciphertext.beta.bytes)
        }
        w.raw(proof.challenge.bytes)
        w.u32(2)
        for response in proof.responses { w.raw(response.bytes) }
        w.str("bibliotheek")
        w.u64(5)
        #expect(ballot.signedBytes == w.bytes)
        #expect(Self.pass.publicKey.isValidSignature(ballot.signature, for: w.bytes))
        #expect(ballot.entryBytes == w.bytes + ballot.signature.bytes)
        #expect(ballot.leafHash == SHA.sha256([0] + w.bytes + ballot.signature.bytes))
        #expect(ballot.isValidProof(publicKey: Self.electionKey))

        // ballot code bytes = str("buurtstem/ballot-code/v1") || str(election) || raw(definition_hash, 32) || str(area)
        //   || u32(w) || for each ciphertext: raw(α_i) || raw(β_i); the code: the first 10 bytes of its SHA-256.
        var code = HandBytes(tag: "buurtstem/ballot-code/v1")
        code.str("2027-kw")
        code.raw(Self.definitionHash)
        code.str("WK001401")
        code.u32(2)
        for ciphertext in encryption.ciphertexts { code.raw(ciphertext.alpha.bytes + ciphertext.beta.bytes) }
        #expect(BallotCode.bytes(election: "2027-kw", definitionHash: Self.definitionHash, area: "WK001401",
                                 ciphertexts: encryption.ciphertexts) == code.bytes)
        #expect(BallotCode.code(election: "2027-kw", definitionHash: Self.definitionHash, area: "WK001401", ciphertexts: encryption.ciphertexts)
                == TypeableCode(bytes: Array(SHA.sha256(code.bytes).prefix(10)),
                                format: CodeFormat(name: "ballot code", byteCount: 10, groupSize: 4)).formatted)
    }

    @Test("the mix context and the decryption context of a stage and area")
    func contexts() {
        // mix context = str("buurtstem/mix/context/v1") || str(election) || raw(definition_hash, 32) || u32(K) || str(area)
        var mix = HandBytes(tag: "buurtstem/mix/context/v1")
        mix.str("2027-kw")
        mix.raw(Self.definitionHash)
        mix.u32(3)
        mix.str("WK001401")
        #expect(MixStageFile.context(election: "2027-kw", definitionHash: Self.definitionHash, stage: 3, area: "WK001401") == mix.bytes)
        // decryption context = str("buurtstem/decryption/context/v1") || str(election) || raw(definition_hash, 32)
        //   || u32(K, the last stage) || str(area)
        var decryption = HandBytes(tag: "buurtstem/decryption/context/v1")
        decryption.str("2027-kw")
        decryption.raw(Self.definitionHash)
        decryption.u32(3)
        decryption.str("WK001401")
        #expect(DecryptionSharesFile.context(election: "2027-kw", definitionHash: Self.definitionHash, stage: 3, area: "WK001401")
                == decryption.bytes)
    }

    @Test("a mix stage's shuffle: the generators, the statement digest d, the challenges u_j and c over the page's bytes")
    func shuffle() throws {
        let context = MixStageFile.context(election: "2027-kw", definitionHash: Self.definitionHash, stage: 1, area: "WK001401")
        let (rows, width) = (3, 2)
        let inputs = (0..<rows).map { row in
            (0..<width).map { k in
                ElGamalCiphertext.encrypt(.base(Scalar(UInt64(100 + row * width + k))), publicKey: Self.electionKey,
                                          randomness: Scalar(UInt64(200 + row * width + k)))
            }
        }
        let shuffle = try Shuffle.random(inputs: inputs, publicKey: Self.electionKey)
        let proof = try ShuffleProof.prove(shuffle, inputs: inputs, publicKey: Self.electionKey, context: context)
        // H and H_i: the one-way map of SHA-512(str("buurtstem/mix/generator/v1") || bytes(context) || u32(n)), n = 0 for H.
        func generator(_ n: Int) -> Point {
            var g = HandBytes(tag: "buurtstem/mix/generator/v1")
            g.lengthPrefixed(context)
            g.u32(n)
            return .fromHash(SHA.sha512(g.bytes))
        }
        let h = generator(0), hs = (0..<rows).map { generator($0 + 1) }
        // d = SHA-512(str("buurtstem/mix/statement/v1") || bytes(context) || raw(Y) || u32(N) || u32(w) || raw(H) || raw(H_i)…
        //   || inputs row by row || outputs row by row || raw(c_0) … raw(c_{N−1}))
        var s = HandBytes(tag: "buurtstem/mix/statement/v1")
        s.lengthPrefixed(context)
        s.raw(Self.electionKey.bytes)
        s.u32(rows)
        s.u32(width)
        s.raw(h.bytes)
        for g in hs { s.raw(g.bytes) }
        for row in inputs + shuffle.outputs { for ciphertext in row { s.raw(ciphertext.alpha.bytes + ciphertext.beta.bytes) } }
        for commitment in proof.permutationCommitments { s.raw(commitment.bytes) }
        let d = SHA.sha512(s.bytes)
        // u_j = SHA-512(str("buurtstem/mix/challenges/v1") || raw(d) || u32(j)) mod ℓ
        let u = (0..<rows).map { j in
            var w = HandBytes(tag: "buurtstem/mix/challenges/v1")
            w.raw(d)
            w.u32(j)
            return Scalar.reducing(wide: SHA.sha512(w.bytes))
        }
        // c = SHA-512(str("buurtstem/mix/challenge/v1") || raw(d) || raw(ĉ_i)… || raw(t1) || raw(t2) || raw(t3)
        //   || raw(t4α_k) || raw(t4β_k)… || raw(t̂_i)…) mod ℓ
        var m = HandBytes(tag: "buurtstem/mix/challenge/v1")
        m.raw(d)
        for point in proof.chainCommitments { m.raw(point.bytes) }
        for point in [proof.t1, proof.t2, proof.t3] { m.raw(point.bytes) }
        for pair in proof.t4 { m.raw(pair.alpha.bytes + pair.beta.bytes) }
        for point in proof.tHat { m.raw(point.bytes) }
        let c = Scalar.reducing(wide: SHA.sha512(m.bytes))

        let statement = ShuffleStatement(publicKey: Self.electionKey, context: context, inputs: inputs, outputs: shuffle.outputs)
        let transcript = proof.transcript(statement, width: width)
        #expect(transcript.generators.chainBase == h && transcript.generators.rows == hs)
        #expect(transcript.digest == d)
        #expect(transcript.u == u)
        #expect(transcript.c == c)
        // The prover answered this c: t1 + c·(Σ_j c_j − Σ_i H_i) = s1·B holds with the hand-built c and generators.
        let commitments = proof.permutationCommitments.dropFirst().reduce(proof.permutationCommitments[0], +)
        let generators = hs.dropFirst().reduce(hs[0], +)
        #expect(proof.t1 + c * (commitments - generators) == Point.base(proof.s1))
        try proof.verify(statement)
    }

    @Test("a decryption share: d_i = x_j·α_i, the Chaum–Pedersen challenge over the page's message, and the combination")
    func decryptionShare() throws {
        // Trustee 2 of a 2-of-2 key whose shares are x_1 = 5 and x_2 = 7 (a line through Y's secret 3 at 0: f(x) = 3 + 2x).
        let shares = [Scalar(5), Scalar(7)]
        let key = try #require(ElectionKey(publicKey: .base(Scalar(3)), threshold: 2, verificationKeys: shares.map { .base($0) }))
        let keyShare = try #require(TrusteeKeyShare(index: 2, secret: shares[1], electionKey: key))
        let ciphertexts = [Scalar(11), Scalar(12), Scalar(13)].map {
            ElGamalCiphertext.encrypt(.base(Scalar(100)), publicKey: key.publicKey, randomness: $0)
        }
        let context = DecryptionSharesFile.context(election: "2027-kw", definitionHash: Self.definitionHash, stage: 1, area: "WK001401")
        let share = DecryptionShare.make(ciphertexts, keyShare: keyShare, context: context, nonce: Scalar(31))
        let v = Point.base(shares[1])
        #expect(share.trustee == 2)
        #expect(share.partials == ciphertexts.map { shares[1] * $0.alpha })
        // statement = raw(Y) || u32(j) || points(β_1 … β_k) || bytes(context)
        var statement = HandBytes()
        statement.raw(key.publicKey.bytes)
        statement.u32(2)
        statement.points(ciphertexts.map(\.beta.bytes))
        statement.lengthPrefixed(context)
        // c = SHA-512(str(tag) || raw(B) || raw(V) || bytes(statement) || u32(k) || raw(α_1) || raw(d_1) … || raw(a)
        //   || raw(b_1) … ) mod ℓ, with a = z·B − c·V and b_i = z·α_i − c·d_i.
        let (c, z) = (share.proof.challenge, share.proof.response)
        var m = HandBytes(tag: "buurtstem/proof/decryption/v1")
        m.raw(Self.generator)
        m.raw(v.bytes)
        m.lengthPrefixed(statement.bytes)
        m.u32(3)
        for (ciphertext, partial) in zip(ciphertexts, share.partials) {
            m.raw(ciphertext.alpha.bytes)
            m.raw(partial.bytes)
        }
        m.raw((Point.base(z) - c * v).bytes)
        for (ciphertext, partial) in zip(ciphertexts, share.partials) { m.raw((z * ciphertext.alpha - c * partial).bytes) }
        #expect(Scalar.reducing(wide: SHA.sha512(m.bytes)) == c)
        #expect(z == Scalar(31) + c * shares[1])
        #expect(share.verify(ciphertexts, electionKey: key, context: context))

        // Combining with trustee 1: λ_1 = 2·(2 − 1)^{-1} = 2, λ_2 = 1·(1 − 2)^{-1} = −1, M_i = β_i − Σ_j λ_j·d_{j,i}.
        let first = DecryptionShare.make(ciphertexts, keyShare: try #require(TrusteeKeyShare(index: 1, secret: shares[0], electionKey: key)),
                                         context: context, nonce: Scalar(32))
        let outcome = try ThresholdDecryption.combine(ciphertexts, shares: [share, first], electionKey: key, context: context)
        let combined = ciphertexts.indices.map { i in ciphertexts[i].beta - (Scalar(2) * first.partials[i] - share.partials[i]) }
        #expect(outcome.trustees == [1, 2])
        #expect(outcome.plaintexts == combined)
        #expect(combined.allSatisfy { $0 == Point.base(Scalar(100)) })
    }
}
