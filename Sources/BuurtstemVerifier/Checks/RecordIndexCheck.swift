import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// The checks of a record's signed index (`record.json`), the same for an election and a cheque round: its format
/// and kind, its signature, the key that made it (when the observer pinned one), and the files it vouches for.
struct RecordIndexCheck {
    /// The index's `kind` this record must have.
    let kind: String
    /// How messages name such a record ("an election").
    let recordName: String
    /// The index formats this kind of record may have.
    var formats: Set<String> = [RecordIndex.formatName]
    /// The record's subfolders (they must be real folders, not links to elsewhere).
    let folders: Set<String>
    /// Whether a path inside the folder is a file this kind of record has (the index may list only these, and
    /// must list every one of these that is present).
    let isRecordFile: @Sendable (String) -> Bool

    /// What reading one listed file gave.
    enum Content {
        case digest([UInt8])
        case missing
        /// Present but not something to hash: why, for the report.
        case unusable(String)
    }

    /// Checks `index` (read from `record.json` in `folder`), reporting failures of `check`; `expectedKey` is the
    /// issuing key the observer pinned, if any.
    func run(_ index: RecordIndex, folder: URL, expectedKey: PublicKey?, check: String, report: ReportBuilder) {
        let name = ElectionRecordFile.index
        report.counted(check)
        if !formats.contains(index.format) {
            report.fail(check, file: name, "format '\(index.format)' is not \(formats.sorted().joined(separator: " or ")): this verifier does not know it")
        }
        if index.kind != kind {
            report.fail(check, file: name, "is the index of a record of kind '\(index.kind)', not of \(recordName) ('\(kind)')")
        }
        if !index.isValid {
            report.fail(check, file: name, "the index's signature does not match: record.json was altered or not signed by the key it names")
        }
        if let expectedKey, index.issuingPublicKey != expectedKey {
            report.fail(check, file: name, "names issuing key \(index.issuingPublicKey.hex.prefix(16))..., not \(expectedKey.hex.prefix(16))... given with --issuing-key: this is not the gemeente's record, or the wrong key was given")
        }
        // Names first (cheap, in order), then the digests of the distinct record files on all cores.
        var listed = Set<String>()
        var hashed: [RecordIndex.FileDigest] = []
        for file in index.files {
            report.counted(check)
            guard listed.insert(file.name).inserted else {
                report.fail(check, file: name, "lists \(file.name) twice")
                continue
            }
            guard isRecordFile(file.name) else {
                report.fail(check, file: name, "lists '\(file.name)', which is no file of \(recordName) record")
                continue
            }
            hashed.append(file)
        }
        let contents = ParallelMap.each(hashed.count) { [hashed] in Self.content(of: folder.appendingPathComponent(hashed[$0].name)) }
        for (file, content) in zip(hashed, contents) {
            switch content {
            case .missing:
                report.fail(check, file: file.name, "is listed in record.json but missing")
            case .unusable(let why):
                report.fail(check, file: file.name, why)
            case .digest(let digest) where digest != file.sha256.bytes:
                report.fail(check, file: file.name, "its SHA-256 differs from the one record.json lists: the file was changed")
            case .digest:
                break
            }
        }
        let present = Self.entries(in: folder)
        for link in present.links where folders.contains(link) || isRecordFile(link) {
            report.fail(check, file: link, "is a symbolic link: a record holds its own files and folders, so that what is checked is what is published")
        }
        for file in present.files where file != name && isRecordFile(file) && !listed.contains(file) {
            report.fail(check, file: file, "is not listed in record.json: the signed index does not vouch for it")
        }
        // In a record's own folders (ballots/, checkpoints/) every file is one of its kiosks' (hidden files such as
        // a desktop's .DS_Store aside): a file named after no possible kiosk is refused, not silently skipped.
        for file in present.files where !isRecordFile(file) {
            let parts = file.split(separator: "/")
            guard parts.count >= 2, folders.contains(String(parts[0])), parts.last?.hasPrefix(".") == false else { continue }
            report.fail(check, file: file, "is in \(parts[0])/ but is not a kiosk's file (NAME\(parts[0] == "ballots" ? ".jsonl" : ".json") with NAME "
                + "1 to 64 letters, digits, '-' and '_'): remove it, or publish the record as exported")
        }
    }

