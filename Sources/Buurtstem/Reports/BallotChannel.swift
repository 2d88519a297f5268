/// How a ballot reached the log: at a kiosk, or on paper entered afterwards by staff at a kiosk registered for
/// paper (docs/operations.md: "Use a kiosk registered for this (e.g. `papier`)").
package enum BallotChannel: String, Sendable, Codable {
    /// Cast by the resident at a kiosk.
    case kiosk
    /// A paper ballot entered by staff.
    case paper

    /// The channel of a kiosk by its name: `papier`, `paper` or a name starting with `papier-` or `paper-` is the
    /// paper channel; every other kiosk is a kiosk.
    package static func of(kiosk name: String) -> BallotChannel {
        let lower = name.lowercased()
        for prefix in ["papier", "paper"] where lower == prefix || lower.hasPrefix(prefix + "-") || lower.hasPrefix(prefix + "_") {
            return .paper
        }
        return .kiosk
    }
}
