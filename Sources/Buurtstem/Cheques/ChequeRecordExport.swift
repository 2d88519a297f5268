import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// `buurtstem cheques export`: a round's published record, as docs/record.md ("Cheque rounds") defines it.
///
/// Lists (issued cheques, ledger) are streamed from the store line by line, never held whole in memory. The
/// initiators' contacts are never written. Every file is hashed as it is written, and `record.json`, the index of
/// the files' SHA-256 digests signed by the gemeente's issuing key (kind `cheque-round`), is written last: it makes
/// the whole record, also the parts no other signature covers before settlement, the gemeente's signed word.
public enum ChequeRecordExport {
    /// What was exported.
    public struct Summary: Sendable, Codable, Equatable {
        /// The folder.
        public let folder: String
        /// The files written, by name.
        public let files: [String]
        /// Issued cheques listed.
        public let issued: Int64
        /// Ledger entries listed.
        public let ledgerEntries: Int64
        /// Checkpoints listed.
        public let checkpoints: Int
        /// Whether the settlement is included.
        public let settled: Bool
    }

    /// The signed index of the files' digests, written last.
    public static let indexFile = "record.json"

    /// The record's format name and version, in `round.json`, of a round issued before cheque keys (format 1).
    public static let format = "buurtstem-cheque-round/1"
    /// The format of a round whose cheques have keys and whose redemptions they sign (issue 15).
    public static let formatBound = "buurtstem-cheque-round/2"

    /// The index's `kind` for a cheque round (docs/record.md, "Cheque rounds").
    public static let indexKind = "cheque-round"

    /// The settlement's file, once settled: the issuing key's signed account of the round.
    public static let settlementFile = "settlement.json"

    /// The pre-publication's file, in the pre-publication folder and in the record of a pre-published round.
    public static let prePublicationFile = "prepublication.json"

    /// Writes round `roundId`'s record into `folder` (new or empty), its index signed by `issuingKey` (the
    /// gemeente's, as the store names it). The round must be issued.
    public static func export(round roundId: String, from store: Store, to folder: URL, issuingKey: SigningKey) throws -> Summary {
        let round = try store.chequeRound(roundId)
        guard try store.chequeIssuance(roundId) != nil else {
            throw BuurtstemError(.wrongState, "round \(roundId) is not issued yet; its record starts with the issued set")
        }
        guard [UInt8](try store.gemeente().issuingPublicKey) == issuingKey.publicKey.bytes else {
            throw BuurtstemError(.keys, "the key given is not this gemeente's issuing key; the record's index must be signed with the key round.json names")
        }
        // Written under a hidden name and moved into place when complete: never a half record at `folder`.
        let staged = try StagedFolder(destination: folder)
        let files = ChequeRecordFiles(folder: staged.staging)
        // One read transaction: every file shows the same moment of the store.
        return try store.read { db in
            let gemeente = try Gemeente.fetchOne(db)!
            let settlement = try ChequeSettlement.fetchOne(db, key: roundId)
            let issued = try writeOpening(round: round, gemeente: gemeente, db, to: files)
            var entries: Int64 = 0
            try files.file("ledger.jsonl") { output in
                let rows = try Redemption.filter(Column("roundId") == roundId).order(Column("sequence")).fetchCursor(db)
                while let entry = try rows.next() {
                    // Keys in name order; hex and numbers need no JSON escaping, so written by hand for speed.
                    try output.write("{\"channel\":\"\(entry.channel.rawValue)\","
                        + (entry.chequePublicKey.map { "\"cheque_key\":\"\(Hex.encode($0))\"," } ?? "")
                        + "\"code_hash\":\"\(Hex.encode(entry.codeHash))\","
                        + "\"initiative\":\(entry.initiativeId),\"leaf_hash\":\"\(Hex.encode(entry.leafHash))\","
                        + "\"sequence\":\(entry.sequence),"
                        + (entry.signature.map { "\"signature\":\"\(Hex.encode($0))\"," } ?? "")
                        + "\"time_ms\":\(entry.timeMillis),\"value_cents\":\(entry.valueCents)}\n")
                    entries += 1
                }
            }
            let checkpoints = try ChequeCheckpoint.filter(Column("roundId") == roundId).order(Column("id")).fetchAll(db)
            try files.file("checkpoints.jsonl") { output in
                let plain = JSONEncoder()
                plain.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                for checkpoint in checkpoints {
                    try output.write(String(decoding: try plain.encode(try checkpoint.checkpoint()), as: UTF8.self) + "\n")
                }
            }
            if let json = try String.fetchOne(db, sql: "SELECT json FROM chequePrePublication WHERE roundId = ?", arguments: [roundId]) {
                try files.file(prePublicationFile) { try $0.write(json) }
            }
            if let settlement {
                let lines = try ChequeSettlementLine.filter(Column("roundId") == roundId).order(Column("initiativeId")).fetchAll(db)
                try files.file(settlementFile) { try $0.write(files.line(ChequeSettlementFile(settlement, lines: lines))) }
            }
            let index = RecordIndex(kind: indexKind, election: roundId, gemeente: gemeente.code, gemeenteName: gemeente.name,
                                    files: files.digests, issuingKey: issuingKey)
            let indexEncoder = JSONEncoder()
            indexEncoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try files.file(indexFile) { try $0.write(String(decoding: try indexEncoder.encode(index), as: UTF8.self) + "\n") }
            try staged.commit()
            return Summary(folder: folder.path, files: files.names, issued: issued, ledgerEntries: entries,
                           checkpoints: checkpoints.count, settled: settlement != nil)
        }
    }

