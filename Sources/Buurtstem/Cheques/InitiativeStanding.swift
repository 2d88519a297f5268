import Foundation
import GRDB

/// An initiative with what it has collected: for `buurtstem initiative list` and for initiators.
public struct InitiativeStanding: Sendable, Codable, Equatable {
    /// Where an initiative stands.
    public enum State: String, Sendable, Codable {
        /// Collecting; its target is not yet reached.
        case collecting
        /// Collecting, and its target is reached.
        case targetReached = "target-reached"
        /// Its deadline has passed; waiting for settlement.
        case closed
        /// Settled and funded with what it collected.
        case funded
        /// Settled without reaching its target: not funded, the value goes back to the gemeente.
        case notFunded = "not-funded"
    }

    /// The initiative's id.
    public let id: Int64
    /// Its round.
    public let round: String
    /// Its buurt's code.
    public let buurt: String
    /// Its buurt's name.
    public let buurtName: String
    /// Its title.
    public let title: String
    /// Its description.
    public let description: String
    /// Its target in cents.
    public let targetCents: Int64
    /// Its last day of collecting.
    public let deadline: String
    /// Cheques redeemed for it.
    public let cheques: Int
    /// Value collected, in cents.
    public let collectedCents: Int64
    /// Where it stands.
    public let state: State
    /// The initiator's contact, only when asked for (staff use; never published).
    public let contact: String?

    /// The initiatives of `round` (every round when nil), by id; `includeContact` adds the initiators' contacts.
    public static func list(in store: Store, round: String?, includeContact: Bool = false, now: Date = Date()) throws -> [InitiativeStanding] {
        if let round { _ = try store.chequeRound(round) }
        let nowMillis = ChequeCalendar.millis(now)
        return try store.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT i.*, b.name AS buurtName,
                       (SELECT COUNT(*) FROM chequeRedemption r WHERE r.initiativeId = i.id) AS cheques,
                       (SELECT COALESCE(SUM(r.valueCents), 0) FROM chequeRedemption r WHERE r.initiativeId = i.id) AS collected,
                       l.funded AS funded
                FROM initiative i
                JOIN buurt b ON b.code = i.buurtCode
                LEFT JOIN chequeSettlementLine l ON l.initiativeId = i.id
                WHERE ?1 IS NULL OR i.roundId = ?1
                ORDER BY i.id
                """, arguments: [round])
            return try rows.map { row in
                let initiative = try Initiative(row: row)
                let collected: Int64 = row["collected"]
                let funded: Bool? = row["funded"]
                let state: State = if let funded { funded ? .funded : .notFunded }
                    else if initiative.closesAtMillis <= nowMillis { .closed }
                    else if collected >= initiative.targetCents { .targetReached }
                    else { .collecting }
                return InitiativeStanding(
                    id: initiative.id ?? 0, round: initiative.roundId, buurt: initiative.buurtCode, buurtName: row["buurtName"],
                    title: initiative.title, description: initiative.description, targetCents: initiative.targetCents,
                    deadline: initiative.deadline, cheques: row["cheques"], collectedCents: collected, state: state,
                    contact: includeContact ? initiative.contact : nil)
            }
        }
    }
}
