import BuurtstemRecord
import Foundation

/// A published record folder given to a report: the site lists its files as the record to verify, so it must be
/// the record of what is reported, and for an election hold this store's result.
enum PublishedRecord {
    /// The index of `folder`, checked to name `kind` (`election`, `cheque-round`) `id`; `what` says what is
    /// reported ("election 'x'", "round y") and `export` which export writes the folder.
    static func index(of folder: URL, kind: String, id: String, what: String, export: String) throws -> RecordIndex {
        let index = try read(RecordIndex.self, ElectionRecordFile.index, in: folder, export: export)
        guard index.kind == kind, index.election == id else {
            throw BuurtstemError(.badInput, "\(folder.path) is the record of \(index.kind) '\(index.election)', not of \(what): "
                + "give the folder written by \(export)")
        }
        return index
    }

    /// Checks that `folder` is the published record of election `id` as `outcome` counts it: its index names this
    /// election, and its signed result has this definition, these final log heads and this lot seed (a folder
    /// exported before a later merge is refused too).
    static func check(_ folder: URL, election id: String, outcome: ElectionOutcome) throws {
        let export = "this election's record export"
        _ = try index(of: folder, kind: "election", id: id, what: "election '\(id)'", export: export)
        let result = try read(ElectionResult.self, ElectionRecordFile.result, in: folder, export: export)
        guard result.definitionHash.bytes == outcome.definition.hash, result.logs == outcome.finalHeads,
              result.lotSeed.bytes == outcome.lotSeed else {
            throw BuurtstemError(.conflict, "the record \(folder.path) holds another result of '\(id)' than this store (its definition, "
                + "final log heads or lot seed differ): export the election's record again from this store and publish that folder")
        }
    }

    /// `name` of the record `folder`, decoded as `type`, or an error naming the file.
    private static func read<T: Decodable>(_ type: T.Type, _ name: String, in folder: URL, export: String) throws -> T {
        let url = folder.appendingPathComponent(name)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw BuurtstemError(.notFound, "the record \(folder.path) has no readable \(name): give the folder written by \(export)", cause: error)
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw BuurtstemError(.badInput, "\(url.path) is not a record's \(name): give the folder written by \(export)", cause: error)
        }
    }
}
