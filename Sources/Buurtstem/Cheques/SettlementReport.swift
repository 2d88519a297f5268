import BuurtstemCrypto
import Foundation
import GRDB

/// A settled round as people read it: the money per initiative, and the reach per buurt and wijk
/// (households that redeemed their cheque, against the households that got one).
public struct SettlementReport: Sendable, Codable, Equatable {
    /// One initiative's outcome.
    public struct Line: Sendable, Codable, Equatable {
        /// The initiative's id.
        public let initiative: Int64
        /// Its title.
        public let title: String
        /// Its buurt.
        public let buurt: String
        /// Its target, in cents.
        public let targetCents: Int64
        /// Cheques it collected.
        public let cheques: Int64
        /// Value it collected, in cents.
        public let collectedCents: Int64
        /// Whether it reached its target.
        public let funded: Bool
        /// What it is paid, in cents.
        public let fundedCents: Int64
    }

    /// Reach in one area.
    public struct Activation: Sendable, Codable, Equatable {
        /// The area's CBS code.
        public let code: String
        /// Its name.
        public let name: String
        /// Households that got a cheque.
        public let households: Int64
        /// Households whose cheque was redeemed.
        public let redeemed: Int64
        /// `redeemed / households` in percent, rounded to one decimal (0 without households).
        public let percent: Double

        init(code: String, name: String, households: Int64, redeemed: Int64) {
            self.code = code
            self.name = name
            self.households = households
            self.redeemed = redeemed
            // Rounded from exact integers (per mille), so the figure is the same on every machine.
            let perMille = households > 0 ? (redeemed * 2000 + households) / (2 * households) : 0
            self.percent = Double(perMille) / 10
        }
    }

    /// The round.
    public let round: String
    /// The stored, signed settlement.
    public let settlement: ChequeSettlement
    /// Every initiative, by id.
    public let initiatives: [Line]
    /// Reach per buurt, by code.
    public let buurten: [Activation]
    /// Reach per wijk, by code.
    public let wijken: [Activation]
    /// Reach in the whole gemeente.
    public let total: Activation

    /// The report of settled round `round`.
    public static func load(round: String, from store: Store) throws -> SettlementReport {
        _ = try store.chequeRound(round)
        return try store.read { db in
            guard let settlement = try ChequeSettlement.fetchOne(db, key: round) else {
                throw BuurtstemError(.wrongState, "round \(round) is not settled yet", remedy: .settleCheques(round: round))
            }
            let lines = try Row.fetchAll(db, sql: """
                SELECT l.*, i.title, i.buurtCode, i.targetCents FROM chequeSettlementLine l
                JOIN initiative i ON i.id = l.initiativeId WHERE l.roundId = ? ORDER BY l.initiativeId
                """, arguments: [round]).map {
                Line(initiative: $0["initiativeId"], title: $0["title"], buurt: $0["buurtCode"], targetCents: $0["targetCents"],
                     cheques: $0["cheques"], collectedCents: $0["collectedCents"], funded: $0["funded"], fundedCents: $0["fundedCents"])
            }
            let reach = try Row.fetchAll(db, sql: """
                SELECT c.buurtCode, b.name, b.wijkCode, w.name AS wijkName, COUNT(*) AS households, COUNT(r.sequence) AS redeemed
                FROM cheque c
                JOIN buurt b ON b.code = c.buurtCode
                JOIN wijk w ON w.code = b.wijkCode
                LEFT JOIN chequeRedemption r ON r.roundId = c.roundId AND r.codeHash = c.codeHash AND r.sequence < ?
                WHERE c.roundId = ?
                GROUP BY c.buurtCode ORDER BY c.buurtCode
                """, arguments: [settlement.ledgerSize, round])
            var wijken: [String: (name: String, households: Int64, redeemed: Int64)] = [:]
            for row in reach {
                let code: String = row["wijkCode"]
                let previous = wijken[code] ?? (row["wijkName"], 0, 0)
                wijken[code] = (previous.name, previous.households + row["households"], previous.redeemed + row["redeemed"])
            }
            return SettlementReport(
                round: round, settlement: settlement, initiatives: lines,
                buurten: reach.map { Activation(code: $0["buurtCode"], name: $0["name"], households: $0["households"], redeemed: $0["redeemed"]) },
                wijken: wijken.sorted { $0.key < $1.key }.map {
                    Activation(code: $0.key, name: $0.value.name, households: $0.value.households, redeemed: $0.value.redeemed)
                },
                total: Activation(code: try Gemeente.fetchOne(db)?.code ?? "", name: try Gemeente.fetchOne(db)?.name ?? "",
                                  households: wijken.values.reduce(0) { $0 + $1.households },
                                  redeemed: wijken.values.reduce(0) { $0 + $1.redeemed }))
        }
    }
}