    /// Writes the files a round has from its issue on, which its record and its pre-publication share byte for
    /// byte: `round.json`, `issued.json`, `issued-cheques.jsonl` (streamed) and `initiatives.jsonl`. Returns the
    /// number of issued cheques listed.
    static func writeOpening(round: ChequeRound, gemeente: Gemeente, _ db: Database, to files: ChequeRecordFiles) throws -> Int64 {
        let roundId = round.id
        let issuance = try ChequeIssuance.fetchOne(db, key: roundId)!
        let buurten = try Row.fetchAll(db, sql: """
            SELECT b.code, b.name, b.wijkCode, w.name AS wijkName FROM buurt b JOIN wijk w ON w.code = b.wijkCode ORDER BY b.code
            """).map { RoundFile.Area(code: $0["code"], name: $0["name"], wijk: $0["wijkCode"], wijkName: $0["wijkName"]) }
        try files.file("round.json") {
            try $0.write(files.line(RoundFile(
                format: issuance.bindsRedemptions ? formatBound : format, gemeenteCode: gemeente.code, gemeenteName: gemeente.name,
                issuingPublicKey: gemeente.issuingPublicKey, roundId: round.id, snapshot: round.snapshotId,
                scope: round.scope.rawValue, valueCents: round.valueCents, issueDate: round.issueDate,
                validUntil: round.validUntil, validFromMs: round.validFromMillis, expiresMs: round.expiresMillis,
                ledgerLogId: round.ledgerLogId, buurten: buurten)))
        }
        try files.file("issued.json") {
            try $0.write(files.line(IssuedFile(
                roundId: roundId, count: issuance.chequeCount, totalCents: issuance.totalCents, root: issuance.root,
                ledgerPublicKey: issuance.ledgerPublicKey, issuedAtMs: issuance.issuedAtMillis,
                signer: issuance.issuerPublicKey, signature: issuance.signature)))
        }
        var issued: Int64 = 0
        try files.file("issued-cheques.jsonl") { output in
            let rows = try Row.fetchCursor(db, sql: "SELECT codeHash, buurtCode, publicKey FROM cheque WHERE roundId = ? ORDER BY codeHash",
                                           arguments: [roundId])
            while let row = try rows.next() {
                // Hex and CBS codes need no JSON escaping; written by hand for speed on large rounds.
                let key = (row["publicKey"] as Data?).map { "\"cheque_key\":\"\(Hex.encode($0))\"," } ?? ""
                try output.write("{\"buurt\":\"\(row["buurtCode"] as String)\",\(key)\"code_hash\":\"\(Hex.encode(row["codeHash"] as Data))\"}\n")
                issued += 1
            }
        }
        try files.file("initiatives.jsonl") { output in
            for initiative in try Initiative.filter(Column("roundId") == roundId).order(Column("id")).fetchAll(db) {
                try output.write(files.line(InitiativeLine(
                    id: initiative.id ?? 0, buurt: initiative.buurtCode, title: initiative.title,
                    description: initiative.description, targetCents: initiative.targetCents,
                    deadline: initiative.deadline, closesAtMs: initiative.closesAtMillis)))
            }
        }
        return issued
    }
}

