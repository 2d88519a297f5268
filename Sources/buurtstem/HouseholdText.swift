import Foundation

/// Texts shared by the household checks.
enum HouseholdText {
    /// A time for people: the UTC date and time.
    static func time(_ millis: Int64) -> String {
        Date(timeIntervalSince1970: Double(millis) / 1000).ISO8601Format() + " UTC"
    }
}
