/// One record of a delimited file as byte ranges, for readers that must not make a `String` per field
/// (`CSVReader.forEachRow`). Valid only inside the call that hands it out.
package struct CSVRow {
    /// The line on which the record starts (1-based).
    package internal(set) var line = 1
    /// `true` when a quoted field was followed by more text and read as Python's `csv` module reads it
    /// (only with `strictQuotes` off).
    package internal(set) var quoteRepaired = false
    /// The bytes being read.
    let source: UnsafeBufferPointer<UInt8>
    /// Unquoted copies of quoted fields (rare: only they need their `""` undone).
    var unquoted: [UInt8] = []
    /// Per field: start and end offsets, in `source`, or in `unquoted` when the offset is negative (`~offset`).
    var bounds: [(start: Int, end: Int)] = []

    init(source: UnsafeBufferPointer<UInt8>) {
        self.source = source
        bounds.reserveCapacity(16)
    }

    /// The number of fields.
    package var count: Int { bounds.count }

    /// Calls `body` with the bytes of field `index`.
    package func withField<R, E: Error>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        let (start, end) = bounds[index]
        if start >= 0 {
            return try body(UnsafeBufferPointer(rebasing: source[start..<end]))
        }
        var result: Result<R, E>?
        unquoted.withUnsafeBufferPointer { buffer in
            result = Result { () throws(E) in try body(UnsafeBufferPointer(rebasing: buffer[(~start)..<(~end)])) }
        }
        return try result!.get()
    }

    /// Field `index` as text, or `nil` if it is not valid UTF-8.
    package func string(_ index: Int) -> String? {
        withField(index) { bytes in String(validating: bytes, as: UTF8.self) }
    }

    mutating func reset(line: Int) {
        self.line = line
        quoteRepaired = false
        unquoted.removeAll(keepingCapacity: true)
        bounds.removeAll(keepingCapacity: true)
    }
}

extension CSVReader {
    /// Calls `body` for each record of `bytes` with its fields as byte ranges: the streaming form of
    /// `forEachRecord`, with the same quoting, line numbers and blank-line skipping, and no `String` made.
    /// UTF-8 is not checked here (`CSVRow.string` checks what it converts). `syntaxError` turns a syntax
    /// problem into the caller's error type.
    package func forEachRow<E: Error>(
        _ bytes: UnsafeBufferPointer<UInt8>, syntaxError: (CSVSyntaxError) -> E,
        _ body: (CSVRow) throws(E) -> Void
    ) throws(E) {
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let delimiter = self.delimiter
        let end = bytes.count
        var index = 0
        if end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        var line = 1
        var row = CSVRow(source: bytes)
        while index < end {
            // One record: fields until an unquoted line break.
            row.reset(line: line)
            var sawContent = false
            while true {
                if index < end, bytes[index] == quote {
                    // A quoted field, copied without its quotes; `""` is one quote.
                    let startLine = line
                    let from = row.unquoted.count
                    index += 1
                    var closed = false
                    while index < end {
                        let b = bytes[index]
                        if b == quote {
                            if index + 1 < end, bytes[index + 1] == quote {
                                row.unquoted.append(quote)
                                index += 2
                                continue
                            }
                            closed = true
                            index += 1
                            break
                        }
                        if b == newline { line += 1 }
                        row.unquoted.append(b)
                        index += 1
                    }
                    guard closed else {
                        throw syntaxError(CSVSyntaxError(line: startLine, message: "a quoted field opened here is never closed with \""))
                    }
                    if index < end, bytes[index] != delimiter, bytes[index] != newline, bytes[index] != cr {
                        guard !strictQuotes else {
                            throw syntaxError(CSVSyntaxError(line: line, message: "unexpected text after a closing quote; put the whole field in quotes"))
                        }
                        // Python's csv: the rest up to the delimiter is appended as written.
                        row.quoteRepaired = true
                        while index < end, bytes[index] != delimiter, bytes[index] != newline, bytes[index] != cr {
                            row.unquoted.append(bytes[index])
                            index += 1
                        }
                    }
                    row.bounds.append((~from, ~row.unquoted.count))
                    sawContent = true
                } else {
                    let start = index
                    while index < end {
                        let b = bytes[index]
                        if b == delimiter || b == newline || b == cr { break }
                        index += 1
                    }
                    if index > start { sawContent = true }
                    row.bounds.append((start, index))
                }
                if index < end, bytes[index] == delimiter {
                    sawContent = true
                    index += 1
                    continue
                }
                break
            }
            // At a line break or the end.
            if sawContent { try body(row) }
            if index < end {
                if bytes[index] == cr, index + 1 < end, bytes[index + 1] == newline { index += 1 }
                index += 1
                line += 1
            }
        }
    }
}
