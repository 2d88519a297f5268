import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// `buurtstem cheques round publish --round ID --out DIR`: the pre-publication of a cheque round, made after the
/// issue and before the first redemption (docs/record.md, "Cheque round pre-publication").
///
/// A folder an observer keeps: `prepublication.json` (signed by the issuing key: the round's terms, the issued set's
/// count, total, root and ledger key, the cheques per buurt, the initiatives known now) and, so that it is
/// self-contained, `round.json`, `issued.json`, `issued-cheques.jsonl` and `initiatives.jsonl` exactly as in the
/// record. Its fingerprint goes on the cheque letters; `buurtstem-verify --pinned DIR` or `--fingerprint CODE` then
/// fails a record whose terms, issued set or initiatives differ from it. Made once: running it again writes the same
/// pre-publication, and no initiative can be added to the round after it.
public enum ChequeRoundPublication {
    /// What a publication wrote.
    public struct Summary: Sendable, Codable {
        /// The folder.
        public let folder: String
        /// The round.
        public let round: String
        /// The fingerprint to print on every cheque letter and the results site.
        public let fingerprint: String
        /// SHA-256 of the pre-publication's signed bytes, hex.
        public let hash: String
        /// When it was first made (ms since 1970 UTC).
        public let publishedAtMillis: Int64
        /// Cheques issued.
        public let cheques: UInt64
        /// Cheques per buurt.
        public let buurten: [ChequeRoundPrePublication.BuurtCount]
        /// The initiatives fixed, by id.
        public let initiatives: [UInt64]
        /// Print folders whose letters got the fingerprint.
        public let lettersStamped: [String]
        /// `true` when this run made it; `false` when it repeated the one made before.
        public let new: Bool
    }

    /// Publishes round `roundId` into the new folder `folder`, signing with `issuingKey`; `now` is the time stamped
    /// on a first publication. `printFolder`, the folder `buurtstem cheques issue` printed to, gets the fingerprint on
    /// every letter (``LetterFingerprint``); a print folder that cannot be stamped is refused before anything is
    /// published.
    public static func publish(round roundId: String, store: Store, issuingKey: SigningKey, folder: URL, printFolder: URL? = nil,
                               now: Int64 = Int64(Date().timeIntervalSince1970 * 1000)) throws -> Summary {
        let round = try store.chequeRound(roundId)
        guard let issuance = try store.chequeIssuance(roundId) else {
            throw BuurtstemError(.wrongState, "round \(roundId) is not issued yet; the pre-publication fixes the issued set, so issue it first",
                                 remedy: .issueCheques(round: roundId))
        }
        guard issuance.bindsRedemptions else {
            throw BuurtstemError(.wrongState, "round \(roundId) was issued before cheques had keys (format 1): its redemptions cannot be bound to the cheques' codes, "
                + "so a pre-publication would not protect them. Pre-publish the next round, issued with this version")
        }
        let gemeente = try store.gemeente()
        guard issuingKey.publicKey.bytes == [UInt8](gemeente.issuingPublicKey) else {
            throw BuurtstemError(.keys, "the issuing key given is not this gemeente's; use the key file made when the gemeente was initialised")
        }
        let letters = try printFolder.map(ChequePrintWriter.letters(in:))
        var isNew = false
        let made: ChequeRoundPrePublication, json: String
        if let stored = try store.chequePrePublication(round: roundId) {
            (made, json) = (stored.prePublication, stored.json)
        } else {
            (made, json) = try store.write { db in
                let redeemed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM chequeRedemption WHERE roundId = ?", arguments: [roundId]) ?? 0
                guard redeemed == 0 else {
                    throw BuurtstemError(.wrongState, "round \(roundId) already has \(redeemed) redemption\(redeemed == 1 ? "" : "s"): a pre-publication is made before "
                        + "the first cheque is redeemed, or it proves nothing about what was fixed before. Pre-publish the next round "
                        + "after its issue and before its first redemption")
                }
                let buurten = try Row.fetchAll(db, sql: "SELECT buurtCode, COUNT(*) AS n FROM cheque WHERE roundId = ? GROUP BY buurtCode",
                                               arguments: [roundId])
                    .map { ChequeRoundPrePublication.BuurtCount(buurt: $0["buurtCode"], issued: UInt64($0["n"] as Int64)) }
                let initiatives = try Initiative.filter(Column("roundId") == roundId).order(Column("id")).fetchAll(db).map {
                    ChequeRoundPrePublication.Initiative(
                        id: UInt64($0.id ?? 0), buurt: $0.buurtCode, title: $0.title, description: $0.description,
                        targetCents: UInt64($0.targetCents), deadline: $0.deadline, closesAtMillis: $0.closesAtMillis)
                }
                let prePublication = ChequeRoundPrePublication(
                    round: roundId, gemeente: gemeente.code,
                    terms: .init(snapshot: UInt64(round.snapshotId), scope: round.scope.rawValue, valueCents: UInt64(round.valueCents),
                                 issueDate: round.issueDate, validUntil: round.validUntil, validFromMillis: round.validFromMillis,
                                 expiresMillis: round.expiresMillis),
                    count: UInt64(issuance.chequeCount), totalCents: UInt64(issuance.totalCents), root: [UInt8](issuance.root),
                    ledgerPublicKey: try PublicKey(bytes: [UInt8](issuance.ledgerPublicKey)), issuedAtMillis: issuance.issuedAtMillis,
                    buurten: buurten, initiatives: initiatives, publishedAtMillis: now, issuingKey: issuingKey)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let json = String(decoding: try encoder.encode(prePublication), as: UTF8.self) + "\n"
                try db.execute(sql: "INSERT INTO chequePrePublication (roundId, json, fingerprint, publishedAtMillis) VALUES (?, ?, ?, ?)",
                               arguments: [roundId, json, prePublication.fingerprint, now])
                return (prePublication, json)
            }
            isNew = true
        }

        let staged = try StagedFolder(destination: folder)
        let files = ChequeRecordFiles(folder: staged.staging)
        try store.read { db in
            // The initiatives of the folder are those the pre-publication fixes: none can be added after it.
            _ = try ChequeRecordExport.writeOpening(round: round, gemeente: gemeente, db, to: files)
        }
        try files.file(ChequeRecordExport.prePublicationFile) { try $0.write(json) }
        try staged.commit()
        var stamped: [String] = []
        if let letters {
            try LetterFingerprint.stamp(made.fingerprint, in: letters)
            stamped.append(letters.folder.path)
        }
        return Summary(folder: folder.path, round: roundId, fingerprint: made.fingerprint, hash: Hex.encode(made.hash),
                       publishedAtMillis: made.publishedAtMillis, cheques: made.count, buurten: made.buurten,
                       initiatives: made.initiatives.map(\.id), lettersStamped: stamped, new: isNew)
    }
}

extension Store {
    /// The pre-publication of cheque round `round` and its JSON as published, if it was made.
    public func chequePrePublication(round: String) throws -> (prePublication: ChequeRoundPrePublication, json: String)? {
        guard let text = try read({ try String.fetchOne($0, sql: "SELECT json FROM chequePrePublication WHERE roundId = ?", arguments: [round]) })
        else { return nil }
        return (try JSONDecoder().decode(ChequeRoundPrePublication.self, from: Data(text.utf8)), text)
    }
}
