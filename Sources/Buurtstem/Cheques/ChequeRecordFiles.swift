import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// The files of a cheque round's record or pre-publication as they are written: each hashed as it goes, so the
/// index can list every file's SHA-256 without reading anything twice.
final class ChequeRecordFiles {
    /// The folder written into (a staging folder, moved into place when complete).
    let folder: URL
    /// The files written, in order.
    private(set) var names: [String] = []
    /// Their digests, in order.
    private(set) var digests: [RecordIndex.FileDigest] = []
    /// The encoder of the record's JSON: keys sorted and snake_case, data as hex (docs/record.md, "Cheque rounds").
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dataEncodingStrategy = .custom { data, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Hex.encode(data))
        }
        return encoder
    }()

    /// Files in `folder`.
    init(folder: URL) {
        self.folder = folder
    }

    /// Writes file `name` with `body`, hashing it.
    func file(_ name: String, _ body: (BufferedTextFile) throws -> Void) throws {
        let output = try BufferedTextFile(path: folder.appendingPathComponent(name).path, hashed: true)
        try body(output)
        try output.finish()
        names.append(name)
        digests.append(RecordIndex.FileDigest(name: name, sha256: output.digest ?? []))
    }

    /// `value` as one line of the record's JSON.
    func line<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
