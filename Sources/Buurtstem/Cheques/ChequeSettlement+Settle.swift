import BuurtstemCrypto
import Foundation
import GRDB

extension ChequeSettlement {
    /// Settles round `roundId` at `now`: final, in one transaction with the ledger's final checkpoint and with the
    /// moves of the aanvragen that became its initiatives (to gefinancierd or niet gefinancierd, see ``ProposalInitiative``).
    ///
    /// - Parameters:
    ///   - issuingKey: the gemeente's issuing key, which signs the settlement.
    ///   - ledgerKey: the round's ledger key, which signs the final checkpoint.
    ///   - beforeExpiry: settle although cheques are still valid (they can no longer be redeemed afterwards).
    public static func settle(
        round roundId: String, in store: Store, issuingKey: SigningKey, ledgerKey: SigningKey, now: Date = Date(),
        beforeExpiry: Bool = false
    ) throws -> SettlementReport {
        let round = try store.chequeRound(roundId)
        let gemeente = try store.gemeente()
        guard [UInt8](gemeente.issuingPublicKey) == issuingKey.publicKey.bytes else {
            throw BuurtstemError(.keys, "the key given is not gemeente \(gemeente.name)'s issuing key; use the key file made when the gemeente was initialised")
        }
        let nowMillis = ChequeCalendar.millis(now)
        guard beforeExpiry || nowMillis >= round.expiresMillis else {
            throw BuurtstemError(.wrongState, "the cheques of round \(roundId) are valid through \(round.validUntil); settle after that day, "
                + "or settle before expiry to close the round now (its cheques can then no longer be redeemed)",
                remedy: .settleBeforeExpiry(round: roundId))
        }
        try store.write { db in
            if try ChequeSettlement.exists(db, key: roundId) {
                throw BuurtstemError(.wrongState, "round \(roundId) is already settled; a settlement is final (exporting the round publishes it)",
                                     remedy: .exportCheques(round: roundId))
            }
            let checkpoint = try ChequeCheckpoint.make(round: round, ledgerKey: ledgerKey, nowMillis: nowMillis, db)
            let issuance = try ChequeIssuance.fetchOne(db, key: roundId)!
            let initiatives = try Initiative.filter(Column("roundId") == roundId).order(Column("id")).fetchAll(db)
            var collected: [Int64: (cheques: Int64, cents: Int64)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT initiativeId, COUNT(*) AS cheques, SUM(valueCents) AS cents FROM chequeRedemption
                WHERE roundId = ? AND sequence < ? GROUP BY initiativeId
                """, arguments: [roundId, Int64(checkpoint.size)]) {
                collected[row["initiativeId"]] = (row["cheques"], row["cents"])
            }
            let lines = initiatives.map { initiative in
                let total = collected[initiative.id ?? 0] ?? (0, 0)
                let funded = total.cents >= initiative.targetCents
                return (initiative, ChequeSettlementLine(
                    roundId: roundId, initiativeId: initiative.id ?? 0, cheques: total.cheques, collectedCents: total.cents,
                    funded: funded, fundedCents: funded ? total.cents : 0))
            }
            let redeemed = lines.reduce(0) { $0 + $1.1.collectedCents }
            let funded = lines.reduce(0) { $0 + $1.1.fundedCents }
            var settlement = ChequeSettlement(
                roundId: roundId, settledAtMillis: checkpoint.timeMillis, ledgerSize: Int64(checkpoint.size),
                ledgerRoot: Data(checkpoint.root), issuedCents: issuance.totalCents, redeemedCents: redeemed,
                fundedCents: funded, returnedCents: redeemed - funded, unredeemedCents: issuance.totalCents - redeemed,
                signer: Data(issuingKey.publicKey.bytes), signature: Data())
            settlement.signature = Data(issuingKey.signature(
                for: settlement.signedBytes(round: roundId, issuedRoot: [UInt8](issuance.root), lines: lines)).bytes)
            var stored = ChequeCheckpoint(round: roundId, checkpoint)
            try stored.insert(db)
            try settlement.insert(db)
            for (_, line) in lines { try line.insert(db) }
            // Aanvragen that became initiatives of this round are decided by it, in the same transaction.
            try ProposalInitiative.applySettlement(round: roundId, lines: lines, now: now, db)
        }
        return try SettlementReport.load(round: roundId, from: store)
    }

    /// `true` if the signature is the signer's over this settlement, given the round's issued root and lines.
    public func isValid(issuedRoot: [UInt8], lines: [(Initiative, ChequeSettlementLine)]) -> Bool {
        guard let key = try? PublicKey(bytes: [UInt8](signer)), let signature = try? Signature(bytes: [UInt8](signature)) else {
            return false
        }
        return key.isValidSignature(signature, for: signedBytes(round: roundId, issuedRoot: issuedRoot, lines: lines))
    }
}
