extension ShuffleProof {
    /// The prover's random values. Every one must be fresh and secret: a repeated or leaked nonce reveals the
    /// permutation's exponents (the proof is zero-knowledge only because these hide the witness).
    package struct Nonces: Sendable {
        /// r_j: the permutation commitment's randomness, by input row j.
        package let commitment: [Ristretto255.Scalar]
        /// r̂_i: the commitment chain's randomness, by output row i.
        package let chain: [Ristretto255.Scalar]
        /// ω₁, ω₂, ω₃.
        package let omega1, omega2, omega3: Ristretto255.Scalar
        /// ω₄,k, one per component.
        package let omega4: [Ristretto255.Scalar]
        /// ω̂_i, by output row.
        package let omegaHat: [Ristretto255.Scalar]
        /// ω'_i, by output row.
        package let omegaPrime: [Ristretto255.Scalar]

        /// The nonces as given (test vectors derive them from fixed bytes).
        package init(
            commitment: [Ristretto255.Scalar], chain: [Ristretto255.Scalar],
            omega1: Ristretto255.Scalar, omega2: Ristretto255.Scalar, omega3: Ristretto255.Scalar,
            omega4: [Ristretto255.Scalar], omegaHat: [Ristretto255.Scalar], omegaPrime: [Ristretto255.Scalar]
        ) {
            self.commitment = commitment
            self.chain = chain
            self.omega1 = omega1
            self.omega2 = omega2
            self.omega3 = omega3
            self.omega4 = omega4
            self.omegaHat = omegaHat
            self.omegaPrime = omegaPrime
        }

        /// Fresh nonces for `count` rows of `width` from the secure random source.
        package static func random(count: Int, width: Int) -> Nonces {
            let vector = { (length: Int) in (0..<length).map { _ in Ristretto255.Scalar.random() } }
            return Nonces(
                commitment: vector(count), chain: vector(count),
                omega1: .random(), omega2: .random(), omega3: .random(),
                omega4: vector(width), omegaHat: vector(count), omegaPrime: vector(count)
            )
        }
    }

    /// The proof that `shuffle.outputs` are `inputs` permuted and re-encrypted under `publicKey`, for the mix named
    /// by `context`, with fresh nonces. Throws when the rows cannot be shuffled (no rows, rows of different widths).
    public static func prove(
        _ shuffle: Shuffle, inputs: [[ElGamalCiphertext]], publicKey: Ristretto255.Point, context: [UInt8]
    ) throws(ShuffleError) -> ShuffleProof {
        let statement = ShuffleStatement(
            publicKey: publicKey, context: context, inputs: inputs, outputs: shuffle.outputs
        )
        let width = try ShuffleError.width(of: inputs)
        return try prove(
            statement, permutation: shuffle.permutation, randomness: shuffle.randomness,
            nonces: .random(count: inputs.count, width: width)
        )
    }

