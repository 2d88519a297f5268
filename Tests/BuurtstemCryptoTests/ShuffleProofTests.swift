import BuurtstemCrypto
import Foundation
import Testing

/// A secret key, its public key and N rows of width w of encryptions of random plaintexts.
struct MixFixture {
    typealias Point = Ristretto255.Point
    typealias Scalar = Ristretto255.Scalar

    let secretKey = Scalar.random()
    let publicKey: Point
    let plaintexts: [[Point]]
    let inputs: [[ElGamalCiphertext]]
    let context: [UInt8] = Array("buurtstem test: mix stage 1".utf8)

    init(rows: Int, width: Int) {
        publicKey = .base(secretKey)
        plaintexts = (0..<rows).map { _ in (0..<width).map { _ in Point.base(.random()) } }
        let key = publicKey
        inputs = plaintexts.map { row in row.map { ElGamalCiphertext.encrypt($0, publicKey: key, randomness: .random()) } }
    }

    /// A random shuffle of the inputs, its proof, and the statement it proves.
    func mix() throws -> (Shuffle, ShuffleProof, ShuffleStatement) {
        let shuffle = try Shuffle.random(inputs: inputs, publicKey: publicKey)
        let proof = try ShuffleProof.prove(shuffle, inputs: inputs, publicKey: publicKey, context: context)
        return (shuffle, proof, statement(outputs: shuffle.outputs))
    }

    func statement(
        outputs: [[ElGamalCiphertext]], inputs: [[ElGamalCiphertext]]? = nil,
        publicKey: Point? = nil, context: [UInt8]? = nil
    ) -> ShuffleStatement {
        ShuffleStatement(
            publicKey: publicKey ?? self.publicKey, context: context ?? self.context,
            inputs: inputs ?? self.inputs, outputs: outputs
        )
    }

    /// The plaintexts of `rows`, row by row.
    func decrypt(_ rows: [[ElGamalCiphertext]]) -> [[Point]] {
        rows.map { row in row.map { $0.decrypted(secretKey: secretKey) } }
    }
}

/// The equations a proof fails when its challenge changes: all of them.
func everyEquation(rows: Int, width: Int) -> [ShuffleEquation] {
    [.commitmentSum, .chainEnd, .weightedCommitments]
        + (0..<width).flatMap { [ShuffleEquation.reencryptionAlpha(component: $0), .reencryptionBeta(component: $0)] }
        + (0..<rows).map { .chainLink(row: $0) }
}

/// The equations `body` makes verification fail, or nil when it passes; a shape error is recorded as an issue.
func failedEquations(_ body: () throws(ShuffleVerificationError) -> Void) -> [ShuffleEquation]? {
    do {
        try body()
        return nil
    } catch .equationsFailed(let equations) {
        return equations
    } catch {
        Issue.record("expected failed equations, got \(error)")
        return []
    }
}

@Suite("The verifiable shuffle")
struct ShuffleProofTests {
    typealias Point = Ristretto255.Point
    typealias Scalar = Ristretto255.Scalar

    @Test("an honest shuffle verifies, and its rows decrypt to the same multiset of rows",
          arguments: [1, 2, 10, 100], [1, 3])
    func honestShuffle(rows: Int, width: Int) throws {
        let fixture = MixFixture(rows: rows, width: width)
        let (shuffle, proof, statement) = try fixture.mix()
        try proof.verify(statement)
        #expect(shuffle.outputs.count == rows && shuffle.outputs.allSatisfy { $0.count == width })
        // Rows move whole: compare the multisets of decrypted rows, not of single points.
        let key = { (row: [Point]) in row.map(\.description).joined() }
        #expect(fixture.decrypt(shuffle.outputs).map(key).sorted() == fixture.plaintexts.map(key).sorted())
        // Every ciphertext is re-randomised: none of the outputs equals an input.
        let inputs = Set(fixture.inputs.joined())
        #expect(shuffle.outputs.joined().allSatisfy { !inputs.contains($0) })
        // The JSON form parses back to the same proof, which still verifies.
        let parsed = try ShuffleProof(json: proof.json())
        #expect(parsed == proof)
        try parsed.verify(statement)
    }

    @Test("zero rows: no shuffle and no proof, with a typed error")
    func noRows() throws {
        let key = Point.base(.random())
        #expect(throws: ShuffleError.noRows) { try Shuffle.random(inputs: [], publicKey: key) }
        let honest = try MixFixture(rows: 2, width: 1).mix().1
        let empty = ShuffleStatement(publicKey: key, context: [], inputs: [], outputs: [])
        #expect(throws: ShuffleVerificationError.noRows) { try honest.verify(empty) }
    }

