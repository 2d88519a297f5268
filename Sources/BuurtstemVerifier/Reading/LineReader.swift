import Foundation

/// Reads a file line by line in fixed-size chunks, so a record of a million ballots is checked in bounded memory.
/// A line longer than ``maxLineBytes`` is an error rather than a buffer that grows with it: a damaged or hostile
/// file cannot make the verifier hold gigabytes.
struct LineReader {
    /// No line of a record comes near this (a ballot with every project of a large contest is a few KiB).
    static let maxLineBytes = 1 << 20

    /// A line longer than ``LineReader/maxLineBytes``.
    struct LineTooLong: LocalizedError {
        let line: Int
        var errorDescription: String? {
            "line \(line) is longer than \(LineReader.maxLineBytes >> 20) MiB, which no line of a record is: the file is damaged or not part of a record"
        }
    }

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Where the unread part of `buffer` starts: lines are sliced off by moving this, not by shifting the buffer.
    private var start = 0
    private var atEnd = false
    /// The 1-based number of the line last returned.
    private(set) var lineNumber = 0

    /// Opens `url`.
    init(url: URL) throws {
        handle = try FileHandle(forReadingFrom: url)
    }

    /// The next line's bytes (without the newline), or nil at the end of the file.
    mutating func next() throws -> Data? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                guard newline - start <= Self.maxLineBytes else { throw LineTooLong(line: lineNumber + 1) }
                let line = Data(buffer[start..<newline])
                start = newline + 1
                lineNumber += 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                guard buffer.count - start <= Self.maxLineBytes else { throw LineTooLong(line: lineNumber + 1) }
                let line = Data(buffer[start...])
                start = buffer.count
                lineNumber += 1
                return line
            }
            // Keep only the unfinished line, then read the next chunk after it.
            buffer.removeFirst(start)
            start = 0
            guard buffer.count <= Self.maxLineBytes else { throw LineTooLong(line: lineNumber + 1) }
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }

    /// Up to `count` next lines with their numbers.
    mutating func next(_ count: Int) throws -> [(line: Int, bytes: Data)] {
        var lines: [(Int, Data)] = []
        lines.reserveCapacity(count)
        while lines.count < count, let line = try next() {
            lines.append((lineNumber, line))
        }
        return lines
    }
}
