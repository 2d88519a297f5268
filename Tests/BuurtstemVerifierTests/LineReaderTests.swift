import Foundation
import Testing
@testable import BuurtstemVerifier

/// The verifier reads records line by line in bounded memory, also when a file is damaged or hostile.
@Suite("Line reader: bounded memory on damaged files")
struct LineReaderTests {
    static func temporaryFile(_ data: Data) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString)")
        try data.write(to: url)
        return url
    }

    @Test("lines are numbered from 1, a last line without a newline counts, and an over-long line is an error")
    func overLongLine() throws {
        let long = Data(repeating: UInt8(ascii: "x"), count: LineReader.maxLineBytes + 10)
        let url = try Self.temporaryFile(Data("first\n".utf8) + long + Data("\nlast".utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try LineReader(url: url)
        let first = try #require(try reader.next())
        #expect(String(decoding: first, as: UTF8.self) == "first")
        #expect(throws: LineReader.LineTooLong.self) { try reader.next() }
        do {
            var again = try LineReader(url: url)
            _ = try again.next(10)
            Issue.record("an over-long line was read")
        } catch let error as LineReader.LineTooLong {
            #expect(error.line == 2)
            #expect(error.localizedDescription.contains("line 2 is longer than 1 MiB"))
        }
        let short = try Self.temporaryFile(Data("a\nb".utf8))
        defer { try? FileManager.default.removeItem(at: short) }
        var lines = try LineReader(url: short)
        #expect(try lines.next(10).map(\.line) == [1, 2])
    }

    @Test("a record with an over-long ballot line fails with the file and line named, without reading it whole")
    func overLongBallotLine() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("long-line-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: try TestVectorTests.vectors.record(), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let url = copy.appendingPathComponent("ballots/bibliotheek.jsonl")
        let lines = try String(decoding: Data(contentsOf: url), as: UTF8.self).split(separator: "\n").count
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: UInt8(ascii: " "), count: LineReader.maxLineBytes + 1))
        try handle.close()
        let report = RecordVerifier(folder: copy).verify()
        let logs = report.checks.first { $0.name == "logs and checkpoints" }?.failures ?? []
        #expect(logs.contains { $0.file == "ballots/bibliotheek.jsonl" && $0.message.contains("line \(lines + 1) is longer than 1 MiB") }, "\(logs)")
        #expect(!report.passed)
    }
}
