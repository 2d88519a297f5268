import BuurtstemCrypto
import BuurtstemRecord

/// A secret election's ballot encrypted at the review step, before the resident decides (the Benaloh challenge;
/// docs/record.md, "Checking a ballot: the Benaloh challenge"). The kiosk shows its ``code`` first; then the
/// resident either casts exactly this encryption (`BallotBox.cast(sealed:code:)`) or checks it (``opening``), after
/// which it is spoiled: never cast, never the pass's ballot.
///
/// It holds the randomness, so it lives only in the kiosk's memory while one resident is at the review step.
public struct SealedBallot: Sendable {
    /// The election's id.
    public let election: String
    /// The kiosk that made it: only that kiosk casts it.
    public let kiosk: String
    /// The contest area of the pass.
    public let area: String
    /// The pass's public key: only that pass casts it.
    public let pass: PublicKey
    /// The definition hash it is bound to.
    public let definitionHash: [UInt8]
    /// The choices in canonical order.
    public let choices: [Choice]
    /// The ciphertexts and the proof of their randomness (bound to the pass and the definition).
    public let encryption: ProvenEncryption
    /// The randomness of each ciphertext: what an opening reveals.
    let randomness: [Ristretto255.Scalar]

    /// The ballot code: the commitment shown before the resident chooses to cast or to check.
    public var code: String {
        BallotCode.code(election: election, definitionHash: definitionHash, area: area, ciphertexts: encryption.ciphertexts)
    }

    /// The opened ballot: the choices and the randomness, with the code shown before. Once it is shown, this
    /// encryption must never be cast (`BallotBox.cast(sealed:code:)` is the kiosk's to refuse; it forgets the
    /// sealed ballot when it opens it).
    public var opening: BallotOpening {
        BallotOpening(election: election, definitionHash: definitionHash, area: area, choices: choices, randomness: randomness, code: code)
    }

    /// A sealed ballot as made by `BallotBox.seal`.
    init(election: String, kiosk: String, area: String, pass: PublicKey, definitionHash: [UInt8], choices: [Choice],
         encryption: ProvenEncryption, randomness: [Ristretto255.Scalar]) {
        self.election = election
        self.kiosk = kiosk
        self.area = area
        self.pass = pass
        self.definitionHash = definitionHash
        self.choices = choices
        self.encryption = encryption
        self.randomness = randomness
    }
}
