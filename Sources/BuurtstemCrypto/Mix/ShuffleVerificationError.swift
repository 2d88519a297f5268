/// Why a shuffle proof was not accepted: the statement or proof has the wrong shape, or named equations fail.
public enum ShuffleVerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which list of rows a shape error is about.
    public enum Side: String, Sendable, Equatable {
        /// The rows before the shuffle.
        case inputs
        /// The rows after the shuffle.
        case outputs
    }

    /// The statement has no rows: nothing was mixed, and no proof is accepted for it.
    case noRows
    /// A row has no ciphertexts.
    case emptyRow(side: Side, row: Int)
    /// A row's width differs from the first input row's.
    case widthMismatch(side: Side, row: Int, width: Int, expected: Int)
    /// The outputs have another number of rows than the inputs.
    case rowCount(outputs: Int, inputs: Int)
    /// A vector of the proof has the wrong length (`field` is its JSON name).
    case proofLength(field: String, count: Int, expected: Int)
    /// The public key is the identity: every "encryption" under it would be the plaintext.
    case identityPublicKey
    /// A commitment of the proof is the identity, which no honest prover produces (`field` is its JSON name).
    case identityCommitment(field: String, index: Int?)
    /// These equations do not hold, in the order they are checked.
    case equationsFailed([ShuffleEquation])

    /// What failed, in a sentence for a person.

    /// What failed, in a sentence for a person.
    public var description: String {
        switch self {
        case .noRows:
            "the shuffle has no rows: a mix of nothing proves nothing"
        case .emptyRow(let side, let row):
            "row \(row) of the \(side.rawValue) has no ciphertexts"
        case .widthMismatch(let side, let row, let width, let expected):
            "row \(row) of the \(side.rawValue) has \(width) ciphertexts where the first input row has \(expected)"
        case .rowCount(let outputs, let inputs):
            "the shuffle has \(outputs) output rows for \(inputs) input rows"
        case .proofLength(let field, let count, let expected):
            "the proof's \(field) has \(count) entries where \(expected) are needed"
        case .identityPublicKey:
            "the public key is the identity"
        case .identityCommitment(let field, let index):
            "the proof's \(field)\(index.map { "[\($0)]" } ?? "") is the identity"
        case .equationsFailed(let equations):
            "the shuffle proof does not hold: " + equations.map(\.description).joined(separator: ", ")
        }
    }
}
