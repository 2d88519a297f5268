import BuurtstemCrypto
import Foundation
import GRDB

/// The gemeente's signed commitment to a round's issued set: how many cheques, their total value, and the Merkle
/// root over every issued cheque (in code-hash order), together with the round's terms and its ledger key.
///
/// Once published, nobody can add a cheque or change the terms without the signature failing.
public struct ChequeIssuance: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    /// The round.
    public var roundId: String
    /// Number of cheques issued: one per household of the snapshot.
    public var chequeCount: Int64
    /// `chequeCount` times the round's value, in cents.
    public var totalCents: Int64
    /// RFC 9162 tree head over ``ChequeCode/issuedLeafBytes(round:codeHash:publicKey:buurt:)`` in code-hash order.
    public var root: Data
    /// The gemeente's issuing key, which signed this.
    public var issuerPublicKey: Data
    /// The round's ledger key, which signs the redemption ledger's checkpoints.
    public var ledgerPublicKey: Data
    /// When the set was issued, in milliseconds since 1970 (UTC).
    public var issuedAtMillis: Int64
    /// Ed25519 signature by the issuing key over ``signedBytes(round:gemeente:)``.
    public var signature: Data
    /// 1 for a round issued before cheque keys (its redemptions are signed by no cheque), 2 from issue 15 on: the
    /// issued set commits to every cheque's public key and every redemption is signed with it.
    public var format: Int64 = 2

    public static let databaseTableName = "chequeIssuance"

    /// The domain-separation tag of the commitment's signature, by format (1: code hashes only; 2: with cheque keys).
    public static func tag(format: Int64) -> String { "buurtstem/cheque-issuance/v\(format)" }

    /// `true` when the round's cheques have keys and its redemptions are signed with them.
    public var bindsRedemptions: Bool { format >= 2 }

    /// The exact bytes the signature covers (docs/record.md, "Cheque rounds"); format 2 differs from 1 by its tag.
    public static func signedBytes(
        gemeente: String, round: ChequeRound, count: Int64, totalCents: Int64, root: [UInt8],
        ledgerKey: [UInt8], issuedAtMillis: Int64, format: Int64
    ) -> [UInt8] {
        var writer = ByteWriter(tag: tag(format: format))
        writer.append(string: gemeente)
        writer.append(string: round.id)
        writer.append(u64: UInt64(round.snapshotId))
        writer.append(string: round.scope.rawValue)
        writer.append(u64: UInt64(round.valueCents))
        writer.append(string: round.issueDate)
        writer.append(string: round.validUntil)
        writer.append(i64: round.validFromMillis)
        writer.append(i64: round.expiresMillis)
        writer.append(u64: UInt64(count))
        writer.append(u64: UInt64(totalCents))
        writer.append(raw: root)
        writer.append(raw: ledgerKey)
        writer.append(i64: issuedAtMillis)
        return writer.bytes
    }

    /// The bytes this commitment's signature covers.
    public func signedBytes(round: ChequeRound, gemeente: String) -> [UInt8] {
        Self.signedBytes(gemeente: gemeente, round: round, count: chequeCount, totalCents: totalCents,
                         root: [UInt8](root), ledgerKey: [UInt8](ledgerPublicKey), issuedAtMillis: issuedAtMillis,
                         format: format)
    }

    /// `true` if the signature is the issuing key's over this commitment and `round`'s terms.
    public func isValid(round: ChequeRound, gemeente: String) -> Bool {
        guard let key = try? PublicKey(bytes: [UInt8](issuerPublicKey)),
              let signature = try? Signature(bytes: [UInt8](signature)) else { return false }
        return key.isValidSignature(signature, for: signedBytes(round: round, gemeente: gemeente))
    }
}

extension Store {
    /// The issued set of round `id`, or nil before `buurtstem cheques issue`.
    public func chequeIssuance(_ id: String) throws -> ChequeIssuance? {
        try read { try ChequeIssuance.fetchOne($0, key: id) }
    }
}
