import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// One entry of a round's redemption ledger: cheque `codeHash` went to initiative `initiativeId`.
///
/// The ledger is append-only: entry `sequence` is leaf `sequence` of the round's RFC 9162 Merkle log, whose leaf is
/// ``leafBytes`` (docs/record.md, "Cheque rounds"). A code appears at most once per round (UNIQUE in the store).
/// In a round of format 2 the entry is signed by the cheque's own key (``ChequeKey``, derived from the code), so
/// whoever holds only the gemeente's keys can neither make nor move a redemption; format 1 entries carry no signature.
public struct Redemption: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    /// The round.
    public var roundId: String
    /// Position in the ledger, from 0.
    public var sequence: Int64
    /// The redeemed cheque's code hash.
    public var codeHash: Data
    /// The initiative it went to.
    public var initiativeId: Int64
    /// How it was redeemed.
    public var channel: RedemptionChannel
    /// Its value in cents (the round's value).
    public var valueCents: Int64
    /// When, in milliseconds since 1970 (UTC); never earlier than the entry before it.
    public var timeMillis: Int64
    /// `MerkleHash.leaf(leafBytes)`, kept so checkpoints need not re-encode every entry.
    public var leafHash: Data
    /// The cheque's public key (format 2); nil in a round of format 1.
    public var chequePublicKey: Data?
    /// The cheque key's signature over ``canonicalBytes`` (format 2); nil in a round of format 1.
    public var signature: Data?

    public static let databaseTableName = "chequeRedemption"

    /// The domain-separation tag of format 1 ledger entries (signed by no cheque).
    public static let tag = "buurtstem/cheque-redemption/v1"
    /// The domain-separation tag of format 2 ledger entries, signed by the cheque's key.
    public static let tagV2 = "buurtstem/cheque-redemption/v2"

    /// The entry's canonical bytes. Format 1 (no key): str(tag) || str(round id) || u64(sequence) || raw(code hash)
    /// || u64(initiative id) || str(channel) || u64(value cents) || i64(time ms); format 2: str(tag v2) and
    /// raw(cheque public key) after the code hash, the rest the same.
    public static func canonicalBytes(
        round: String, sequence: Int64, codeHash: [UInt8], chequePublicKey: [UInt8]?, initiative: Int64,
        channel: RedemptionChannel, valueCents: Int64, timeMillis: Int64
    ) -> [UInt8] {
        var writer = ByteWriter(tag: chequePublicKey == nil ? tag : tagV2)
        writer.append(string: round)
        writer.append(u64: UInt64(sequence))
        writer.append(raw: codeHash)
        if let chequePublicKey { writer.append(raw: chequePublicKey) }
        writer.append(u64: UInt64(initiative))
        writer.append(string: channel.rawValue)
        writer.append(u64: UInt64(valueCents))
        writer.append(i64: timeMillis)
        return writer.bytes
    }

    /// This entry's canonical bytes (what the cheque key signs in format 2).
    public var canonicalBytes: [UInt8] {
        Self.canonicalBytes(round: roundId, sequence: sequence, codeHash: [UInt8](codeHash), chequePublicKey: chequePublicKey.map { [UInt8]($0) },
                            initiative: initiativeId, channel: channel, valueCents: valueCents, timeMillis: timeMillis)
    }

    /// The bytes of the ledger's leaf: the canonical bytes, followed in format 2 by raw(signature).
    public var leafBytes: [UInt8] {
        canonicalBytes + (signature.map { [UInt8]($0) } ?? [])
    }

    /// A new entry with its leaf hash, signed by `chequeKey` when the round has cheque keys (format 2).
    init(round: String, sequence: Int64, codeHash: [UInt8], chequeKey: SigningKey?, initiative: Int64, channel: RedemptionChannel,
         valueCents: Int64, timeMillis: Int64) {
        self.roundId = round
        self.sequence = sequence
        self.codeHash = Data(codeHash)
        self.initiativeId = initiative
        self.channel = channel
        self.valueCents = valueCents
        self.timeMillis = timeMillis
        self.chequePublicKey = chequeKey.map { Data($0.publicKey.bytes) }
        self.leafHash = Data()
        self.signature = chequeKey.map { Data($0.signature(for: canonicalBytes).bytes) }
        self.leafHash = Data(MerkleHash.leaf(leafBytes))
    }

    /// A short, non-secret tracking code for receipts: the first 8 hex characters of the leaf hash.
    public var trackingCode: String { String(Hex.encode(leafHash).prefix(8)) }
}
