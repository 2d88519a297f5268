extension ShuffleProof {
    /// Checks that this proof shows `statement.outputs` to be `statement.inputs` permuted and re-encrypted
    /// (Haenni et al., algorithm 8.5, additively and per component). Throws the first shape error found, or every
    /// equation that fails; returns normally only when all hold.
    ///
    /// No length is trusted: rows of different widths, outputs of another count, proof vectors of a wrong length
    /// and identity commitments are typed errors, never a crash. The exponentiations (about 4w + 5 per row) run on
    /// all cores.
    public func verify(_ statement: ShuffleStatement) throws(ShuffleVerificationError) {
        let width = try checkShape(statement)
        let count = statement.inputs.count
        let publicKey = statement.publicKey
        let inputs = statement.inputs, outputs = statement.outputs
        let (generators, _, u, c) = transcript(statement, width: width)
        let commitments = permutationCommitments, sPrime = sPrime
        // One pass over the rows: Σc_j, ΣH_j, Σu_j·c_j, Σs'_i·H_i, then for each component k
        // Σu_j·α_{j,k}, Σu_j·β_{j,k}, Σs'_i·α'_{i,k}, Σs'_i·β'_{i,k}.
        let sums = ChunkedSums.points(count, width: 4 + 4 * width) { i in
            var terms = [
                commitments[i], generators.rows[i],
                MixOperationCounter.multiply(u[i], commitments[i]),
                MixOperationCounter.multiply(sPrime[i], generators.rows[i]),
            ]
            for k in 0..<width {
                terms.append(MixOperationCounter.multiply(u[i], inputs[i][k].alpha))
                terms.append(MixOperationCounter.multiply(u[i], inputs[i][k].beta))
                terms.append(MixOperationCounter.multiply(sPrime[i], outputs[i][k].alpha))
                terms.append(MixOperationCounter.multiply(sPrime[i], outputs[i][k].beta))
            }
            return terms
        }
        let chain = chainCommitments, sHat = sHat
        let chainBase = generators.chainBase
        let linkHolds = ParallelMap.indices(count, minimumCount: 16) { i in
            let previous = i == 0 ? chainBase : chain[i - 1]
            return tHat[i] + MixOperationCounter.multiply(c, chain[i])
                == MixOperationCounter.base(sHat[i]) + MixOperationCounter.multiply(sPrime[i], previous)
        }
        let uProduct = u.reduce(Ristretto255.Scalar.one, *)

        var failed = [ShuffleEquation]()
        // Each equation is checked as t + c·X = (responses), which needs no negation of c.
        if t1 + MixOperationCounter.multiply(c, sums[0] - sums[1]) != MixOperationCounter.base(s1) {
            failed.append(.commitmentSum)
        }
        let chainEnd = chain[count - 1] - MixOperationCounter.multiply(uProduct, chainBase)
        if t2 + MixOperationCounter.multiply(c, chainEnd) != MixOperationCounter.base(s2) {
            failed.append(.chainEnd)
        }
        if t3 + MixOperationCounter.multiply(c, sums[2]) != MixOperationCounter.base(s3) + sums[3] {
            failed.append(.weightedCommitments)
        }
        for k in 0..<width {
            let base = 4 + 4 * k
            if t4[k].alpha + MixOperationCounter.multiply(c, sums[base]) + MixOperationCounter.base(s4[k])
                != sums[base + 2] {
                failed.append(.reencryptionAlpha(component: k))
            }
            if t4[k].beta + MixOperationCounter.multiply(c, sums[base + 1])
                + MixOperationCounter.multiply(s4[k], publicKey) != sums[base + 3] {
                failed.append(.reencryptionBeta(component: k))
            }
        }
        for (row, holds) in linkHolds.enumerated() where !holds { failed.append(.chainLink(row: row)) }
        guard failed.isEmpty else { throw .equationsFailed(failed) }
    }

    /// The generators, statement digest d, challenges u and challenge c of this proof for `statement`: what the
    /// verifier recomputes (and the test vector lists, so another implementation can compare step by step).
    package func transcript(
        _ statement: ShuffleStatement, width: Int
    ) -> (generators: ShuffleGenerators, digest: [UInt8], u: [Ristretto255.Scalar], c: Ristretto255.Scalar) {
        let generators = ShuffleGenerators(context: statement.context, count: statement.inputs.count)
        let digest = statement.digest(
            generators: generators, width: width, permutationCommitments: permutationCommitments
        )
        let u = ShuffleStatement.challenges(digest: digest, count: statement.inputs.count)
        let c = Self.challenge(
            digest: digest, chain: chainCommitments, t1: t1, t2: t2, t3: t3, t4: t4, tHat: tHat
        )
        return (generators, digest, u, c)
    }

    /// The rows' common width, after checking every length of the statement and the proof and that no
    /// commitment is the identity.
    private func checkShape(_ statement: ShuffleStatement) throws(ShuffleVerificationError) -> Int {
        let inputs = statement.inputs, outputs = statement.outputs
        guard let first = inputs.first else { throw .noRows }
        guard !first.isEmpty else { throw .emptyRow(side: .inputs, row: 0) }
        let width = first.count
        for (side, rows) in [(ShuffleVerificationError.Side.inputs, inputs), (.outputs, outputs)] {
            for (row, ciphertexts) in rows.enumerated() where ciphertexts.count != width {
                if ciphertexts.isEmpty { throw .emptyRow(side: side, row: row) }
                throw .widthMismatch(side: side, row: row, width: ciphertexts.count, expected: width)
            }
        }
        guard outputs.count == inputs.count else { throw .rowCount(outputs: outputs.count, inputs: inputs.count) }
        let lengths: [(String, Int, Int)] = [
            ("permutation_commitments", permutationCommitments.count, inputs.count),
            ("chain_commitments", chainCommitments.count, inputs.count),
            ("t4", t4.count, width),
            ("t_hat", tHat.count, inputs.count),
            ("s4", s4.count, width),
            ("s_hat", sHat.count, inputs.count),
            ("s_prime", sPrime.count, inputs.count),
        ]
        for (field, count, expected) in lengths where count != expected {
            throw .proofLength(field: field, count: count, expected: expected)
        }
        guard !statement.publicKey.isIdentity else { throw .identityPublicKey }
        let vectors: [(String, [Ristretto255.Point])] = [
            ("permutation_commitments", permutationCommitments), ("chain_commitments", chainCommitments),
            ("t4.alpha", t4.map(\.alpha)), ("t4.beta", t4.map(\.beta)), ("t_hat", tHat),
        ]
        for (field, points) in vectors {
            if let index = points.firstIndex(where: \.isIdentity) { throw .identityCommitment(field: field, index: index) }
        }
        for (field, point) in [("t1", t1), ("t2", t2), ("t3", t3)] where point.isIdentity {
            throw .identityCommitment(field: field, index: nil)
        }
        return width
    }
}
