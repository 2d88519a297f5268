/// A message the kiosk page shows, in Dutch and English, with a stable code the page and the tests can match.
package struct KioskMessage: Sendable, Equatable, Codable {
    /// A stable machine-readable code, e.g. `alreadyUsed`.
    package let code: String
    /// The Dutch text (the kiosk's first language).
    package let nl: String
    /// The English text.
    package let en: String

    /// A message with `code` and its two texts.
    package init(code: String, nl: String, en: String) {
        self.code = code
        self.nl = nl
        self.en = en
    }
}
