/// Why a shuffle could not be made: the rows given to it do not form a list the mix can permute.
public enum ShuffleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No rows: there is nothing to mix, and a proof over nothing would prove nothing. A caller with no ballots
    /// publishes no mix stage.
    case noRows
    /// A row has no ciphertexts.
    case emptyRow(row: Int)
    /// A row's width differs from the first row's: all rows of one shuffle have the same width.
    case widthMismatch(row: Int, width: Int, expected: Int)
    /// More rows than a 32-bit index can name.
    case tooManyRows(Int)
    /// The explicit permutation has another number of rows than the input.
    case permutationLength(count: Int, expected: Int)
    /// The outputs given to the prover do not have the inputs' number of rows and width.
    case outputShape(rows: Int, width: Int, expectedRows: Int, expectedWidth: Int)
    /// The explicit re-encryption randomness does not have one vector of the rows' width per row.
    case randomnessShape(row: Int?, count: Int, expected: Int)

    /// What failed, in a sentence for a person.

    /// What failed, in a sentence for a person.
    public var description: String {
        switch self {
        case .noRows:
            "the shuffle has no rows: there is nothing to mix (publish no mix stage for an empty list)"
        case .emptyRow(let row):
            "row \(row) of the shuffle has no ciphertexts: every row needs at least one"
        case .widthMismatch(let row, let width, let expected):
            "row \(row) of the shuffle has \(width) ciphertexts where the first row has \(expected): all rows must have the same width"
        case .tooManyRows(let count):
            "the shuffle has \(count) rows, more than 2^32 - 1: split the list"
        case .permutationLength(let count, let expected):
            "the permutation has \(count) rows where the input has \(expected)"
        case .outputShape(let rows, let width, let expectedRows, let expectedWidth):
            "the outputs are \(rows) rows of width \(width) where the inputs are \(expectedRows) rows of width \(expectedWidth)"
        case .randomnessShape(let row, let count, let expected):
            if let row {
                "the re-encryption randomness of row \(row) has \(count) scalars where the rows have width \(expected)"
            } else {
                "the re-encryption randomness has \(count) rows where the input has \(expected)"
            }
        }
    }

    /// The common width of `rows`, or the reason they cannot be shuffled.
    static func width(of rows: [[ElGamalCiphertext]]) throws(ShuffleError) -> Int {
        guard let first = rows.first else { throw .noRows }
        guard rows.count <= Int(UInt32.max) else { throw .tooManyRows(rows.count) }
        guard !first.isEmpty else { throw .emptyRow(row: 0) }
        for (index, row) in rows.enumerated() where row.count != first.count {
            throw .widthMismatch(row: index, width: row.count, expected: first.count)
        }
        return first.count
    }
}
