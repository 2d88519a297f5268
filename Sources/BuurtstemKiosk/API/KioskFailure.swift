/// A refused request: the HTTP status and the message the page shows.
package struct KioskFailure: Error, Sendable, Equatable {
    /// The HTTP status (400 mistyped, 401 wrong PIN, 403 forbidden, 404 unknown pass, 409 used, 422 invalid
    /// ballot, 429 PIN locked, 503 polls not open or closed, 500 anything else).
    package let status: Int
    /// What the page shows.
    package let message: KioskMessage

    /// A failure with `status` and `message`.
    package init(status: Int, message: KioskMessage) {
        self.status = status
        self.message = message
    }

    /// Something went wrong that the voter cannot fix; the details go to the server log, not to the page.
    package static let internalError = KioskFailure(status: 500, message: KioskMessage(
        code: "internalError",
        nl: "Er ging iets mis in de stemzuil. Uw stem is niet ontvangen. Vraag een medewerker om hulp.",
        en: "Something went wrong in the kiosk. Your vote was not received. Please ask a member of staff for help."))
}
