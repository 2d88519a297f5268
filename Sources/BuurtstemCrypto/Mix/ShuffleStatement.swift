/// What a shuffle proof proves something about: under `publicKey`, in `context`, the rows `outputs` are the rows
/// `inputs` permuted and re-encrypted.
///
/// The context names the mix (for instance the election's definition hash and the stage number); it goes into the
/// generators and every challenge, so a proof made for one mix is worthless for another.
public struct ShuffleStatement: Sendable {
    /// The election's ElGamal public key Y.
    public let publicKey: Ristretto255.Point
    /// The bytes naming this mix: domain separation between mixes.
    public let context: [UInt8]
    /// The rows before the shuffle.
    public let inputs: [[ElGamalCiphertext]]
    /// The rows after the shuffle.
    public let outputs: [[ElGamalCiphertext]]

    /// The statement as given; nothing is checked until a proof is made or verified.
    public init(
        publicKey: Ristretto255.Point, context: [UInt8],
        inputs: [[ElGamalCiphertext]], outputs: [[ElGamalCiphertext]]
    ) {
        self.publicKey = publicKey
        self.context = context
        self.inputs = inputs
        self.outputs = outputs
    }

    /// The statement digest d: SHA-512 of everything public before the challenges u (docs/record.md, "The mix").
    ///
    /// `str("buurtstem/mix/statement/v1") ‖ bytes(context) ‖ raw(Y) ‖ u32(N) ‖ u32(w) ‖ raw(H) ‖ raw(H_0..H_{N-1})
    /// ‖ raw(α ‖ β of every input ciphertext, row by row) ‖ the same for the outputs ‖ raw(c_0..c_{N-1})`.
    /// Hashing it once and deriving each u_j from d keeps the N challenges linear in N (Haenni et al. hash the
    /// same inputs with the index).
    func digest(generators: ShuffleGenerators, width: Int, permutationCommitments: [Ristretto255.Point]) -> [UInt8] {
        var writer = ByteWriter(tag: "buurtstem/mix/statement/v1")
        writer.append(bytes: context)
        writer.append(point: publicKey)
        writer.append(u32: UInt32(inputs.count))
        writer.append(u32: UInt32(width))
        writer.append(point: generators.chainBase)
        for generator in generators.rows { writer.append(point: generator) }
        for row in inputs { for ciphertext in row { writer.append(raw: ciphertext.bytes) } }
        for row in outputs { for ciphertext in row { writer.append(raw: ciphertext.bytes) } }
        for commitment in permutationCommitments { writer.append(point: commitment) }
        return SHA.sha512(writer.bytes)
    }

    /// The challenges u_0 ... u_{N-1}: u_j = SHA-512(`str("buurtstem/mix/challenges/v1") ‖ raw(d) ‖ u32(j)`)
    /// reduced modulo ℓ. Full 252-bit scalars: libsodium's multiplication takes the same time for shorter ones.
    static func challenges(digest: [UInt8], count: Int) -> [Ristretto255.Scalar] {
        ParallelMap.indices(count, minimumCount: 1024) { index in
            var writer = ByteWriter(tag: "buurtstem/mix/challenges/v1")
            writer.append(raw: digest)
            writer.append(u32: UInt32(index))
            return .hashing(writer.bytes)
        }
    }
}
