/// Why a ceremony file (a trustee card, the ceremony, a dealing, a complaint or the election key; docs/record.md,
/// "The ceremony's files") is refused: the file, the field and what to do.
public struct TrusteeFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, as named on the command line.
    public let file: String
    /// The field, as a path (`commitments[1]`, `proof.challenge`), or nil for the file as a whole.
    public let field: String?
    /// What is wrong and how to fix it.
    public let message: String

    /// An error in `file`, at `field`.
    public init(file: String, field: String? = nil, _ message: String) {
        self.file = file
        self.field = field
        self.message = message
    }

    public var description: String {
        "\(file)\(field.map { " (\($0))" } ?? ""): \(message)"
    }

    /// The error for a `DecodingError` thrown while reading `file`.
    static func decoding(_ error: DecodingError, file: String) -> TrusteeFileError {
        switch error {
        case let .keyNotFound(key, context):
            let path = TrusteeFileJSON.path(context.codingPath + [key])
            return TrusteeFileError(file: file, field: path, "the field is missing: add it, or ask the file's author for it again")
        case let .typeMismatch(type, context):
            return TrusteeFileError(file: file, field: TrusteeFileJSON.path(context.codingPath),
                                    "the value is not of the expected kind (\(type)): the file was damaged or changed; ask for it again")
        case let .valueNotFound(_, context):
            return TrusteeFileError(file: file, field: TrusteeFileJSON.path(context.codingPath),
                                    "the value is null: the file was damaged or changed; ask for it again")
        case let .dataCorrupted(context):
            return TrusteeFileError(file: file, field: TrusteeFileJSON.path(context.codingPath), context.debugDescription)
        @unknown default:
            return TrusteeFileError(file: file, "\(error)")
        }
    }
}
