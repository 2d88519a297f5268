import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// `buurtstem cheques redeem`: gives cheques to one initiative, each in its own durable transaction.
///
/// A redemption is acknowledged (returned, printed) only after its transaction is committed with
/// `synchronous = FULL`, so a crash never loses an acknowledged one. Two redemptions of one code at once, in this
/// process or another, are serialised by SQLite's write lock and, behind it, the ledger's UNIQUE(round, code hash):
/// exactly one wins, the other is told when the cheque was redeemed.
public struct ChequeRedeemer: Sendable {
    /// The outcome of one line of a file of codes.
    public struct LineOutcome: Sendable, Codable, Equatable {
        /// The line in the file (1-based).
        public let line: Int
        /// The code's first group, to find the line's cheque without printing whole codes again.
        public let codeStart: String
        /// The ledger entry, when redeemed.
        public let redemption: Redemption?
        /// The reason's stable name, when rejected.
        public let rejection: String?
        /// What went wrong, in English, when rejected.
        public let message: String?
    }

    /// The store.
    public let store: Store
    /// The round.
    public let round: ChequeRound
    /// The initiative the cheques go to.
    public let initiative: Initiative

    /// A redeemer for initiative `initiativeId`; the initiative's round must be issued.
    public init(store: Store, initiative initiativeId: Int64) throws {
        guard let initiative = try store.read({ try Initiative.fetchOne($0, key: initiativeId) }) else {
            throw BuurtstemError(.notFound, "there is no initiative \(initiativeId)", remedy: .listInitiatives)
        }
        guard try store.chequeIssuance(initiative.roundId) != nil else {
            throw BuurtstemError(.wrongState, "round \(initiative.roundId) of initiative \(initiativeId) is not issued yet: no cheque can be redeemed")
        }
        self.store = store
        self.round = try store.chequeRound(initiative.roundId)
        self.initiative = initiative
    }

    /// Redeems the typed `code` at `now`; a rejection is a value, an error only a failure of the store.
    public func redeem(code text: String, channel: RedemptionChannel, now: Date = Date()) throws -> Result<Redemption, RedemptionRejection> {
        let code: TypeableCode
        do {
            code = try ChequeCode.parse(text)
        } catch {
            return .failure(RedemptionRejection(.mistyped(error)))
        }
        let hash = ChequeCode.hash(code, round: round.id)
        do {
            return try store.write { db in try redeem(code: code, hash: hash, channel: channel, nowMillis: ChequeCalendar.millis(now), db) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            // Only reachable if the checks below were bypassed; the constraint still lets one redemption win.
            let time = try store.read { db in
                try Int64.fetchOne(db, sql: "SELECT timeMillis FROM chequeRedemption WHERE roundId = ? AND codeHash = ?",
                                   arguments: [round.id, Data(hash)])
            }
            guard let time else { throw error }
            return .failure(RedemptionRejection(.alreadyRedeemed(timeMillis: time)))
        }
    }

    /// Redeems every code in `text` (one per line; blank lines and lines starting with `#` are skipped), each in its
    /// own transaction, calling `acknowledge` with each line's outcome after that line is committed.
    public func redeem(lines text: String, channel: RedemptionChannel, now: () -> Date = { Date() },
                       acknowledge: (LineOutcome) throws -> Void) throws {
        // Split on every line break: "\r\n" is one Character in Swift, so splitting on "\n" alone would miss it.
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let start = String(line.prefix { $0 != "-" && $0 != " " }.prefix(4))
            let outcome = switch try redeem(code: line, channel: channel, now: now()) {
            case let .success(redemption):
                LineOutcome(line: index + 1, codeStart: start, redemption: redemption, rejection: nil, message: nil)
            case let .failure(rejection):
                LineOutcome(line: index + 1, codeStart: start, redemption: nil, rejection: rejection.code, message: rejection.description)
            }
            try acknowledge(outcome)
        }
    }

    private func redeem(code: TypeableCode, hash: [UInt8], channel: RedemptionChannel, nowMillis: Int64,
                        _ db: Database) throws -> Result<Redemption, RedemptionRejection> {
        func reject(_ reason: RedemptionRejection.Reason) -> Result<Redemption, RedemptionRejection> {
            .failure(RedemptionRejection(reason))
        }
        if try ChequeSettlement.exists(db, key: round.id) { return reject(.roundSettled) }
        guard let cheque = try IssuedCheque.fetchOne(db, key: ["roundId": round.id, "codeHash": Data(hash)]) else {
            return reject(.unknownCode)
        }
        if let earlier = try Int64.fetchOne(db, sql: "SELECT timeMillis FROM chequeRedemption WHERE roundId = ? AND codeHash = ?",
                                            arguments: [round.id, Data(hash)]) {
            return reject(.alreadyRedeemed(timeMillis: earlier))
        }
        let last = try Row.fetchOne(db, sql: """
            SELECT sequence, timeMillis FROM chequeRedemption WHERE roundId = ? ORDER BY sequence DESC LIMIT 1
            """, arguments: [round.id])
        // Ledger time never runs backwards, so a verifier can check the order (a clock stepping back is absorbed).
        let time = max(nowMillis, last?["timeMillis"] ?? Int64.min)
        if time < round.validFromMillis { return reject(.notYetValid(issueDate: round.issueDate)) }
        if time >= round.expiresMillis { return reject(.expired(validUntil: round.validUntil)) }
        if time >= initiative.closesAtMillis { return reject(.initiativeClosed(deadline: initiative.deadline)) }
        guard round.scope.allows(chequeBuurt: cheque.buurtCode, initiativeBuurt: initiative.buurtCode) else {
            let area = switch round.scope {
            case .buurt, .gemeente: cheque.buurtCode
            case .wijk: AreaCode.wijk(ofBuurt: cheque.buurtCode)
            }
            return reject(.outOfScope(scope: round.scope, chequeArea: area, initiativeBuurt: initiative.buurtCode))
        }
        // Format 2: the cheque's own key, derived from the typed code, signs the entry; the issued set committed to it.
        var chequeKey: SigningKey?
        if let publicKey = cheque.publicKey {
            let key = ChequeKey.signingKey(code: code.bytes, round: round.id)
            guard key.publicKey.bytes == [UInt8](publicKey) else {
                throw BuurtstemError(.conflict, "the key derived from this code is not the one stored for its cheque in round \(round.id): "
                    + "the store is damaged", remedy: .checkStore)
            }
            chequeKey = key
        }
        let redemption = Redemption(
            round: round.id, sequence: (last?["sequence"] as Int64?).map { $0 + 1 } ?? 0, codeHash: hash, chequeKey: chequeKey,
            initiative: initiative.id ?? 0, channel: channel, valueCents: round.valueCents, timeMillis: time)
        try redemption.insert(db)
        return .success(redemption)
    }
}
