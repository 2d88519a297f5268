import BuurtstemCrypto
import Foundation
import GRDB

/// The final, signed account of a round: which initiatives are funded and where every cent of the issued value
/// went. Initiatives that reached their target get what they collected; the value of cheques given to the others
/// goes back to the gemeente, as does the value of cheques never redeemed.
///
/// Amounts satisfy `issued = redeemed + unredeemed` and `redeemed = funded + returned`, to the cent.
public struct ChequeSettlement: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    /// The round.
    public var roundId: String
    /// When it was settled, in milliseconds since 1970 (UTC).
    public var settledAtMillis: Int64
    /// Ledger entries at settlement (the final checkpoint's size).
    public var ledgerSize: Int64
    /// The ledger's final tree head.
    public var ledgerRoot: Data
    /// Value issued, in cents.
    public var issuedCents: Int64
    /// Value redeemed, in cents.
    public var redeemedCents: Int64
    /// Value paid to funded initiatives, in cents.
    public var fundedCents: Int64
    /// Value redeemed for initiatives that missed their target, back to the gemeente, in cents.
    public var returnedCents: Int64
    /// Value of cheques never redeemed, in cents.
    public var unredeemedCents: Int64
    /// The gemeente's issuing key.
    public var signer: Data
    /// Ed25519 signature over ``signedBytes(round:issuedRoot:lines:)``.
    public var signature: Data

    public static let databaseTableName = "chequeSettlement"

    /// The domain-separation tag of settlement signatures.
    public static let tag = "buurtstem/cheque-settlement/v1"

    /// The exact bytes the signature covers (docs/record.md, "Cheque rounds"); `lines` pairs every initiative of
    /// the round with its outcome, by initiative id.
    public func signedBytes(round: String, issuedRoot: [UInt8], lines: [(Initiative, ChequeSettlementLine)]) -> [UInt8] {
        var writer = ByteWriter(tag: Self.tag)
        writer.append(string: round)
        writer.append(raw: issuedRoot)
        writer.append(u64: UInt64(ledgerSize))
        writer.append(raw: [UInt8](ledgerRoot))
        writer.append(i64: settledAtMillis)
        for cents in [issuedCents, redeemedCents, fundedCents, returnedCents, unredeemedCents] {
            writer.append(u64: UInt64(cents))
        }
        writer.append(u32: UInt32(lines.count))
        for (initiative, line) in lines {
            writer.append(u64: UInt64(initiative.id ?? 0))
            writer.append(string: initiative.buurtCode)
            writer.append(string: initiative.title)
            writer.append(string: initiative.description)
            writer.append(u64: UInt64(initiative.targetCents))
            writer.append(string: initiative.deadline)
            writer.append(i64: initiative.closesAtMillis)
            writer.append(u64: UInt64(line.cheques))
            writer.append(u64: UInt64(line.collectedCents))
            writer.append(u8: line.funded ? 1 : 0)
            writer.append(u64: UInt64(line.fundedCents))
        }
        return writer.bytes
    }
}

/// One initiative's outcome in a settlement.
public struct ChequeSettlementLine: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    /// The round.
    public var roundId: String
    /// The initiative.
    public var initiativeId: Int64
    /// Cheques it collected.
    public var cheques: Int64
    /// Value it collected, in cents.
    public var collectedCents: Int64
    /// Whether it reached its target.
    public var funded: Bool
    /// What it is paid: all it collected when funded, else 0.
    public var fundedCents: Int64

    public static let databaseTableName = "chequeSettlementLine"

    /// A line with the given outcome (`fundedCents` is `collectedCents` when funded, else 0).
    public init(roundId: String, initiativeId: Int64, cheques: Int64, collectedCents: Int64, funded: Bool, fundedCents: Int64) {
        self.roundId = roundId
        self.initiativeId = initiativeId
        self.cheques = cheques
        self.collectedCents = collectedCents
        self.funded = funded
        self.fundedCents = fundedCents
    }
}
