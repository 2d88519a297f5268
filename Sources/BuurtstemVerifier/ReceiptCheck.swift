import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// A resident's check of a receipt against the published record, locally: the record is signed by the issuing key
/// the resident pinned (from the gemeente's website or letter), the ballot with that tracking code is in a
/// kiosk's log, proved by an RFC 9162 inclusion proof against the kiosk's final signed checkpoint, and it counts:
/// its pass did not vote earlier elsewhere. It shows where the ballot is, never what it says; in a secret election
/// (format 3) the ballot in the record is encrypted, so the record does not show its choices at all.
public enum ReceiptCheck {
    /// The outcome of a check that found the ballot.
    public struct Proof: Sendable, Codable {
        /// The tracking code checked.
        public let trackingCode: String
        /// The kiosk whose log holds the ballot.
        public let kiosk: String
        /// Its position in the log.
        public let position: Int
        /// The log's size at the final checkpoint.
        public let treeSize: Int
        /// The final checkpoint's tree head, hex.
        public let root: String
        /// The inclusion proof, hex hashes.
        public let path: [String]
        /// Whether the ballot is void: its pass had voted earlier (by time, kiosk, sequence), or was revoked, so it is
        /// not counted.
        public let void: Bool
        /// Whether it is void because its pass was revoked at the desk (a replacement pass was made for the
        /// household): then no ballot of that pass counts, and ``countedKiosk`` is nil.
        public let revoked: Bool
        /// For a void ballot: the kiosk and position of the ballot of the same pass that counts.
        public let countedKiosk: String?
        /// See ``countedKiosk``.
        public let countedPosition: Int?
        /// When that counted ballot was cast (ms since 1970 UTC); in a secret election, the time of the checkpoint
        /// it falls in.
        public let countedTimeMillis: Int64?
        /// Whether the ballot is encrypted (a secret election): the record proves it is included but does not show
        /// its choices, so this receipt cannot show anyone how it was voted.
        public let encrypted: Bool
        /// A secret election's ballot code, recomputed from the ciphertexts in the record (docs/record.md, "Checking
        /// a ballot: the Benaloh challenge"): the resident compares it with the code the kiosk showed at the review
        /// step and printed on the receipt, so a kiosk that cast another encryption than it committed to is caught.
        public let ballotCode: String?
    }

    /// Why a receipt could not be confirmed (the household checks share one failure type).
    public typealias Failure = HouseholdCheckFailure

    /// Looks up `trackingCode` in the record at `folder`, signed by `issuingKey`, and proves its inclusion; whether
    /// it counts is in the proof's ``Proof/void``.
    public static func check(record folder: URL, trackingCode: String, issuingKey: PublicKey) throws(HouseholdCheckFailure) -> Proof {
        let prefix: [UInt8]
        do {
            prefix = try TrackingCode.prefix(of: trackingCode)
        } catch {
            throw Failure("\(error)")
        }
        let logs = try ElectionLogs(PinnedRecord(folder: folder, issuingKey: issuingKey, kind: "election"))
        guard let entry = logs.entries.first(where: { $0.leaf.starts(with: prefix) }) else {
            throw Failure("no ballot with tracking code \(trackingCode) is in this record. Check the code and that this is the record of your election; if it is right, report it to the gemeente and the observers")
        }
        let (path, log) = try logs.inclusionProof(of: entry)
        var ballotCode: String?
        if case let .encrypted(ballot) = entry.content {
            ballotCode = BallotCode.code(election: ballot.election, definitionHash: ballot.definitionHash, area: ballot.area,
                                         ciphertexts: ballot.encryption.ciphertexts)
        }
        let uses = logs.uses(of: entry.pass)
        let counted = uses.first ?? entry, revoked = logs.isRevoked(entry.pass)
        let reused = !revoked && (counted.kiosk != entry.kiosk || counted.position != entry.position)
        let void = revoked || reused
        guard logs.voidListedAsRuled(entry, uses: uses) else {
            throw Failure("the signed result does not list this ballot as \(revoked ? "void for a revoked pass" : void ? "void" : "counted"), as the logs\(revoked ? " and the replaced passes" : "") make it: "
                + "the result is wrong; report this to the gemeente and the observers (buurtstem-verify shows it as a failure of 'voids')")
        }
        return Proof(trackingCode: trackingCode, kiosk: entry.kiosk, position: entry.position, treeSize: log.leaves.count,
                     root: Hex.encode(log.final.root), path: path.map { Hex.encode($0) }, void: void, revoked: revoked,
                     countedKiosk: reused ? counted.kiosk : nil, countedPosition: reused ? counted.position : nil,
                     countedTimeMillis: reused ? counted.timeMillis : nil, encrypted: logs.isSecret, ballotCode: ballotCode)
    }
}