    @Test("rows that are empty or of different widths are refused by the shuffle")
    func badRows() throws {
        let fixture = MixFixture(rows: 3, width: 2)
        var ragged = fixture.inputs
        ragged[2].removeLast()
        #expect(throws: ShuffleError.widthMismatch(row: 2, width: 1, expected: 2)) {
            try Shuffle.random(inputs: ragged, publicKey: fixture.publicKey)
        }
        #expect(throws: ShuffleError.emptyRow(row: 0)) {
            try Shuffle.random(inputs: [[], []], publicKey: fixture.publicKey)
        }
    }

    @Test("random permutations are permutations, and each order of three rows comes up about equally often")
    func permutations() {
        #expect(Permutation(sources: [0, 0]) == nil)
        #expect(Permutation(sources: [1, 2]) == nil)
        #expect(Permutation(sources: [-1, 0]) == nil)
        #expect(Permutation(sources: [1, 0])?.targets == [1, 0])
        #expect(Permutation(sources: [2, 0, 1])?.targets == [1, 2, 0])
        #expect(Permutation.random(count: 0).count == 0)
        #expect(Permutation.random(count: 1).sources == [0])
        var counts = [[Int]: Int]()
        let draws = 6000
        for _ in 0..<draws {
            let permutation = Permutation.random(count: 3)
            #expect(Permutation(sources: permutation.sources) != nil)
            counts[permutation.sources, default: 0] += 1
        }
        // 1000 expected per order, standard deviation about 29: 850...1150 is over 5 deviations.
        #expect(counts.count == 6)
        #expect(counts.values.allSatisfy { (850...1150).contains($0) }, "\(counts)")
    }

    @Test("swapping two output rows is caught by every equation (the challenges change)")
    func swappedOutputs() throws {
        let fixture = MixFixture(rows: 10, width: 2)
        let (shuffle, proof, _) = try fixture.mix()
        var outputs = shuffle.outputs
        outputs.swapAt(3, 7)
        #expect(failedEquations { () throws(ShuffleVerificationError) in
            try proof.verify(fixture.statement(outputs: outputs))
        } == everyEquation(rows: 10, width: 2))
    }

    @Test("a ciphertext replaced by an encryption of another plaintext is caught")
    func replacedCiphertext() throws {
        let fixture = MixFixture(rows: 10, width: 3)
        let (shuffle, proof, _) = try fixture.mix()
        var outputs = shuffle.outputs
        let other = ElGamalCiphertext.encrypt(.base(.random()), publicKey: fixture.publicKey, randomness: .random())
        outputs[4][1] = other.reencrypted(publicKey: fixture.publicKey, randomness: .random())
        // In a published proof it changes the challenges, so every equation fails.
        #expect(failedEquations { () throws(ShuffleVerificationError) in
            try proof.verify(fixture.statement(outputs: outputs))
        } == everyEquation(rows: 10, width: 3))
        // A prover who proves the changed list with the true witness fails exactly t4 beta of that component:
        // the plaintext moved by B, the randomness did not.
        var cheated = shuffle.outputs
        cheated[4][1] = ElGamalCiphertext(alpha: cheated[4][1].alpha, beta: cheated[4][1].beta + .generator)
        let statement = fixture.statement(outputs: cheated)
        let cheat = try ShuffleProof.prove(
            statement, permutation: shuffle.permutation, randomness: shuffle.randomness,
            nonces: .random(count: 10, width: 3)
        )
        #expect(failedEquations { () throws(ShuffleVerificationError) in try cheat.verify(statement) }
            == [.reencryptionBeta(component: 1)])
    }

    @Test("a changed response is caught by the equations that use it")
    func changedResponses() throws {
        let fixture = MixFixture(rows: 6, width: 2)
        let (_, proof, statement) = try fixture.mix()
        let bump = { (scalar: Scalar) in scalar + .one }
        let cases: [(ShuffleProof, [ShuffleEquation])] = [
            (proof.with(s1: bump(proof.s1)), [.commitmentSum]),
            (proof.with(s2: bump(proof.s2)), [.chainEnd]),
            (proof.with(s3: bump(proof.s3)), [.weightedCommitments]),
            (proof.with(s4: proof.s4.changing(1, bump)), [.reencryptionAlpha(component: 1), .reencryptionBeta(component: 1)]),
            (proof.with(sHat: proof.sHat.changing(4, bump)), [.chainLink(row: 4)]),
            (proof.with(sPrime: proof.sPrime.changing(2, bump)),
             [.weightedCommitments] + (0..<2).flatMap { [.reencryptionAlpha(component: $0), .reencryptionBeta(component: $0)] }
                + [.chainLink(row: 2)]),
        ]
        for (tampered, expected) in cases {
            #expect(failedEquations { () throws(ShuffleVerificationError) in try tampered.verify(statement) } == expected)
        }
    }

    @Test("a changed commitment changes the challenge and is caught by every equation")
    func changedCommitments() throws {
        let fixture = MixFixture(rows: 5, width: 2)
        let (_, proof, statement) = try fixture.mix()
        let move = { (point: Point) in point + .generator }
        let tampered: [ShuffleProof] = [
            proof.with(permutationCommitments: proof.permutationCommitments.changing(0, move)),
            proof.with(chainCommitments: proof.chainCommitments.changing(4, move)),
            proof.with(t1: move(proof.t1)),
            proof.with(t2: move(proof.t2)),
            proof.with(t3: move(proof.t3)),
            proof.with(t4: proof.t4.changing(1) { .init(alpha: $0.alpha, beta: move($0.beta)) }),
            proof.with(tHat: proof.tHat.changing(3, move)),
        ]
        for proof in tampered {
            #expect(failedEquations { () throws(ShuffleVerificationError) in try proof.verify(statement) }
                == everyEquation(rows: 5, width: 2))
        }
    }

    @Test("another public key, context or input list is caught")
    func otherStatement() throws {
        let fixture = MixFixture(rows: 4, width: 1)
        let (shuffle, proof, _) = try fixture.mix()
        let other = MixFixture(rows: 4, width: 1)
        let statements = [
            fixture.statement(outputs: shuffle.outputs, publicKey: .base(.random())),
            fixture.statement(outputs: shuffle.outputs, context: Array("buurtstem test: mix stage 2".utf8)),
            fixture.statement(outputs: shuffle.outputs, inputs: other.inputs),
        ]
        for statement in statements {
            #expect(failedEquations { () throws(ShuffleVerificationError) in try proof.verify(statement) }
                == everyEquation(rows: 4, width: 1))
        }
        #expect(throws: ShuffleVerificationError.identityPublicKey) {
            try proof.verify(fixture.statement(outputs: shuffle.outputs, publicKey: .identity))
        }
    }

    @Test("no length is trusted: wrong shapes are typed errors, never a crash")
    func shapes() throws {
        let fixture = MixFixture(rows: 4, width: 2)
        let (shuffle, proof, statement) = try fixture.mix()
        var ragged = shuffle.outputs
        ragged[1].removeLast()
        #expect(throws: ShuffleVerificationError.widthMismatch(side: .outputs, row: 1, width: 1, expected: 2)) {
            try proof.verify(fixture.statement(outputs: ragged))
        }
        var raggedInputs = fixture.inputs
        raggedInputs[3].append(raggedInputs[3][0])
        #expect(throws: ShuffleVerificationError.widthMismatch(side: .inputs, row: 3, width: 3, expected: 2)) {
            try proof.verify(fixture.statement(outputs: shuffle.outputs, inputs: raggedInputs))
        }
        #expect(throws: ShuffleVerificationError.emptyRow(side: .outputs, row: 0)) {
            try proof.verify(fixture.statement(outputs: [[]] + shuffle.outputs.dropFirst()))
        }
        #expect(throws: ShuffleVerificationError.rowCount(outputs: 3, inputs: 4)) {
            try proof.verify(fixture.statement(outputs: Array(shuffle.outputs.dropLast())))
        }
        let short: [(ShuffleProof, String, Int, Int)] = [
            (proof.with(permutationCommitments: Array(proof.permutationCommitments.dropLast())), "permutation_commitments", 3, 4),
            (proof.with(chainCommitments: proof.chainCommitments + [proof.t1]), "chain_commitments", 5, 4),
            (proof.with(t4: Array(proof.t4.dropFirst())), "t4", 1, 2),
            (proof.with(tHat: []), "t_hat", 0, 4),
            (proof.with(s4: proof.s4 + proof.s4), "s4", 4, 2),
            (proof.with(sHat: Array(proof.sHat.dropLast())), "s_hat", 3, 4),
            (proof.with(sPrime: Array(proof.sPrime.dropLast(2))), "s_prime", 2, 4),
        ]
        for (tampered, field, count, expected) in short {
            #expect(throws: ShuffleVerificationError.proofLength(field: field, count: count, expected: expected)) {
                try tampered.verify(statement)
            }
        }
        #expect(throws: ShuffleVerificationError.identityCommitment(field: "chain_commitments", index: 2)) {
            try proof.with(chainCommitments: proof.chainCommitments.changing(2) { _ in .identity }).verify(statement)
        }
        #expect(throws: ShuffleVerificationError.identityCommitment(field: "t2", index: nil)) {
            try proof.with(t2: .identity).verify(statement)
        }
    }

    @Test("the JSON reader refuses non-reduced scalars, the identity, non-canonical points and upper-case hex")
    func jsonParsing() throws {
        let fixture = MixFixture(rows: 3, width: 1)
        let (_, proof, statement) = try fixture.mix()
        let object = try #require(JSONSerialization.jsonObject(with: proof.json()) as? [String: Any])
        func parse(_ change: (inout [String: Any]) -> Void) throws -> ShuffleProofDecodingError? {
            var copy = object
            change(&copy)
            let data = try JSONSerialization.data(withJSONObject: copy)
            do {
                _ = try ShuffleProof(json: data)
                return nil
            } catch {
                return error
            }
        }
        // s + ℓ encodes the same number as s, but is not reduced: refused, never read as s.
        let s1PlusOrder = Hex.encode(addOrder(proof.s1.bytes))
        #expect(try parse { $0["s1"] = s1PlusOrder } == .init(field: "s1", index: nil, problem: .notAReducedScalar))
        var sHat = object["s_hat"] as! [String]
        sHat[2] = Hex.encode(addOrder(proof.sHat[2].bytes))
        #expect(try parse { $0["s_hat"] = sHat } == .init(field: "s_hat", index: 2, problem: .notAReducedScalar))
        let identity = String(repeating: "0", count: 64)
        #expect(try parse { $0["t1"] = identity } == .init(field: "t1", index: nil, problem: .notAPoint))
        var chain = object["chain_commitments"] as! [String]
        chain[1] = identity
        #expect(try parse { $0["chain_commitments"] = chain } == .init(field: "chain_commitments", index: 1, problem: .notAPoint))
        // RFC 9496 A.2: a non-canonical field element.
        let nonCanonical = "00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
        #expect(try parse { $0["t4"] = [["alpha": nonCanonical, "beta": proof.t4[0].beta.description]] }
            == .init(field: "t4.alpha", index: 0, problem: .notAPoint))
        #expect(try parse { $0["t3"] = proof.t3.description.uppercased() } == .init(field: "t3", index: nil, problem: .notHex))
        #expect(try parse { $0["format"] = "buurtstem-shuffle-proof/2" }
            == .init(field: "format", index: nil, problem: .format("buurtstem-shuffle-proof/2")))
        let missing = try parse { $0.removeValue(forKey: "s2") }
        #expect(missing?.field == "")
        // The untouched object still parses and verifies.
        try #require(try parse { _ in } == nil)
        try ShuffleProof(json: JSONSerialization.data(withJSONObject: object)).verify(statement)
    }

    /// `bytes` (little-endian, less than ℓ) plus ℓ: still 32 bytes, since ℓ < 2^253.
    func addOrder(_ bytes: [UInt8]) -> [UInt8] {
        let order: [UInt8] = [
            0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
        ]
        var carry = 0
        return (0..<32).map { index in
            let sum = Int(bytes[index]) + Int(order[index]) + carry
            carry = sum >> 8
            return UInt8(sum & 0xff)
        }
    }
}

