import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// One entry of a round's redemption ledger: cheque `codeHash` went to initiative `initiativeId`.
///
/// The ledger is append-only: entry `sequence` is leaf `sequence` of the round's RFC 9162 Merkle log, whose leaf is
/// ``canonicalBytes`` (docs/record.md, "Cheque rounds"). A code appears at most once per round (UNIQUE in the store).
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
    /// `MerkleHash.leaf(canonicalBytes)`, kept so checkpoints need not re-encode every entry.
    public var leafHash: Data

    public static let databaseTableName = "chequeRedemption"

    /// The domain-separation tag of ledger entries.
    public static let tag = "buurtstem/cheque-redemption/v1"

    /// The entry's canonical bytes: str(tag) || str(round id) || u64(sequence) || raw(code hash) ||
    /// u64(initiative id) || str(channel) || u64(value cents) || i64(time ms).
    public static func canonicalBytes(
        round: String, sequence: Int64, codeHash: [UInt8], initiative: Int64, channel: RedemptionChannel,
        valueCents: Int64, timeMillis: Int64
    ) -> [UInt8] {
        var writer = ByteWriter(tag: tag)
        writer.append(string: round)
        writer.append(u64: UInt64(sequence))
        writer.append(raw: codeHash)
        writer.append(u64: UInt64(initiative))
        writer.append(string: channel.rawValue)
        writer.append(u64: UInt64(valueCents))
        writer.append(i64: timeMillis)
        return writer.bytes
    }

    /// This entry's canonical bytes.
    public var canonicalBytes: [UInt8] {
        Self.canonicalBytes(round: roundId, sequence: sequence, codeHash: [UInt8](codeHash), initiative: initiativeId,
                            channel: channel, valueCents: valueCents, timeMillis: timeMillis)
    }

    /// A new entry with its leaf hash.
    init(round: String, sequence: Int64, codeHash: [UInt8], initiative: Int64, channel: RedemptionChannel,
         valueCents: Int64, timeMillis: Int64) {
        self.roundId = round
        self.sequence = sequence
        self.codeHash = Data(codeHash)
        self.initiativeId = initiative
        self.channel = channel
        self.valueCents = valueCents
        self.timeMillis = timeMillis
        self.leafHash = Data(MerkleHash.leaf(Self.canonicalBytes(
            round: round, sequence: sequence, codeHash: codeHash, initiative: initiative, channel: channel,
            valueCents: valueCents, timeMillis: timeMillis)))
    }

    /// A short, non-secret tracking code for receipts: the first 8 hex characters of the leaf hash.
    public var trackingCode: String { String(Hex.encode(leafHash).prefix(8)) }
}
