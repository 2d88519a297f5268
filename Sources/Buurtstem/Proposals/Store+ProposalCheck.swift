import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

extension Store {
    /// The proposals' invariants, for ``check()``: the log is a gap-free sequence whose stored leaf hashes match
    /// its entries and whose times never decrease; every proposal stands where its log entries leave it; the
    /// judgements, declared interests and payments stored are those logged; payments stay within the requested
    /// amount; the co-funders stored are those logged; checkpoints match the log and are signed by the issuing key.
    func proposalProblems(_ db: Database) throws -> [String] {
        guard let gemeente = try Gemeente.fetchOne(db) else { return [] }
        var problems: [String] = []
        let logId = ProposalEntry.logId(gemeente: gemeente.code)
        let decoder = JSONDecoder()
        var log = MerkleLog()
        var heads: [[UInt8]] = [log.root]
        var lastTime = Int64.min
        var statuses: [Int64: ProposalStatus] = [:]
        var logged: [String: Int] = [:]
        var coFunding: [Int64: [ProposalEntry.Pledge]] = [:]
        let rows = try ProposalLog.StoredEntry.order(Column("sequence")).fetchCursor(db)
        while let row = try rows.next() {
            guard row.sequence == Int64(log.size) else {
                problems.append("proposals log: it jumps from \(log.size) to \(row.sequence)")
                break
            }
            guard let line = try? decoder.decode(ProposalLogLine.self, from: row.entry), line.entry.sequence == UInt64(row.sequence) else {
                problems.append("proposals log: entry \(row.sequence) cannot be read")
                break
            }
            let leaf = line.entry.leafHash(logId: logId)
            if leaf != [UInt8](row.leafHash) || leaf != line.leafHash.bytes {
                problems.append("proposals log: entry \(row.sequence)'s leaf hash does not match it")
            }
            if row.timeMillis < lastTime { problems.append("proposals log: entry \(row.sequence) is earlier than the one before it") }
            lastTime = max(lastTime, row.timeMillis)
            log.append(leafHash: leaf)
            heads.append(log.root)
            let id = Int64(line.entry.proposal)
            switch line.entry.body {
            case .received: statuses[id] = .received
            case let .status(_, to, _): statuses[id] = to
            case let .decision(outcome, _): statuses[id] = outcome
            case .interest, .judgement, .payment: logged["\(line.entry.body.kind) \(id)", default: 0] += 1
            case let .coFunding(funders): coFunding[id] = funders
            case .criteria, .funding: break
            }
        }
        for proposal in try Proposal.fetchAll(db) {
            let id = proposal.id!
            if statuses[id] != proposal.status {
                problems.append("proposal \(id): stored as '\(proposal.status.rawValue)', but its log entries leave it '\(statuses[id]?.rawValue ?? "unlogged")'")
            }
            let counts = [
                ("interest", try InterestDeclaration.filter(Column("proposalId") == id).fetchCount(db)),
                ("judgement", try CriterionJudgement.filter(Column("proposalId") == id).fetchCount(db)),
                ("payment", try ProposalPayment.filter(Column("proposalId") == id).fetchCount(db)),
            ]
            for (kind, stored) in counts where stored != logged["\(kind) \(id)", default: 0] {
                problems.append("proposal \(id): \(stored) \(kind)(s) stored, \(logged["\(kind) \(id)", default: 0]) logged")
            }
            let coFunders = try ProposalAmount.fetch(.coFunders, proposal: id, db).map { ProposalEntry.Pledge(name: $0.name, cents: UInt64($0.cents)) }
            if coFunders != coFunding[id] ?? [] {
                problems.append("proposal \(id): its stored co-funders differ from its co_funding entry in the log")
            }
            let paid = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(amountCents), 0) FROM proposalPayment WHERE proposalId = ?", arguments: [id]) ?? 0
            let funded = try Proposal.fundedCents(proposal, db)
            if paid > funded {
                problems.append("proposal \(id): \(paid) cents paid, above the funded \(funded)")
            }
        }
        for checkpoint in try ProposalCheckpoint.order(Column("id")).fetchAll(db) {
            let valid = (try? checkpoint.checkpoint(logId: logId).isValid) ?? false
            if checkpoint.size < 0 || checkpoint.size >= Int64(heads.count) || heads[Int(checkpoint.size)] != [UInt8](checkpoint.root)
                || !valid || checkpoint.signer != gemeente.issuingPublicKey {
                problems.append("proposals log: the checkpoint at size \(checkpoint.size) does not match the log or its signature fails")
            }
        }
        return problems
    }
}
