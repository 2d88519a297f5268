/// Whether a voter can start at this kiosk now, for the welcome screen.
public struct KioskStatus: Sendable, Equatable, Codable {
    /// `open`, `notOpen`, `closed` or `paused`.
    public let state: String
    /// The election's title.
    public let title: String
    /// The kiosk's name.
    public let kiosk: String
    /// Why a voter cannot start, when the state is not `open`.
    public let message: KioskMessage?
    /// The fingerprint of the election's pre-publication (docs/record.md), shown on the welcome screen so voters
    /// and observers can compare it with the letter and the gemeente's publication; nil if it was not pre-published.
    public var fingerprint: String?
}
