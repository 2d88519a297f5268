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
    /// `true` for a secret election's ballot: the tracking code is a digest of the encrypted ballot, so it proves
    /// that the ballot is in the log, not what it says. Absent (nil) for a public election's ballot, whose choices
    /// the record publishes per stempas.
    public let encrypted: Bool?
    /// A secret election's ballot code (docs/record.md, "Checking a ballot: the Benaloh challenge"): the code the
    /// kiosk showed at the review step, of the ciphertexts it cast. Anyone can recompute it from the ballot's line in
    /// the record, so the resident sees that the encryption cast is the one the kiosk committed to. Nil for a
    /// public election.
    public let ballotCode: String?

    /// The receipt for `ballot`.
    public init(ballot: Ballot) {
        election = ballot.election
        kiosk = ballot.kiosk
        sequence = ballot.sequence
        timeMillis = ballot.timeMillis
        trackingCode = TrackingCode.code(leafHash: ballot.leafHash)
        encrypted = nil
        ballotCode = nil
    }

    /// The receipt for a secret election's `ballot`, cast at `timeMillis` (for the voter only: the record dates a
    /// secret ballot by its checkpoint, never by this time).
    public init(encrypted ballot: EncryptedBallot, timeMillis: Int64) {
        election = ballot.election
        kiosk = ballot.kiosk
        sequence = ballot.sequence
        self.timeMillis = timeMillis
        trackingCode = TrackingCode.code(leafHash: ballot.leafHash)
        encrypted = true
        ballotCode = BallotCode.code(election: ballot.election, definitionHash: ballot.definitionHash, area: ballot.area,
                                     ciphertexts: ballot.encryption.ciphertexts)
    }
}
