import BuurtstemCrypto
import BuurtstemRecord

/// One ballot line after the work done on all cores (decoding, signature, leaf hash, and a public ballot's validity
/// or a secret ballot's proof): what the ordered checks of its log need, for either kind of ballot.
struct CheckedBallot: Sendable {
    /// Its sequence as the line says.
    let sequence: UInt64
    /// The contest area it names.
    let area: String
    /// Its pass.
    let pass: KeyBits
    /// Whether the pass signed it.
    let signed: Bool
    /// Its leaf hash in the kiosk's log.
    let leaf: [UInt8]
    /// Why it is not a valid ballot (a public one's choices; a secret one's proof or width), nil when it is.
    let invalid: String?
    /// A public ballot's choices (empty for a secret one).
    let choices: [Choice]
    /// A public ballot's time; nil for a secret one, which is dated by its checkpoint.
    let timeMillis: Int64?
    /// A secret ballot's ciphertexts (empty for a public one).
    let ciphertexts: [ElGamalCiphertext]

    /// A public ballot (v1 or v2) of `definition`.
    init(public ballot: Ballot, definition: ElectionDefinition) {
        // The signed bytes once, for both the signature and the leaf (the entry is them + the signature).
        let signedBytes = ballot.signedBytes
        sequence = ballot.sequence
        area = ballot.area
        pass = KeyBits(ballot.pass)
        signed = ballot.pass.isValidSignature(ballot.signature, for: signedBytes)
        leaf = MerkleHash.leaf(signedBytes + ballot.signature.bytes)
        invalid = definition.contest(for: ballot.area).map { BallotValidity.problem(ballot.choices, type: definition.ballot, contest: $0) }
            ?? "area \(ballot.area) has no contest"
        choices = ballot.choices
        timeMillis = ballot.timeMillis
        ciphertexts = []
    }

    /// A secret ballot (v3) of an election with ballots of `width` ciphertexts under `electionKey`: its proof of
    /// knowledge of the randomness, with the context definition hash ‖ pass key (docs/record.md, "v3 ballots").
    init(secret ballot: EncryptedBallot, width: Int, electionKey: Ristretto255.Point) {
        let signedBytes = ballot.signedBytes
        sequence = ballot.sequence
        area = ballot.area
        pass = KeyBits(ballot.pass)
        signed = ballot.pass.isValidSignature(ballot.signature, for: signedBytes)
        leaf = MerkleHash.leaf(signedBytes + ballot.signature.bytes)
        let count = ballot.encryption.ciphertexts.count
        if count != width {
            invalid = "has \(count) ciphertext(s), but the definition's ballots have \(width): counted as invalid, not mixed"
        } else if ballot.encryption.proof.responses.count != count || !ballot.isValidProof(publicKey: electionKey) {
            invalid = "the proof of knowledge of the randomness does not hold for this pass and definition "
                + "(a ciphertext changed or copied from another ballot): counted as invalid, not mixed"
        } else {
            invalid = nil
        }
        choices = []
        timeMillis = nil
        ciphertexts = ballot.encryption.ciphertexts
    }
}
