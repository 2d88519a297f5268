import Foundation

/// Reads a file line by line in fixed-size chunks, so a record of a million ballots is checked in bounded memory.
struct LineReader {
    private let handle: FileHandle
    private var buffer = Data()
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
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                lineNumber += 1
                return Data(line)
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                let line = buffer
                buffer = Data()
                lineNumber += 1
                return line
            }
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { atEnd = true } else { buffer.append(chunk) }
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
