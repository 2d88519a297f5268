/// What the staff screen shows: counts and checkpoints, never a choice.
package struct StaffStatus: Sendable, Equatable, Codable {
    /// A signed checkpoint of the kiosk's log.
    package struct CheckpointView: Sendable, Equatable, Codable {
        /// Ballots in the log at the checkpoint.
        package let size: UInt64
        /// When it was signed, milliseconds since 1970 UTC.
        package let timeMillis: Int64
        /// The log's tree head, hex.
        package let root: String
    }

    /// The election id.
    package let election: String
    /// The election's title.
    package let title: String
    /// The kiosk's name.
    package let kiosk: String
    /// The area the kiosk serves, or nil for every area.
    package let area: String?
    /// The name of that area, as residents know it.
    package let areaName: String?
    /// The election's state in this store: `created`, `issued`, `open` or `closed`.
    package let electionState: String
    /// What a voter sees now: `open`, `notOpen`, `closed` or `paused`.
    package let kioskState: String
    /// Whether staff paused the kiosk.
    package let paused: Bool
    /// Whether the kiosk's log is closed (final checkpoint written).
    package let kioskClosed: Bool
    /// Ballots in this kiosk's log.
    package let ballots: UInt64
    /// The latest checkpoint, if any.
    package let lastCheckpoint: CheckpointView?
}
