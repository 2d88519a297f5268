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
