import GRDB

/// A household in one register snapshot: a pseudonymous id, its buurt and how many live there.
///
/// No names and no address: addresses in the import file are only passed on to print output later.
public struct Household: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    /// The snapshot this row belongs to.
    public var snapshotId: Int64
    /// Pseudonymous household id from the source (e.g. a BAG verblijfsobject id).
    public var householdId: String
    /// The buurt the household lives in.
    public var buurtCode: String
    /// Residents in the household.
    public var residents: Int
    /// Residents old enough to take part (see the snapshot's `eligibleAge`).
    public var eligible: Int

    public static let databaseTableName = "household"
}
