import GRDB

/// Where a round stands: its terms, how many cheques were issued and redeemed, and whether it is settled.
public struct ChequeRoundStatus: Sendable, Codable, Equatable {
    /// The round's terms.
    public let round: ChequeRound
    /// Cheques issued, nil before the issue.
    public let issued: Int64?
    /// Value issued in cents (0 before the issue).
    public let issuedCents: Int64
    /// Cheques redeemed.
    public let redeemed: Int64
    /// Value redeemed in cents.
    public let redeemedCents: Int64
    /// Initiatives registered for the round.
    public let initiatives: Int
    /// Signed ledger checkpoints.
    public let checkpoints: Int
    /// Whether the round is settled.
    public let settled: Bool
    /// The fingerprint of the round's pre-publication, once `cheques round publish` made it.
    public let fingerprint: String?

    /// The status of round `id`.
    public static func load(_ id: String, from store: Store) throws -> ChequeRoundStatus {
        let round = try store.chequeRound(id)
        return try store.read { db in
            let issuance = try ChequeIssuance.fetchOne(db, key: id)
            let redeemed = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS n, COALESCE(SUM(valueCents), 0) AS cents FROM chequeRedemption WHERE roundId = ?
                """, arguments: [id])!
            return ChequeRoundStatus(
                round: round, issued: issuance?.chequeCount, issuedCents: issuance?.totalCents ?? 0,
                redeemed: redeemed["n"], redeemedCents: redeemed["cents"],
                initiatives: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM initiative WHERE roundId = ?", arguments: [id]) ?? 0,
                checkpoints: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM chequeCheckpoint WHERE roundId = ?", arguments: [id]) ?? 0,
                settled: try Bool.fetchOne(db, sql: "SELECT 1 FROM chequeSettlement WHERE roundId = ?", arguments: [id]) ?? false,
                fingerprint: try String.fetchOne(db, sql: "SELECT fingerprint FROM chequePrePublication WHERE roundId = ?", arguments: [id]))
        }
    }
}
