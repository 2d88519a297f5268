/// A message the kiosk page shows, in Dutch and English, with a stable code the page and the tests can match.
public struct KioskMessage: Sendable, Equatable, Codable {
    /// A stable machine-readable code, e.g. `alreadyUsed`.
    public let code: String
    /// The Dutch text (the kiosk's first language).
    public let nl: String
    /// The English text.
    public let en: String

    /// A message with `code` and its two texts.
    public init(code: String, nl: String, en: String) {
        self.code = code
        self.nl = nl
        self.en = en
    }
}