    /// The SHA-256 of the plain file at `url`, read in chunks; or why there is none. A link or a folder is not
    /// followed: what is hashed must be the record's own file.
    static func content(of url: URL) -> Content {
        let type: FileAttributeType?
        do {
            type = try FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType
        } catch {
            return .missing
        }
        switch type {
        case .typeRegular?: break
        case .typeSymbolicLink?: return .unusable("is a symbolic link, not a file: a record holds its own files, so that what is checked is what is published")
        case .typeDirectory?: return .unusable("is a folder, not a file")
        default: return .unusable("is not a plain file")
        }
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            var hasher = SHA256Hasher()
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                chunk.withUnsafeBytes { hasher.update($0) }
            }
            return .digest(hasher.finalize())
        } catch {
            return .unusable("cannot be read: \(error.localizedDescription); check that you may read it")
        }
    }

    /// The plain files and the symbolic links under `folder` (links are listed, not followed), as paths relative
    /// to it with `/` between parts, sorted.
    static func entries(in folder: URL) -> (files: [String], links: [String]) {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return ([], []) }
        var files: [String] = [], links: [String] = []
        while let path = walker.nextObject() as? String {
            switch walker.fileAttributes?[.type] as? FileAttributeType {
            case .typeRegular?: files.append(path)
            case .typeSymbolicLink?: links.append(path)
            default: break
            }
        }
        return (files.sorted(), links.sorted())
    }
}

extension RecordIndexCheck {
    /// An election's record (docs/record.md, "Elections"): its fixed files and one ballots and checkpoints file
    /// per kiosk (whether that kiosk is registered is checked with kiosks.json, ``kioskName(of:)``).
    static let election = RecordIndexCheck(
        kind: "election", recordName: "an election", formats: [RecordIndex.formatName, RecordIndex.formatNameBound],
        folders: ["ballots", "checkpoints", "pabulib"]
    ) { name in
        let fixed: Set<String> = [ElectionRecordFile.definition, ElectionRecordFile.commitment, ElectionRecordFile.passes,
                                  ElectionRecordFile.kiosks, ElectionRecordFile.result, ElectionRecordFile.explanations,
                                  ElectionRecordFile.prePublication, ElectionRecordFile.replacements]
        return fixed.contains(name) || kioskName(of: name) != nil || pabulibArea(of: name) != nil
    }

    /// The contest area of `pabulib/AREA.pb` (AREA a kiosk-like name, so the path stays inside the folder).
    static func pabulibArea(of path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "pabulib", parts[1].hasSuffix(".pb") else { return nil }
        let area = String(parts[1].dropLast(3))
        return isKioskName(area) ? area : nil
    }

    /// The kiosk a per-kiosk file of an election record belongs to: `NAME` of `ballots/NAME.jsonl` or
    /// `checkpoints/NAME.json` when NAME is a valid kiosk name; nil for any other path.
    static func kioskName(of path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let suffix = parts[0] == "ballots" ? ".jsonl" : parts[0] == "checkpoints" ? ".json" : nil
        guard let suffix, parts[1].hasSuffix(suffix) else { return nil }
        let name = String(parts[1].dropLast(suffix.count))
        return isKioskName(name) ? name : nil
    }

    /// A kiosk name as docs/record.md allows it: 1 to 64 ASCII letters, digits, `-` and `_` (so a file named after
    /// it stays inside the record's folder).
    static func isKioskName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }

    /// A cheque round's record (docs/record.md, "Cheque rounds"): its fixed files, the settlement once settled.
    static let chequeRound = RecordIndexCheck(kind: ChequeRecord.indexKind, recordName: "a cheque round", folders: []) {
        ChequeRecord.indexed.contains($0)
    }
}

extension RecordIndexCheck {
    /// A gemeente's proposals record (docs/record.md, "Proposals"): its four fixed files.
    static let proposals = RecordIndexCheck(kind: ProposalRecordFile.indexKind, recordName: "a proposals", folders: []) {
        ProposalRecordFile.indexed.contains($0)
    }
}