// The files' shapes; field names become snake_case keys (docs/record.md).

private struct RoundFile: Encodable {
    struct Area: Encodable {
        let code: String
        let name: String
        let wijk: String
        let wijkName: String
    }

    let format: String
    let gemeenteCode: String
    let gemeenteName: String
    let issuingPublicKey: Data
    let roundId: String
    let snapshot: Int64
    let scope: String
    let valueCents: Int64
    let issueDate: String
    let validUntil: String
    let validFromMs: Int64
    let expiresMs: Int64
    let ledgerLogId: String
    let buurten: [Area]
}

private struct IssuedFile: Encodable {
    let roundId: String
    let count: Int64
    let totalCents: Int64
    let root: Data
    let ledgerPublicKey: Data
    let issuedAtMs: Int64
    let signer: Data
    let signature: Data
}

private struct InitiativeLine: Encodable {
    let id: Int64
    let buurt: String
    let title: String
    let description: String
    let targetCents: Int64
    let deadline: String
    let closesAtMs: Int64
}

/// `settlement.json`, as the export writes it and a report reads it back (docs/record.md, "Cheque rounds").
struct ChequeSettlementFile: Codable, Equatable {
    struct Line: Codable, Equatable {
        let id: Int64
        let cheques: Int64
        let collectedCents: Int64
        let funded: Bool
        let fundedCents: Int64
    }

    let roundId: String
    let settledAtMs: Int64
    let ledgerSize: Int64
    let ledgerRoot: HexBytes
    let issuedCents: Int64
    let redeemedCents: Int64
    let fundedCents: Int64
    let returnedCents: Int64
    let unredeemedCents: Int64
    let initiatives: [Line]
    let signer: HexBytes
    let signature: HexBytes

    /// The file of stored `settlement` with its `lines`, by initiative id.
    init(_ settlement: ChequeSettlement, lines: [ChequeSettlementLine]) {
        roundId = settlement.roundId
        settledAtMs = settlement.settledAtMillis
        ledgerSize = settlement.ledgerSize
        ledgerRoot = HexBytes([UInt8](settlement.ledgerRoot))
        issuedCents = settlement.issuedCents
        redeemedCents = settlement.redeemedCents
        fundedCents = settlement.fundedCents
        returnedCents = settlement.returnedCents
        unredeemedCents = settlement.unredeemedCents
        initiatives = lines.map {
            Line(id: $0.initiativeId, cheques: $0.cheques, collectedCents: $0.collectedCents, funded: $0.funded, fundedCents: $0.fundedCents)
        }
        signer = HexBytes([UInt8](settlement.signer))
        signature = HexBytes([UInt8](settlement.signature))
    }

    /// The decoder of the file: keys are snake_case.
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    /// Whether `signature` is `issuer`'s over this file's amounts for the round of issued set `issuedRoot`, whose
    /// initiatives (by id) are `initiatives`: false also when a line names no initiative of them, or one is left out.
    func isSigned(by issuer: PublicKey, issuedRoot: [UInt8], initiatives records: [Initiative]) -> Bool {
        guard signer.bytes == issuer.bytes, initiatives.map(\.id) == records.map({ $0.id ?? 0 }) else { return false }
        let settlement = ChequeSettlement(
            roundId: roundId, settledAtMillis: settledAtMs, ledgerSize: ledgerSize, ledgerRoot: Data(ledgerRoot.bytes),
            issuedCents: issuedCents, redeemedCents: redeemedCents, fundedCents: fundedCents, returnedCents: returnedCents,
            unredeemedCents: unredeemedCents, signer: Data(signer.bytes), signature: Data(signature.bytes))
        return settlement.isValid(issuedRoot: issuedRoot, lines: zip(records, initiatives).map { record, line in
            (record, ChequeSettlementLine(roundId: roundId, initiativeId: line.id, cheques: line.cheques, collectedCents: line.collectedCents,
                                          funded: line.funded, fundedCents: line.fundedCents))
        })
    }
}
