import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// The checks of a record's signed index (`record.json`), the same for an election and a cheque round: its format
/// and kind, its signature, the key that made it (when the observer pinned one), and the files it vouches for.
struct RecordIndexCheck {
    /// The index's `kind` this record must have, and how messages name such a record.
    let kind: String
    let recordName: String
    /// Whether a path inside the folder is a file this kind of record has (the index may list only these, and
    /// must list every one of these that is present).
    let isRecordFile: @Sendable (String) -> Bool

    /// Checks `index` (read from `record.json` in `folder`), reporting failures of `check`; `expectedKey` is the
    /// issuing key the observer pinned, if any.
    func run(_ index: RecordIndex, folder: URL, expectedKey: PublicKey?, check: String, report: ReportBuilder) {
        let name = ElectionRecordFile.index
        report.counted(check)
        if index.format != RecordIndex.formatName {
            report.fail(check, file: name, "format '\(index.format)' is not \(RecordIndex.formatName)")
        }
        if index.kind != kind {
            report.fail(check, file: name, "is the index of a record of kind '\(index.kind)', not of \(recordName) ('\(kind)')")
        }
        if !index.isValid {
            report.fail(check, file: name, "the index's signature does not match: record.json was altered or not signed by the key it names")
        }
        if let expectedKey, index.issuingPublicKey != expectedKey {
            report.fail(check, file: name, "is signed by issuing key \(index.issuingPublicKey.hex.prefix(16))..., not by \(expectedKey.hex.prefix(16))... given with --issuing-key: this is not the gemeente's record, or the wrong key was given")
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
        let digests = BatchPipeline.parallel(hashed.count) { [hashed] in Self.sha256(of: folder.appendingPathComponent(hashed[$0].name)) }
        for (file, digest) in zip(hashed, digests) {
            guard let digest else {
                report.fail(check, file: file.name, "is listed in record.json but missing")
                continue
            }
            if digest != file.sha256.bytes {
                report.fail(check, file: file.name, "its SHA-256 differs from the one record.json lists: the file was changed")
            }
        }
        for file in Self.files(in: folder) where file != name && isRecordFile(file) && !listed.contains(file) {
            report.fail(check, file: file, "is not listed in record.json: the signed index does not vouch for it")
        }
    }

    /// The SHA-256 of the file at `url`, read in chunks; nil if it cannot be read.
    static func sha256(of url: URL) -> [UInt8]? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256Hasher()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { hasher.update($0) }
        }
        return hasher.finalize()
    }

    /// Every regular file under `folder`, as a path relative to it with `/` between parts, sorted.
    static func files(in folder: URL) -> [String] {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [String] = []
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(path)
            }
        }
        return found.sorted()
    }
}

extension RecordIndexCheck {
    /// An election's record (docs/record.md, "Elections"): its fixed files and one ballots and checkpoints file
    /// per kiosk.
    static let election = RecordIndexCheck(kind: "election", recordName: "an election") { name in
        let fixed: Set<String> = [ElectionRecordFile.definition, ElectionRecordFile.commitment, ElectionRecordFile.passes,
                                  ElectionRecordFile.kiosks, ElectionRecordFile.result, ElectionRecordFile.explanations]
        if fixed.contains(name) { return true }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty else { return false }
        return (parts[0] == "ballots" && parts[1].hasSuffix(".jsonl") && parts[1].count > 6)
            || (parts[0] == "checkpoints" && parts[1].hasSuffix(".json") && parts[1].count > 5)
    }

    /// A cheque round's record (docs/record.md, "Cheque rounds"): its fixed files, the settlement once settled.
    static let chequeRound = RecordIndexCheck(kind: ChequeRecord.indexKind, recordName: "a cheque round") {
        ChequeRecord.indexed.contains($0)
    }
}
