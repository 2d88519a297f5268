import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// `buurtstem election publish --election ID --out DIR`: the pre-publication of an election, made after the passes
/// are issued and the kiosks added, before the polls open (docs/record.md, "Pre-publication").
///
/// A folder an observer keeps: `prepublication.json` (signed by the issuing key: the definition hash, the pass
/// commitment with the eligible households or residents per area next to the passes issued, the kiosks' keys) and,
/// so that it is self-contained, the signed definition, the commitment, the issued passes and the kiosk
/// registrations as in the record. Its fingerprint goes on the letters; `buurtstem-verify --pinned DIR` or
/// `--fingerprint CODE` then fails a record that differs from it. Made once: running it again writes the same
/// pre-publication (same bytes, same fingerprint), and kiosks cannot be added after it.
public enum ElectionPublication {
    /// What a publication wrote.
    public struct Summary: Sendable, Codable {
        /// The folder.
        public let folder: String
        /// The election.
        public let election: String
        /// The fingerprint to print on letters, the kiosk's start screen and the results site.
        public let fingerprint: String
        /// SHA-256 of the pre-publication's signed bytes, hex.
        public let hash: String
        /// When it was first made (ms since 1970 UTC).
        public let publishedAtMillis: Int64
        /// Per area: eligible in the register snapshot, passes issued.
        public let areas: [PrePublication.AreaCount]
        /// The kiosks' names.
        public let kiosks: [String]
        /// `true` when this run made it; `false` when it repeated the one made before.
        public let new: Bool
        /// The print folders whose letters now show the fingerprint.
        public let lettersStamped: [String]
    }

    /// Publishes `electionId` into the new folder `folder`, signing with `issuingKey`; `now` is the time stamped on a
    /// first publication. `printFolder`, the folder `buurtstem stempas issue` printed to, gets the fingerprint on
    /// every letter (``LetterFingerprint``); a print folder that cannot be stamped is refused before anything is
    /// published or stored.
    public static func publish(election electionId: String, store: Store, issuingKey: SigningKey, folder: URL, printFolder: URL? = nil,
                               now: Int64 = Int64(Date().timeIntervalSince1970 * 1000)) throws -> Summary {
        let election = try store.election(electionId)
        switch election.state {
        case .created:
            throw BuurtstemError(.wrongState, "the passes of '\(electionId)' have not been issued; the pre-publication fixes them, so issue them first",
                                 remedy: .issuePasses(election: electionId))
        case .open, .closed:
            throw BuurtstemError(.wrongState, "the polls of '\(electionId)' are already \(election.state.rawValue): a pre-publication is made before the polls open, "
                + "or it proves nothing about what was fixed before the vote. Publish the next election before its polls open")
        case .issued:
            break
        }
        guard issuingKey.publicKey == (try store.issuingPublicKey()) else {
            throw BuurtstemError(.keys, "the issuing key given is not this gemeente's; use the key file made when the gemeente was initialised")
        }
        let definition = try election.decodedDefinition()
        guard let commitment = try election.commitment() else { throw BuurtstemError(.notFound, "'\(electionId)' has no issued passes") }
        let kiosks = try store.kiosks(election: electionId)
        guard !kiosks.isEmpty else {
            throw BuurtstemError(.notFound, "'\(electionId)' has no kiosk; the pre-publication fixes the kiosks' keys, so add them first",
                                 remedy: .addKiosk(election: electionId))
        }
        let letters = try printFolder.map { try LetterFingerprint.letters(in: $0, prefix: "stempassen-", incompleteMarker: nil) }
        var isNew = false
        let prePublication: PrePublication, json: [UInt8]
        if let stored = try store.prePublication(election: electionId) {
            (prePublication, json) = stored
        } else {
            let eligible = try store.eligibleCounts(definition)
            let made = PrePublication(
                election: electionId, gemeente: definition.gemeente, definitionHash: definition.hash, total: commitment.total,
                root: commitment.root,
                areas: commitment.areas.map { .init(area: $0.area, eligible: eligible[$0.area] ?? 0, issued: $0.count) },
                kiosks: try kiosks.map { .init(name: $0.name, publicKey: try PublicKey(bytes: [UInt8]($0.publicKey))) },
                publishedAtMillis: now, issuingKey: issuingKey)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let bytes = [UInt8](try encoder.encode(made)) + [UInt8(ascii: "\n")]
            try store.write { db in
                try db.execute(sql: "INSERT INTO prePublication (electionId, json, fingerprint, publishedAtMillis) VALUES (?, ?, ?, ?)",
                               arguments: [electionId, String(decoding: bytes, as: UTF8.self), made.fingerprint, now])
            }
            (prePublication, json, isNew) = (made, bytes, true)
        }

        let writer = try RecordWriter(folder: folder)
        try writer.write(DefinitionFile(definition: definition, manifestSignature: try Signature(bytes: [UInt8](election.manifestSignature))),
                         to: ElectionRecordFile.definition)
        try writer.write(commitment, to: ElectionRecordFile.commitment)
        try ElectionRecordExport.writePasses(election: electionId, store: store, to: writer)
        try writer.write(try kiosks.map { try $0.registration }, to: ElectionRecordFile.kiosks)
        try writer.write(bytes: json, to: ElectionRecordFile.prePublication)
        try writer.commit()
        if let letters { try LetterFingerprint.stamp(prePublication.fingerprint, in: letters) }
        return Summary(folder: folder.path, election: electionId, fingerprint: prePublication.fingerprint,
                       hash: Hex.encode(prePublication.hash), publishedAtMillis: prePublication.publishedAtMillis,
                       areas: prePublication.areas, kiosks: prePublication.kiosks.map(\.name), new: isNew,
                       lettersStamped: printFolder.map { [$0.path] } ?? [])
    }
}

extension Store {
    /// The pre-publication of `election` and its JSON as published, if it was made.
    public func prePublication(election: String) throws -> (prePublication: PrePublication, json: [UInt8])? {
        guard let text = try read({ try String.fetchOne($0, sql: "SELECT json FROM prePublication WHERE electionId = ?", arguments: [election]) })
        else { return nil }
        let bytes = [UInt8](text.utf8)
        return (try JSONDecoder().decode(PrePublication.self, from: Data(bytes)), bytes)
    }

    /// Per contest area of `definition`: the households (or eligible residents, as the definition says) of its
    /// register snapshot who live there, by the rule pass issuance uses (the gemeente's contest, else the wijk's).
    func eligibleCounts(_ definition: ElectionDefinition) throws -> [String: UInt64] {
        let contestAreas = Set(definition.contests.map(\.area))
        let rows = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT b.wijkCode, COUNT(*) AS households, SUM(h.eligible) AS eligible FROM household h JOIN buurt b ON b.code = h.buurtCode
                WHERE h.snapshotId = ? GROUP BY b.wijkCode
                """, arguments: [definition.registerSnapshot])
        }
        var counts: [String: UInt64] = [:]
        for row in rows {
            let wijk: String = row["wijkCode"]
            let area = contestAreas.contains(definition.gemeente) ? definition.gemeente : wijk
            guard contestAreas.contains(area) else { continue }
            let count: Int64 = switch definition.eligibility {
            case .household: row["households"]
            case .resident: row["eligible"] ?? 0
            }
            counts[area, default: 0] += UInt64(max(0, count))
        }
        return counts
    }
}
