import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// Writes the files of a published record into a new folder, hashing each as it goes, so the index can list
/// every file's SHA-256 without reading anything twice. Large files are written line by line. The folder appears
/// only when the signed index is written (``StagedFolder``).
final class RecordWriter {
    /// Where the files are written until ``finish(kind:election:gemeente:issuingKey:)`` moves them into place.
    let folder: URL
    private let staged: StagedFolder
    private(set) var digests: [RecordIndex.FileDigest] = []
    private let encoder: JSONEncoder
    private let lineEncoder: JSONEncoder

    /// A writer for a record in `destination`, which must not exist or be empty.
    init(folder destination: URL) throws {
        staged = try StagedFolder(destination: destination)
        folder = staged.staging
        encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        lineEncoder = JSONEncoder()
        lineEncoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// Writes `value` as pretty JSON to `name`.
    func write<T: Encodable>(_ value: T, to name: String) throws {
        var bytes = try encoder.encode(value)
        bytes.append(UInt8(ascii: "\n"))
        try store([UInt8](bytes), name: name)
    }

    /// Writes one JSON object per line to `name`, from `produce`, which calls its argument once per value.
    func writeLines<T: Encodable>(to name: String, _ produce: ((T) throws -> Void) throws -> Void) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var hasher = SHA256Hasher()
        var buffer = Data()
        func flush() throws {
            buffer.withUnsafeBytes { hasher.update($0) }
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        try produce { value in
            buffer.append(try lineEncoder.encode(value))
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count > 1 << 20 { try flush() }
        }
        try flush()
        try handle.synchronize()
        digests.append(RecordIndex.FileDigest(name: name, sha256: hasher.finalize()))
    }

    /// Writes `bytes` as they are to `name` (a file whose exact bytes were kept, like a pre-publication).
    func write(bytes: [UInt8], to name: String) throws {
        try store(bytes, name: name)
    }

    /// Moves the files written into place without an index: for a folder signed as a whole by one of its files
    /// (a pre-publication).
    func commit() throws {
        try staged.commit()
    }

    /// Writes `bytes` to `name` and records its digest.
    private func store(_ bytes: [UInt8], name: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        digests.append(RecordIndex.FileDigest(name: name, sha256: SHA.sha256(bytes)))
    }

    /// Writes the signed index over every file written so far and moves the finished record into place.
    func finish(format: String = RecordIndex.formatName, kind: String, election: String, gemeente: Gemeente,
                issuingKey: SigningKey) throws -> RecordIndex {
        let index = RecordIndex(format: format, kind: kind, election: election, gemeente: gemeente.code, gemeenteName: gemeente.name,
                                files: digests, issuingKey: issuingKey)
        var bytes = try encoder.encode(index)
        bytes.append(UInt8(ascii: "\n"))
        try Data(bytes).write(to: folder.appendingPathComponent(ElectionRecordFile.index))
        try staged.commit()
        return index
    }
}
