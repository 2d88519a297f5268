/// A re-encryption shuffle of rows of ElGamal ciphertexts: the rows permuted and each ciphertext re-encrypted with
/// fresh randomness, so nobody can link an output row to an input row without the secret permutation.
///
/// A row is one ballot, which may need several group elements (width w); the whole row moves together.
/// `permutation` and `randomness` are the witness of the shuffle proof: keep them only until
/// `ShuffleProof.prove` has run, then drop them.
public struct Shuffle: Sendable {
    /// The output rows: output row i is input row `permutation.sources[i]`, re-encrypted.
    public let outputs: [[ElGamalCiphertext]]
    /// The secret permutation.
    public let permutation: Permutation
    /// The secret re-encryption randomness, indexed by input row: input row j's component k got `randomness[j][k]`.
    public let randomness: [[Ristretto255.Scalar]]

    /// Shuffles `inputs` under `publicKey` with a uniformly random permutation and fresh randomness per ciphertext.
    ///
    /// Throws for zero rows, an empty row or rows of different widths (`ShuffleError`).
    public static func random(
        inputs: [[ElGamalCiphertext]], publicKey: Ristretto255.Point
    ) throws(ShuffleError) -> Shuffle {
        let width = try ShuffleError.width(of: inputs)
        let randomness = (0..<inputs.count).map { _ in (0..<width).map { _ in Ristretto255.Scalar.random() } }
        return try make(
            inputs: inputs, publicKey: publicKey,
            permutation: .random(count: inputs.count), randomness: randomness
        )
    }

    /// The shuffle with an explicit permutation and randomness: for test vectors, and the one place that computes
    /// the outputs.
    package static func make(
        inputs: [[ElGamalCiphertext]], publicKey: Ristretto255.Point,
        permutation: Permutation, randomness: [[Ristretto255.Scalar]]
    ) throws(ShuffleError) -> Shuffle {
        let width = try ShuffleError.width(of: inputs)
        guard permutation.count == inputs.count else {
            throw .permutationLength(count: permutation.count, expected: inputs.count)
        }
        guard randomness.count == inputs.count else {
            throw .randomnessShape(row: nil, count: randomness.count, expected: inputs.count)
        }
        for (row, vector) in randomness.enumerated() where vector.count != width {
            throw .randomnessShape(row: row, count: vector.count, expected: width)
        }
        // Each output row is independent work: two exponentiations per ciphertext, spread over all cores.
        let outputs = ParallelMap.indices(inputs.count, minimumCount: 16) { target in
            let source = permutation.sources[target]
            MixOperationCounter.add(2 * width)
            return (0..<width).map { component in
                inputs[source][component].reencrypted(publicKey: publicKey, randomness: randomness[source][component])
            }
        }
        return Shuffle(outputs: outputs, permutation: permutation, randomness: randomness)
    }
}