extension Array {
    /// A copy with element `index` replaced by `change` of it.
    func changing(_ index: Int, _ change: (Element) -> Element) -> [Element] {
        var copy = self
        copy[index] = change(copy[index])
        return copy
    }
}

extension ShuffleProof {
    /// A copy with the given fields replaced: the tampering tests' one way to make a changed proof.
    func with(
        permutationCommitments: [Ristretto255.Point]? = nil, chainCommitments: [Ristretto255.Point]? = nil,
        t1: Ristretto255.Point? = nil, t2: Ristretto255.Point? = nil, t3: Ristretto255.Point? = nil,
        t4: [ComponentCommitment]? = nil, tHat: [Ristretto255.Point]? = nil,
        s1: Ristretto255.Scalar? = nil, s2: Ristretto255.Scalar? = nil, s3: Ristretto255.Scalar? = nil,
        s4: [Ristretto255.Scalar]? = nil, sHat: [Ristretto255.Scalar]? = nil, sPrime: [Ristretto255.Scalar]? = nil
    ) -> ShuffleProof {
        ShuffleProof(
            permutationCommitments: permutationCommitments ?? self.permutationCommitments,
            chainCommitments: chainCommitments ?? self.chainCommitments,
            t1: t1 ?? self.t1, t2: t2 ?? self.t2, t3: t3 ?? self.t3, t4: t4 ?? self.t4, tHat: tHat ?? self.tHat,
            s1: s1 ?? self.s1, s2: s2 ?? self.s2, s3: s3 ?? self.s3,
            s4: s4 ?? self.s4, sHat: sHat ?? self.sHat, sPrime: sPrime ?? self.sPrime
        )
    }
}
