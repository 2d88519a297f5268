import Buurtstem
import Foundation
import Testing

/// `AtomicFile`: a file appears whole or not at all, and a file that must be new is never overwritten.
@Suite("Atomic files")
struct AtomicFileTests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("a file is written, replaced whole, and no temporary file is left")
    func replaces() throws {
        let folder = try folder()
        let path = folder + "/out.json"
        try AtomicFile.write(Array("first".utf8), to: path)
        try AtomicFile.write(Array("second".utf8), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("second".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.json"])
    }

    @Test("a file that must be new is refused when it exists, and the old one is kept; a missing folder is a clear error")
    func neverOverwrites() throws {
        let folder = try folder()
        let path = folder + "/secret.key"
        try AtomicFile.write(Array("old".utf8), to: path, mode: 0o600, replace: false)
        #expect(throws: BuurtstemError.self) { try AtomicFile.write(Array("new".utf8), to: path, mode: 0o600, replace: false) }
        #expect(FileManager.default.contents(atPath: path) == Data("old".utf8))
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["secret.key"])
        #expect(throws: BuurtstemError.self) { try AtomicFile.write([1], to: folder + "/missing/x.json") }
    }
}
