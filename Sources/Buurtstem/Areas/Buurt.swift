import GRDB

/// A buurt (neighbourhood), in exactly one wijk.
public struct Buurt: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    /// CBS code, `BU` + 8 digits.
    public var code: String
    /// The buurt's name.
    public var name: String
    /// The wijk it lies in.
    public var wijkCode: String

    public static let databaseTableName = "buurt"
}
