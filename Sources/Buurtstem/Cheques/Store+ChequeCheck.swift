import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

extension Store {
    /// The cheque rounds' invariants, for ``check()``: issued sets match their commitments, each ledger is a
    /// gap-free sequence whose stored leaf hashes match the entries, checkpoints match the ledger and their
    /// signatures verify, settlements add up to the cent. Reads each ledger once, streaming.
    func chequeProblems(_ db: Database) throws -> [String] {
        var problems: [String] = []
        let gemeente = try Gemeente.fetchOne(db)
        for round in try ChequeRound.fetchAll(db) {
            let name = "cheque round \(round.id)"
            guard let issuance = try ChequeIssuance.fetchOne(db, key: round.id) else {
                if try IssuedCheque.filter(Column("roundId") == round.id).fetchCount(db) > 0 {
                    problems.append("\(name): cheques are stored but no issued set")
                }
                continue
            }
            let issued = try IssuedCheque.filter(Column("roundId") == round.id).fetchCount(db)
            if Int64(issued) != issuance.chequeCount || issuance.totalCents != issuance.chequeCount * round.valueCents {
                problems.append("\(name): \(issued) cheques stored, the issued set says \(issuance.chequeCount) worth \(issuance.totalCents) cents")
            }
            if let gemeente, !issuance.isValid(round: round, gemeente: gemeente.code) {
                problems.append("\(name): the issued set's signature does not verify")
            }
            var checkpoints = try ChequeCheckpoint.filter(Column("roundId") == round.id).order(Column("size")).fetchAll(db)[...]
            var log = MerkleLog()
            var lastTime = Int64.min
            func checkCheckpoints() {
                while let checkpoint = checkpoints.first, checkpoint.size <= Int64(log.size) {
                    checkpoints.removeFirst()
                    let valid = (try? checkpoint.checkpoint().isValid) ?? false
                    if checkpoint.size != Int64(log.size) || [UInt8](checkpoint.root) != log.root || !valid
                        || checkpoint.signer != issuance.ledgerPublicKey {
                        problems.append("\(name): the checkpoint at size \(checkpoint.size) does not match the ledger or its signature fails")
                    }
                }
            }
            checkCheckpoints()
            let entries = try Redemption.filter(Column("roundId") == round.id).order(Column("sequence")).fetchCursor(db)
            while let entry = try entries.next() {
                if entry.sequence != Int64(log.size) {
                    problems.append("\(name): ledger entry \(entry.sequence) found where entry \(log.size) belongs")
                }
                if [UInt8](entry.leafHash) != MerkleHash.leaf(entry.leafBytes) {
                    problems.append("\(name): ledger entry \(entry.sequence) does not match its leaf hash (altered)")
                }
                if issuance.bindsRedemptions != (entry.signature != nil) || !Self.chequeSignatureHolds(entry) {
                    problems.append("\(name): ledger entry \(entry.sequence) is not signed by its cheque's key, as a round of format \(issuance.format) requires")
                }
                if entry.valueCents != round.valueCents || entry.timeMillis < lastTime {
                    problems.append("\(name): ledger entry \(entry.sequence) has a wrong value or runs back in time")
                }
                lastTime = entry.timeMillis
                log.append(leafHash: [UInt8](entry.leafHash))
                checkCheckpoints()
            }
            if !checkpoints.isEmpty {
                problems.append("\(name): a checkpoint covers \(checkpoints.last!.size) entries, the ledger has \(log.size)")
            }
            let foreign = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM chequeRedemption r JOIN initiative i ON i.id = r.initiativeId
                WHERE r.roundId = ? AND i.roundId <> r.roundId
                """, arguments: [round.id]) ?? 0
            if foreign > 0 { problems.append("\(name): \(foreign) ledger entries went to another round's initiatives") }
            if let settlement = try ChequeSettlement.fetchOne(db, key: round.id) {
                let lines = try ChequeSettlementLine.filter(Column("roundId") == round.id).fetchAll(db)
                let collected = lines.reduce(0) { $0 + $1.collectedCents }
                let funded = lines.reduce(0) { $0 + $1.fundedCents }
                if settlement.issuedCents != issuance.totalCents
                    || settlement.issuedCents != settlement.redeemedCents + settlement.unredeemedCents
                    || settlement.redeemedCents != settlement.fundedCents + settlement.returnedCents
                    || settlement.redeemedCents != collected || settlement.fundedCents != funded
                    || settlement.ledgerSize > Int64(log.size) {
                    problems.append("\(name): the settlement's amounts do not add up")
                }
            }
        }
        return problems
    }

    /// `true` when `entry` carries no signature (format 1) or its cheque key's signature over its bytes verifies.
    static func chequeSignatureHolds(_ entry: Redemption) -> Bool {
        guard let signature = entry.signature else { return entry.chequePublicKey == nil }
        guard let key = entry.chequePublicKey.flatMap({ try? PublicKey(bytes: [UInt8]($0)) }),
              let signature = try? Signature(bytes: [UInt8](signature)) else { return false }
        return key.isValidSignature(signature, for: entry.canonicalBytes)
    }

    /// The ledger entry that redeemed `code` in round `round`, or nil if it is not redeemed (nor issued).
    public func chequeRedemption(of code: TypeableCode, round: String) throws -> Redemption? {
        try read { db in
            try Redemption.filter(Column("roundId") == round && Column("codeHash") == Data(ChequeCode.hash(code, round: round))).fetchOne(db)
        }
    }
}
