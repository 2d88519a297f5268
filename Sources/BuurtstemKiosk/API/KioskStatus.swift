/// Whether a voter can start at this kiosk now, for the welcome screen.
package struct KioskStatus: Sendable, Equatable, Codable {
    /// `open`, `notOpen`, `closed` or `paused`.
    package let state: String
    /// The election's title.
    package let title: String
    /// The kiosk's name.
    package let kiosk: String
    /// Why a voter cannot start, when the state is not `open`.
    package let message: KioskMessage?
    /// The fingerprint of the election's pre-publication (docs/record.md), shown on the welcome screen so voters
    /// and observers can compare it with the letter and the gemeente's publication; nil if it was not pre-published.
    package var fingerprint: String?
}
