import BuurtstemRecord
import Foundation

extension ElectionReport {
    /// Checks that `folder` is the published record of election `id` as `outcome` counts it: its index names this
    /// election, and its signed result has this definition, these final log heads and this lot seed. The site lists
    /// the folder's files as the record to verify, so a folder of another election, or one exported before more
    /// ballots were merged, must not be listed as this result's record.
    static func checkRecord(_ folder: URL, election id: String, outcome: ElectionOutcome) throws {
        let index = try Self.read(RecordIndex.self, ElectionRecordFile.index, in: folder)
        guard index.kind == "election", index.election == id else {
            throw BuurtstemError(.badInput, "\(folder.path) is the record of \(index.kind) '\(index.election)', not of election '\(id)': "
                + "give the folder written by this election's record export")
        }
        let result = try Self.read(ElectionResult.self, ElectionRecordFile.result, in: folder)
        guard result.definitionHash.bytes == outcome.definition.hash, result.logs == outcome.finalHeads,
              result.lotSeed.bytes == outcome.lotSeed else {
            throw BuurtstemError(.conflict, "the record \(folder.path) holds another result of '\(id)' than this store (its definition, "
                + "final log heads or lot seed differ): export the election's record again from this store and publish that folder")
        }
    }

    /// `name` of the record `folder`, decoded as `type`, or an error naming the file.
    private static func read<T: Decodable>(_ type: T.Type, _ name: String, in folder: URL) throws -> T {
        let url = folder.appendingPathComponent(name)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw BuurtstemError(.notFound, "the record \(folder.path) has no readable \(name): give the folder written by the election's "
                + "record export", cause: error)
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw BuurtstemError(.badInput, "\(url.path) is not a record's \(name): give the folder written by the election's record export",
                                 cause: error)
        }
    }
}
