import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// What a voter takes home: where their ballot is in which log, and a tracking code of it; never the choices
/// (a receipt must not prove how someone voted).
public struct Receipt: Sendable, Codable, Equatable {
    /// The election.
    public let election: String
    /// The kiosk whose log holds the ballot.
    public let kiosk: String
    /// The ballot's position in that log, from 0.
    public let sequence: UInt64
    /// When it was cast, in milliseconds since 1970 UTC.
    public let timeMillis: Int64
    /// The first 10 bytes of the ballot's leaf hash, as a grouped base32 code.
    public let trackingCode: String

    /// The receipt for `ballot`.
    public init(ballot: Ballot) {
        election = ballot.election
        kiosk = ballot.kiosk
        sequence = ballot.sequence
        timeMillis = ballot.timeMillis
        trackingCode = TrackingCode.code(leafHash: ballot.leafHash)
    }
}

extension Store {
    /// Where the ballot with receipt `trackingCode` is in `election`'s logs (kiosk and position), or nil.
    /// For staff at the stembureau; residents check against the published record.
    public func findBallot(election: String, trackingCode: String) throws -> (kiosk: String, sequence: UInt64)? {
        let prefix: [UInt8]
        do {
            prefix = try TrackingCode.prefix(of: trackingCode)
        } catch {
            throw UsageError("\(error)")
        }
        var upper = prefix
        while let last = upper.last, last == 0xff { upper.removeLast() }
        if !upper.isEmpty { upper[upper.count - 1] += 1 }
        return try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT kiosk, sequence FROM ballot WHERE electionId = ? AND leafHash >= ? \(upper.isEmpty ? "" : "AND leafHash < ?")
                ORDER BY leafHash LIMIT 1
                """, arguments: StatementArguments([election, Data(prefix)] + (upper.isEmpty ? [] : [Data(upper)]) as [any DatabaseValueConvertible]))
            return row.map { ($0["kiosk"], UInt64($0["sequence"] as Int64)) }
        }
    }
}
