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
            throw BuurtstemError(.wrongState, "the polls of '\(electionId)' are \(election.state.rawValue); the record is exported after the polls close",
                                 remedy: .closePolls(election: electionId, kiosk: nil))
        }
        guard issuingKey.publicKey == (try store.issuingPublicKey()) else {
            throw BuurtstemError(.keys, "the issuing key given is not this gemeente's; use the key file made when the gemeente was initialised")
        }
        guard let commitment = try election.commitment() else { throw BuurtstemError(.notFound, "'\(electionId)' has no issued passes") }
        let outcome = try ElectionOutcome.compute(election: electionId, store: store)
        let (definition, heads, allocations) = (outcome.definition, outcome.finalHeads, outcome.allocations)

        let format = try recordFormat(election: electionId, store: store)
        let writer = try RecordWriter(folder: folder)
        try writer.write(DefinitionFile(definition: definition, manifestSignature: try Signature(bytes: [UInt8](election.manifestSignature))),
                         to: ElectionRecordFile.definition)
        try writer.write(commitment, to: ElectionRecordFile.commitment)
        try writePasses(election: electionId, store: store, to: writer)
        let kiosks = try store.kiosks(election: electionId)
        try writer.write(try kiosks.map { try $0.registration }, to: ElectionRecordFile.kiosks)
        let replacements = try store.passReplacements(definition)
        if !replacements.isEmpty {
            try writer.write(PassReplacements(election: electionId, definitionHash: definition.hash, entries: replacements, issuingKey: issuingKey),
                             to: ElectionRecordFile.replacements)
        }
        let secret = definition.isSecret ? try SecretElection(electionId, store: store) : nil
        for kiosk in kiosks {
            let log = KioskLog(store: store, election: electionId, kiosk: kiosk.name)
            if let secret {
                // Ciphertexts, proofs and signatures only: no choices, no time (docs/record.md, "Secret elections").
                let ballots = try secret.ballots(kiosk: kiosk.name)
                try writer.writeLines(to: ElectionRecordFile.ballots(kiosk: kiosk.name)) { (emit: (EncryptedBallotLine) throws -> Void) in
                    for ballot in ballots { try emit(EncryptedBallotLine(ballot)) }
                }
            } else {
                try writer.writeLines(to: ElectionRecordFile.ballots(kiosk: kiosk.name)) { (emit: (BallotLine) throws -> Void) in
                    try log.forEachBallot { try emit(BallotLine($0)) }
                }
            }
            try writer.write(try log.checkpoints(), to: ElectionRecordFile.checkpoints(kiosk: kiosk.name))
        }
        if let secret { try writeSecretFiles(secret, to: writer) }
        let result = ElectionResult(
            election: electionId, definitionHash: definition.hash, issuedRoot: commitment.root, logs: heads,
            voids: outcome.resultVoids, contests: outcome.resultContests, issuingKey: issuingKey)
        try writer.write(result, to: ElectionRecordFile.result)
        try writer.write(allocations, to: ElectionRecordFile.explanations)
        let gemeente = try store.gemeente()
        for file in ElectionPabulibExport.files(outcome, gemeenteName: gemeente.name) {
            try writer.write(bytes: PabulibWriter().bytes(file.instance), to: ElectionRecordFile.pabulib(area: file.area))
        }
        // A record of format 2 names the pre-publication its ballots and files are bound to (when one was made).
        if format != RecordIndex.formatName, let published = try store.prePublication(election: electionId) {
            try writer.write(bytes: published.json, to: ElectionRecordFile.prePublication)
        }
        _ = try writer.finish(format: format, kind: "election", election: electionId, gemeente: gemeente, issuingKey: issuingKey)
        return Summary(folder: folder.path, files: writer.digests, result: result)
    }

    /// A secret election's own files: the election key file, every mix stage, the decryption shares combined and
    /// the decoded ballots.
    static func writeSecretFiles(_ secret: SecretElection, to writer: RecordWriter) throws {
        try writer.write(bytes: secret.keyFile, to: ElectionRecordFile.electionKey)
        let stages = try secret.stages()
        for stage in stages { try writer.write(stage, to: ElectionRecordFile.mixStage(stage.stage)) }
        if let last = stages.last {
            for shares in try secret.storedShares(stage: last.stage) {
                try writer.write(shares, to: ElectionRecordFile.decryptionShares(trustee: shares.trustee))
            }
        }
        let decoded = try secret.decoded()
        try writer.writeLines(to: ElectionRecordFile.decoded) { (emit: (DecodedBallotLine) throws -> Void) in
            for line in decoded { try emit(line) }
        }
    }

    /// Writes `passes.jsonl`: every issued pass of `electionId`, in order of public key (streamed from the store).
    static func writePasses(election electionId: String, store: Store, to writer: RecordWriter) throws {
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
    }

    /// The record format of `electionId`'s ballots: 2 when every ballot signs the definition hash (v2, as the engine
    /// casts now; also with no ballots), 1 when every ballot is v1 (cast before the upgrade). A log with both cannot
    /// be written in either format.
    static func recordFormat(election electionId: String, store: Store) throws -> String {
        let versions = try store.read { try Int64.fetchAll($0, sql: "SELECT DISTINCT version FROM ballot WHERE electionId = ? ORDER BY version", arguments: [electionId]) }
        switch versions {
        case [3]: return RecordIndex.formatNameSecret
        case [], [2]: return try store.election(electionId).decodedDefinition().isSecret ? RecordIndex.formatNameSecret : RecordIndex.formatNameBound
        case [1]: return RecordIndex.formatName
        default:
            throw BuurtstemError(.wrongState, "'\(electionId)' has ballots of two versions (cast before and after the upgrade to definition-bound ballots); "
                + "no record format holds both. Export it with the version of Buurtstem that opened its polls")
        }
    }
}
