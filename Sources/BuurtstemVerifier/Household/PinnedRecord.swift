import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// Why a household's own check (receipt, pass, cheque) could not confirm what it asked: what went wrong and what
/// to do. The CLI prints it and exits non-zero.
public struct HouseholdCheckFailure: Error, Sendable, CustomStringConvertible {
    /// What went wrong and what to do.
    public let message: String
    public var description: String { message }

    /// A failure saying `message`.
    public init(_ message: String) {
        self.message = message
    }
}

/// A published record opened for a household's own check, locally, with the gemeente's issuing key pinned (the
/// key from the gemeente's website or letter, never the record's own word): the index must be signed by that key,
/// and every file is read only if the index lists it with exactly its bytes' SHA-256. Nothing is sent anywhere.
struct PinnedRecord {
    /// The record folder.
    let folder: URL
    /// The signed index.
    let index: RecordIndex

    /// Opens the record in `folder` of `kind` (`election` or `cheque-round`) if `issuingKey` signed its index.
    init(folder: URL, issuingKey: PublicKey, kind: String) throws(HouseholdCheckFailure) {
        self.folder = folder
        let data: Data
        do {
            data = try Data(contentsOf: folder.appendingPathComponent(ElectionRecordFile.index))
        } catch {
            throw HouseholdCheckFailure("\(folder.path) is not a Buurtstem record: it has no readable record.json. Give the folder of the published record with --record.")
        }
        if let problem = StrictJSON.problem(data) { throw HouseholdCheckFailure("\(folder.path)/record.json \(problem): do not trust this record") }
        guard let index = try? JSONDecoder().decode(RecordIndex.self, from: data) else {
            throw HouseholdCheckFailure("\(folder.path)/record.json is not a record index: do not trust this record")
        }
        guard index.issuingPublicKey == issuingKey, index.isValid else {
            throw HouseholdCheckFailure("the record is not signed by the issuing key you gave (\(issuingKey.hex.prefix(16))...): it is not the gemeente's "
                + "published record, or the key is wrong. Check the key on the gemeente's website or your letter; do not trust this record")
        }
        guard index.kind == kind else {
            throw HouseholdCheckFailure("\(folder.path) is the record of a \(index.kind), not of a\(kind == "election" ? "n election" : " cheque round")")
        }
        self.index = index
    }

    /// The bytes of file `name`, only if the signed index lists it with exactly their SHA-256.
    func data(_ name: String) throws(HouseholdCheckFailure) -> Data {
        guard let listed = index.files.first(where: { $0.name == name }) else {
            throw HouseholdCheckFailure("the record's signed index does not list \(name): the record is incomplete; report this to the gemeente and the observers")
        }
        let data: Data
        do { data = try Data(contentsOf: folder.appendingPathComponent(name)) } catch {
            throw HouseholdCheckFailure("\(name) of the record cannot be read: the record is incomplete; download it again")
        }
        var hasher = SHA256Hasher()
        data.withUnsafeBytes { hasher.update($0) }
        guard hasher.finalize() == listed.sha256.bytes else {
            throw HouseholdCheckFailure("\(name) differs from what the gemeente signed (its SHA-256 is not the index's): the file was changed; download the record again and report it if it stays so")
        }
        return data
    }

    /// File `name` decoded, read strictly (docs/record.md), after its digest is checked.
    func decode<T: Decodable>(_ type: T.Type, _ name: String, decoder: JSONDecoder = JSONDecoder()) throws(HouseholdCheckFailure) -> T {
        let data = try data(name)
        if let problem = StrictJSON.problem(data) { throw HouseholdCheckFailure("\(name) \(problem)") }
        do { return try decoder.decode(T.self, from: data) } catch {
            throw HouseholdCheckFailure("\(name) cannot be read: \(error)")
        }
    }

    /// The lines of `.jsonl` file `name` (without newlines), after its digest is checked.
    func lines(_ name: String) throws(HouseholdCheckFailure) -> [Data] {
        try data(name).split(separator: UInt8(ascii: "\n")).map { Data($0) }
    }
}
