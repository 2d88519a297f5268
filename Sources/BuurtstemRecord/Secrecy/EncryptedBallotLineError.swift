import BuurtstemCrypto

/// Why a v3 ballot line's field holds no value of its kind.
public struct EncryptedBallotLineError: Error, Sendable, CustomStringConvertible {
    /// The field, e.g. `ciphertexts[1]`.
    public let field: String
    /// What is wrong with it.
    public let problem: String

    /// The error for `field`.
    public init(field: String, _ problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String { "\(field): \(problem)" }
}
