import GRDB

/// A wijk (district) of the gemeente, by CBS code.
public struct Wijk: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    /// CBS code, `WK` + 6 digits.
    public var code: String
    /// The wijk's name.
    public var name: String

    public static let databaseTableName = "wijk"
}
