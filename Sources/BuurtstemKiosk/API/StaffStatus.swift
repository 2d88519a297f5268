/// What the staff screen shows: counts and checkpoints, never a choice.
public struct StaffStatus: Sendable, Equatable, Codable {
    /// A signed checkpoint of the kiosk's log.
    public struct CheckpointView: Sendable, Equatable, Codable {
        /// Ballots in the log at the checkpoint.
        public let size: UInt64
        /// When it was signed, milliseconds since 1970 UTC.
        public let timeMillis: Int64
        /// The log's tree head, hex.
        public let root: String
    }

    /// The election id.
    public let election: String
    /// The election's title.
    public let title: String
    /// The kiosk's name.
    public let kiosk: String
    /// The area the kiosk serves, or nil for every area.
    public let area: String?
    /// The name of that area, as residents know it.
    public let areaName: String?
    /// The election's state in this store: `created`, `issued`, `open` or `closed`.
    public let electionState: String
    /// What a voter sees now: `open`, `notOpen`, `closed` or `paused`.
    public let kioskState: String
    /// Whether staff paused the kiosk.
    public let paused: Bool
    /// Whether the kiosk's log is closed (final checkpoint written).
    public let kioskClosed: Bool
    /// Ballots in this kiosk's log.
    public let ballots: UInt64
    /// The latest checkpoint, if any.
    public let lastCheckpoint: CheckpointView?
}
