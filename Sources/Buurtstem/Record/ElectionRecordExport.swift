import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// `buurtstem record export --election ID`: the published record of a closed election (docs/record.md).
///
/// Everything an observer needs to recount and re-run the allocation without the gemeente's software: the signed
/// definition, every issued pass and the commitment, the kiosks, every ballot of every log with the checkpoints,
/// and the signed result. Ballots are streamed from the store to the files, never all in memory.
public enum ElectionRecordExport {
    /// What an export wrote.
    public struct Summary: Sendable, Codable {
        /// The folder.
        public let folder: String
        /// Files written, with their SHA-256.
        public let files: [RecordIndex.FileDigest]
        /// The signed result.
        public let result: ElectionResult
    }

    /// Exports `electionId` into the new folder `folder`, signing the result and the index with `issuingKey`.
    public static func export(election electionId: String, store: Store, issuingKey: SigningKey, folder: URL) throws -> Summary {
        let election = try store.election(electionId)
        guard election.state == .closed else {
            throw UsageError("the polls of '\(electionId)' are \(election.state.rawValue); the record is exported after 'buurtstem polls close'")
        }
        guard issuingKey.publicKey == (try store.issuingPublicKey()) else {
            throw UsageError("the issuing key given is not this gemeente's; pass the key file made by 'buurtstem init'")
        }
        guard let commitment = try election.commitment() else { throw UsageError("'\(electionId)' has no issued passes") }
        let outcome = try ElectionOutcome.compute(election: electionId, store: store)
        let (definition, heads, tally, allocations) = (outcome.definition, outcome.finalHeads, outcome.tally, outcome.allocations)

        let writer = try RecordWriter(folder: folder)
        try writer.write(DefinitionFile(definition: definition, manifestSignature: try Signature(bytes: [UInt8](election.manifestSignature))),
                         to: ElectionRecordFile.definition)
        try writer.write(commitment, to: ElectionRecordFile.commitment)
        try writer.writeLines(to: ElectionRecordFile.passes) { (emit: (PassLine) throws -> Void) in
            try store.read { db in
                let cursor = try Row.fetchCursor(db, sql: "SELECT publicKey, area, signature FROM pass WHERE electionId = ? ORDER BY publicKey",
                                                 arguments: [electionId])
                while let row = try cursor.next() {
                    try emit(PassLine(PassToken(election: electionId, area: row["area"], pass: try PublicKey(bytes: [UInt8](row["publicKey"] as Data)),
                                                signature: try Signature(bytes: [UInt8](row["signature"] as Data)))))
                }
            }
        }
        let kiosks = try store.kiosks(election: electionId)
        try writer.write(try kiosks.map { try $0.registration }, to: ElectionRecordFile.kiosks)
        for kiosk in kiosks {
            let log = KioskLog(store: store, election: electionId, kiosk: kiosk.name)
            try writer.writeLines(to: ElectionRecordFile.ballots(kiosk: kiosk.name)) { (emit: (BallotLine) throws -> Void) in
                try log.forEachBallot { try emit(BallotLine($0)) }
            }
            try writer.write(try log.checkpoints(), to: ElectionRecordFile.checkpoints(kiosk: kiosk.name))
        }
        let result = ElectionResult(
            election: electionId, definitionHash: definition.hash, issuedRoot: commitment.root, logs: heads,
            voids: tally.voids.map { .init(kiosk: $0.kiosk, sequence: $0.sequence, countedKiosk: $0.countedKiosk, countedSequence: $0.countedSequence) },
            contests: zip(tally.contests, allocations).map { count, allocation in
                ElectionResult.ContestResult(
                    area: count.area, passesIssued: count.passesIssued, ballotsCounted: UInt64(count.ballotsCounted),
                    projects: count.projects.map { .init(id: $0.id, ballots: UInt64($0.ballots), points: $0.points, funded: allocation.funded.contains($0.id)) },
                    fundedCostCents: allocation.fundedCostCents)
            },
            issuingKey: issuingKey)
        try writer.write(result, to: ElectionRecordFile.result)
        try writer.write(allocations, to: ElectionRecordFile.explanations)
        _ = try writer.finish(kind: "election", election: electionId, gemeente: try store.gemeente(), issuingKey: issuingKey)
        return Summary(folder: folder.path, files: writer.digests, result: result)
    }
}
