import BuurtstemCrypto
import Foundation

/// "Verify it yourself": the hashes that fix a result, and the exact command an observer runs on the published
/// record.
package struct ReportVerification: Sendable, Codable, Equatable {
    /// One named hash or key, hex.
    package struct Value: Sendable, Codable, Equatable {
        /// What it is, in Dutch.
        package let label: String
        /// What it is, in English (the site's English page).
        package let english: String
        /// Hex.
        package let hex: String

        /// A value named in Dutch (`label`) and English.
        package init(label: String, english: String, hex: String) {
            self.label = label
            self.english = english
            self.hex = hex
        }
    }

    /// One file of the published record and its SHA-256.
    package struct FileDigest: Sendable, Codable, Equatable {
        /// Path inside the record folder.
        package let name: String
        /// SHA-256, hex.
        package let sha256: String
        /// Size in bytes.
        package let bytes: Int64
    }

    /// The values fixed in the store: definition hash, issued root, log heads, lot seed (elections) or the issued
    /// root and ledger head (cheque rounds); the record contains each.
    package let values: [Value]
    /// The record folder's name, when the report was made with `--record`.
    package let recordFolder: String?
    /// Every file of that record with its SHA-256 (empty without `--record`).
    package let files: [FileDigest]
    /// The command an observer runs on the downloaded record: it pins the gemeente's issuing key, so a record
    /// signed by anyone else fails, and the pre-publication's fingerprint when the election was pre-published.
    package let command: String
    /// The gemeente's issuing public key, hex: what residents pin in their own checks (`--issuing-key`).
    package let issuingKey: String

    /// The verification block; `issuingKey` is the gemeente's issuing public key, `record` the published record's
    /// folder, if known; `fingerprint` the pre-publication's (docs/record.md, "Pre-publication"), if one was made.
    package init(values: [Value], issuingKey: [UInt8], record: URL?, fingerprint: String? = nil) throws {
        self.values = values
        recordFolder = record?.lastPathComponent
        files = try record.map(Self.digests(of:)) ?? []
        self.issuingKey = Hex.encode(issuingKey)
        command = "buurtstem-verify " + (record?.lastPathComponent ?? "RECORD_FOLDER") + " --issuing-key " + self.issuingKey
            + (fingerprint.map { " --fingerprint \($0)" } ?? "")
    }

    /// SHA-256 of every file in `folder`, by path, streamed.
    static func digests(of folder: URL) throws -> [FileDigest] {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw BuurtstemError(.fileSystem, "the record \(folder.path) is not a folder: give the folder written by an election's or a cheque round's "
                + "record export")
        }
        guard let walker = manager.enumerator(atPath: folder.path) else {
            throw BuurtstemError(.fileSystem, "cannot read the record folder \(folder.path): check that you may read it")
        }
        var names: [String] = []
        while let name = walker.nextObject() as? String {
            var directory: ObjCBool = false
            if manager.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &directory), !directory.boolValue {
                names.append(name)
            }
        }
        return try names.sorted().map { name in
            guard let handle = FileHandle(forReadingAtPath: folder.appendingPathComponent(name).path) else {
                throw BuurtstemError(.fileSystem, "cannot read \(folder.appendingPathComponent(name).path) of the record: check that you may read it")
            }
            defer { try? handle.close() }
            var hasher = SHA256Hasher()
            var size: Int64 = 0
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                size += Int64(chunk.count)
                chunk.withUnsafeBytes { hasher.update($0) }
            }
            return FileDigest(name: name, sha256: Hex.encode(hasher.finalize()), bytes: size)
        }
    }
}
