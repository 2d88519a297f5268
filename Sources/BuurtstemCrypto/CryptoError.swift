/// A failure in a cryptographic operation, with a message that says what to do about it.
public struct CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is, for callers that branch on it.
    public enum Kind: Sendable, Equatable {
        /// A key, seed or signature has the wrong number of bytes.
        case invalidLength
        /// A sealed key file could not be opened with the passphrase given.
        case wrongPassphrase
        /// A sealed key file is not in a format this version reads.
        case malformedKeyFile
        /// The operating system refused an operation (memory, file).
        case system
    }

    /// What kind of failure this is.
    public let kind: Kind
    /// A sentence for a person: what went wrong and how to fix it.
    public let message: String

    /// Creates an error of `kind` with a message for a person.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
