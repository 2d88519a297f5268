import Foundation
import GRDB

/// One issued cheque as the store keeps it: the hash of its code and the buurt of the household it went to
/// (for the scope check and the reach per buurt), never the household.
public struct IssuedCheque: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    /// The round.
    public var roundId: String
    /// ``ChequeCode/hash(_:round:)`` of the code.
    public var codeHash: Data
    /// The buurt of the household that received it.
    public var buurtCode: String
    /// The cheque's Ed25519 public key, derived from its code (``ChequeKey``); nil in a round of format 1.
    public var publicKey: Data?

    public static let databaseTableName = "cheque"
}