    /// The proof with explicit nonces (Haenni et al., algorithm 8.4, additively and per component): the one place
    /// that computes a proof, so test vectors exercise the same code as a mix.
    package static func prove(
        _ statement: ShuffleStatement, permutation: Permutation, randomness: [[Ristretto255.Scalar]],
        nonces: Nonces
    ) throws(ShuffleError) -> ShuffleProof {
        let count = statement.inputs.count
        let width = try ShuffleError.width(of: statement.inputs)
        let outputs = statement.outputs
        guard outputs.count == count, outputs.allSatisfy({ $0.count == width }) else {
            throw .outputShape(
                rows: outputs.count, width: outputs.first?.count ?? 0, expectedRows: count, expectedWidth: width
            )
        }
        guard permutation.count == count else { throw .permutationLength(count: permutation.count, expected: count) }
        guard randomness.count == count else {
            throw .randomnessShape(row: nil, count: randomness.count, expected: count)
        }
        for (row, vector) in randomness.enumerated() where vector.count != width {
            throw .randomnessShape(row: row, count: vector.count, expected: width)
        }
        precondition(
            [nonces.commitment, nonces.chain, nonces.omegaHat, nonces.omegaPrime].allSatisfy { $0.count == count }
                && nonces.omega4.count == width,
            "the nonces have one scalar per row (and ω₄ one per component)"
        )
        let publicKey = statement.publicKey
        let generators = ShuffleGenerators(context: statement.context, count: count)
        let chainBase = generators.chainBase

        // The permutation commitment: column j of the permutation matrix, c_j = r_j·B + H_{ψ⁻¹(j)}.
        let targets = permutation.targets
        let commitments = ParallelMap.indices(count, minimumCount: 16) { j in
            MixOperationCounter.base(nonces.commitment[j]) + generators.rows[targets[j]]
        }
        let digest = statement.digest(generators: generators, width: width, permutationCommitments: commitments)
        let u = ShuffleStatement.challenges(digest: digest, count: count)
        let uPrime = permutation.sources.map { u[$0] }

        // The chain ĉ_i = r̂_i·B + u'_i·ĉ_{i−1} is sequential as written; its closed form ĉ_i = R̂_i·B + U_i·H with
        // R̂_i = r̂_i + u'_i·R̂_{i−1} and U_i = u'_0···u'_i gives the same points from scalar recurrences (cheap),
        // so the 2N exponentiations run on all cores.
        var chainExponents = [Ristretto255.Scalar]()
        var chainProducts = [Ristretto255.Scalar]()
        chainExponents.reserveCapacity(count)
        chainProducts.reserveCapacity(count)
        var exponent = Ristretto255.Scalar.zero
        var product = Ristretto255.Scalar.one
        for i in 0..<count {
            exponent = nonces.chain[i] + uPrime[i] * exponent
            product = product * uPrime[i]
            chainExponents.append(exponent)
            chainProducts.append(product)
        }
        let exponents = chainExponents, products = chainProducts
        let chain = ParallelMap.indices(count, minimumCount: 16) { i in
            MixOperationCounter.base(exponents[i]) + MixOperationCounter.multiply(products[i], chainBase)
        }

        let tHat = ParallelMap.indices(count, minimumCount: 16) { i in
            MixOperationCounter.base(nonces.omegaHat[i])
                + MixOperationCounter.multiply(nonces.omegaPrime[i], i == 0 ? chainBase : chain[i - 1])
        }
        // Σ ω'_i·H_i, then Σ ω'_i·α'_{i,k} and Σ ω'_i·β'_{i,k} for each component k, in one pass.
        let sums = ChunkedSums.points(count, width: 1 + 2 * width) { i in
            let omega = nonces.omegaPrime[i]
            var terms = [MixOperationCounter.multiply(omega, generators.rows[i])]
            for ciphertext in outputs[i] {
                terms.append(MixOperationCounter.multiply(omega, ciphertext.alpha))
                terms.append(MixOperationCounter.multiply(omega, ciphertext.beta))
            }
            return terms
        }
        let t1 = MixOperationCounter.base(nonces.omega1)
        let t2 = MixOperationCounter.base(nonces.omega2)
        let t3 = MixOperationCounter.base(nonces.omega3) + sums[0]
        let t4 = (0..<width).map { k in
            ComponentCommitment(
                alpha: sums[1 + 2 * k] - MixOperationCounter.base(nonces.omega4[k]),
                beta: sums[2 + 2 * k] - MixOperationCounter.multiply(nonces.omega4[k], publicKey)
            )
        }
        let c = challenge(digest: digest, chain: chain, t1: t1, t2: t2, t3: t3, t4: t4, tHat: tHat)

        // r̄ = Σ r_j, r̃ = Σ r_j·u_j and r'_k = Σ r'_{j,k}·u_j: the openings the responses bind to c.
        let openings = ChunkedSums.scalars(count, width: 2 + width) { j in
            [nonces.commitment[j], nonces.commitment[j] * u[j]] + randomness[j].map { $0 * u[j] }
        }
        return ShuffleProof(
            permutationCommitments: commitments, chainCommitments: chain,
            t1: t1, t2: t2, t3: t3, t4: t4, tHat: tHat,
            s1: nonces.omega1 + c * openings[0],
            s2: nonces.omega2 + c * chainExponents[count - 1],
            s3: nonces.omega3 + c * openings[1],
            s4: (0..<width).map { k in nonces.omega4[k] + c * openings[2 + k] },
            sHat: (0..<count).map { i in nonces.omegaHat[i] + c * nonces.chain[i] },
            sPrime: (0..<count).map { i in nonces.omegaPrime[i] + c * uPrime[i] }
        )
    }
}
