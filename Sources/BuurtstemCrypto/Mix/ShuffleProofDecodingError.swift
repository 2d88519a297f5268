/// Why a shuffle proof's JSON was refused: which field (and entry) and what is wrong with it.
public struct ShuffleProofDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the field.
    public enum Problem: Sendable, Equatable {
        /// The text is not JSON of the proof's shape (the decoder's message).
        case json(String)
        /// The format is not `buurtstem-shuffle-proof/1`.
        case format(String)
        /// Not 64 lower-case hex digits.
        case notHex
        /// Not the canonical encoding of a ristretto255 point other than the identity.
        case notAPoint
        /// Not a scalar less than ℓ: a non-reduced scalar is another number in disguise.
        case notAReducedScalar
        /// A field the proof does not have (a misspelt or added field is refused, never ignored).
        case unknownField
    }

    /// The field's JSON name (empty when the whole text is not JSON).
    public let field: String
    /// The entry of a vector field, if the field is a vector.
    public let index: Int?
    /// What is wrong.
    public let problem: Problem

    /// The error as given.
    public init(field: String, index: Int?, problem: Problem) {
        self.field = field
        self.index = index
        self.problem = problem
    }

    /// What failed, in a sentence for a person.
    public var description: String {
        let place = "shuffle proof" + (field.isEmpty ? "" : " field \(field)") + (index.map { "[\($0)]" } ?? "")
        switch problem {
        case .json(let message): return "\(place): not a shuffle proof in JSON (\(message))"
        case .format(let format): return "\(place): format \"\(format)\" where \"\(ShuffleProof.format)\" is read"
        case .notHex: return "\(place): not 64 lower-case hex digits"
        case .notAPoint: return "\(place): not the canonical encoding of a ristretto255 point other than the identity"
        case .notAReducedScalar: return "\(place): not a canonical scalar (32 bytes little-endian, less than the group order)"
        case .unknownField: return "\(place): no field of a shuffle proof; remove it"
        }
    }
}
