import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// `buurtstem record export --proposals`: the gemeente's proposals record, as docs/record.md ("Proposals") defines
/// it: `proposals.json`, `proposals.jsonl` (public details, never a contact), `log.jsonl`, `money.json` (the money per
/// wijk and per funder), `checkpoints.jsonl`, and
/// `record.json`, the index signed by the issuing key, written last; staged and moved into place like every record.
///
/// The export first signs a checkpoint of the whole log, so every entry is covered by a signed tree head.
public enum ProposalRecordExport {
    /// What was exported.
    public struct Summary: Sendable, Codable, Equatable {
        /// The folder.
        public let folder: String
        /// The files written, by name.
        public let files: [String]
        /// Proposals listed.
        public let proposals: Int
        /// Log entries.
        public let entries: Int
        /// Checkpoints listed (the last one made by this export).
        public let checkpoints: Int
    }

    /// `money.json`: the money per wijk and per funder exactly as the results site shows it (``ProposalsOverview``),
    /// which a verifier recomputes from the log.
    static func money(_ overview: ProposalsOverview) -> ProposalMoney {
        func amounts(committed: Int64, paid: Int64, returned: Int64) -> ProposalMoney.Amounts {
            .init(committedCents: UInt64(committed), paidCents: UInt64(paid), returnedCents: UInt64(returned))
        }
        func funders(_ list: [ProposalFunderMoney]) -> [ProposalMoney.Funder] {
            list.map { .init(funder: $0.funder, amounts: amounts(committed: $0.committedCents, paid: $0.paidCents, returned: $0.returnedCents)) }
        }
        return ProposalMoney(
            wijken: overview.wijken.map { wijk in
                ProposalMoney.Wijk(code: wijk.code, areas: wijk.areas,
                                   amounts: amounts(committed: wijk.committedCents, paid: wijk.paidCents, returned: wijk.returnedCents),
                                   funders: funders(wijk.funders))
            },
            funders: funders(overview.funders))
    }

    /// Writes the record into `folder` (new or empty), signing a final checkpoint and the index with `issuingKey`.
    public static func export(from store: Store, to folder: URL, issuingKey: SigningKey, now: Date = Date()) throws -> Summary {
        let writer = try RecordWriter(folder: folder)
        try ProposalCheckpoint.make(in: store, issuingKey: issuingKey, now: now)
        let overview = try ProposalsOverview.load(store: store)
        return try store.read { db in
            let gemeente = try Gemeente.fetchOne(db)!
            let header = ProposalsHeader(gemeenteCode: gemeente.code, gemeenteName: gemeente.name, issuingPublicKey: issuingKey.publicKey)
            try writer.write(header, to: ProposalRecordFile.header)
            let proposals = try Proposal.order(Column("id")).fetchAll(db)
            try writer.writeLines(to: ProposalRecordFile.proposals) { (emit: (ProposalLine) throws -> Void) in
                for proposal in proposals {
                    let id = proposal.id!
                    func amounts(_ list: ProposalAmount.List) throws -> [ProposalLine.Amount] {
                        try ProposalAmount.fetch(list, proposal: id, db).map { .init(name: $0.name, cents: UInt64($0.cents)) }
                    }
                    try emit(ProposalLine(
                        id: UInt64(id), area: proposal.areaCode, title: proposal.title, description: proposal.description,
                        requestedCents: UInt64(proposal.requestedCents), costs: try amounts(.costs), ownHours: UInt64(proposal.ownHours),
                        ownCents: UInt64(proposal.ownCents), coFunders: try amounts(.coFunders),
                        goals: try ProposalGoal.filter(Column("proposalId") == id).order(Column("position")).fetchAll(db).map(\.goal),
                        status: proposal.status))
                }
            }
            let lines = try ProposalLog.lines(db)
            try writer.writeLines(to: ProposalRecordFile.log) { (emit: (ProposalLogLine) throws -> Void) in
                for line in lines { try emit(line) }
            }
            try writer.write(money(overview), to: ProposalRecordFile.money)
            let checkpoints = try ProposalCheckpoint.order(Column("id")).fetchAll(db).map { try $0.checkpoint(logId: header.logId) }
            try writer.writeLines(to: ProposalRecordFile.checkpoints) { (emit: (Checkpoint) throws -> Void) in
                for checkpoint in checkpoints { try emit(checkpoint) }
            }
            _ = try writer.finish(kind: ProposalRecordFile.indexKind, election: gemeente.code, gemeente: gemeente, issuingKey: issuingKey)
            return Summary(folder: folder.standardizedFileURL.path, files: writer.digests.map(\.name) + [ProposalRecordFile.index],
                           proposals: proposals.count, entries: lines.count, checkpoints: checkpoints.count)
        }
    }
}
