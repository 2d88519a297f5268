/// One record of a delimited text file, with the line it starts on (1-based) for error messages.
public struct CSVRecord: Sendable, Equatable {
    /// The line on which the record starts.
    public let line: Int
    /// The fields, unquoted.
    public let fields: [String]
    /// `true` when a field was not valid UTF-8 and was read with replacement characters
    /// (only with `strictEncoding` off; with it on, bad UTF-8 is an error).
    public var invalidEncoding = false
    /// `true` when a quoted field was followed by more text before the delimiter and was read as Python's `csv`
    /// module reads it, the text appended (only with `strictQuotes` off; with it on, that is an error).
    public var quoteRepaired = false
}

/// A problem found while splitting a delimited file into records.
public struct CSVSyntaxError: Error, Sendable, Equatable {
    /// The line of the problem.
    public let line: Int
    /// What is wrong, in words.
    public let message: String
}

/// Splits RFC 4180-style delimited text into records, keeping each record's line number.
///
/// Hand-written rather than taken from CSV.swift because every error Buurtstem reports names a line,
/// and a quoted field may span lines; it also checks UTF-8 per line so bad encoding is reported where it is.
/// Quotes: a field that starts with `"` runs to the next lone `"`; `""` inside it is one quote.
/// A UTF-8 byte-order mark at the start is skipped; `\r\n` and `\n` both end a record.
public struct CSVReader: Sendable {
    /// The field separator (`,` for registers, `;` for Pabulib files).
    public let delimiter: UInt8
    /// Whether bad UTF-8 stops reading (`true`) or is flagged on the record so every bad line can be reported.
    public let strictEncoding: Bool
    /// Whether text after a closing quote (`"Odkupmy" i my`) stops reading (`true`) or is appended to the field,
    /// as Python's `csv` module does (`Odkupmy i my`), and flagged on the record.
    public let strictQuotes: Bool

    /// A reader for `delimiter`-separated text.
    public init(delimiter: Character = ",", strictEncoding: Bool = true, strictQuotes: Bool = true) {
        precondition(delimiter.isASCII, "the delimiter must be an ASCII character")
        self.delimiter = delimiter.asciiValue!
        self.strictEncoding = strictEncoding
        self.strictQuotes = strictQuotes
    }

    /// Splits `bytes` into records. Blank lines are skipped. Throws on bad UTF-8 or an unterminated quote.
    public func records(_ bytes: [UInt8]) throws(CSVSyntaxError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        try forEachRecord(bytes) { records.append($0) }
        return records
    }

    /// Calls `body` for each record, in order, without collecting them (for large files).
    public func forEachRecord(_ bytes: [UInt8], _ body: (CSVRecord) throws(CSVSyntaxError) -> Void) throws(CSVSyntaxError) {
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        var line = 1
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var fields: [String] = []
        var field: [UInt8] = []
        var recordLine = 1
        var fieldStarted = false
        var sawContent = false
        var invalidEncoding = false
        var quoteRepaired = false

        func finishField() throws(CSVSyntaxError) {
            if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else if strictEncoding {
                throw CSVSyntaxError(line: line, message: "the text is not valid UTF-8; save the file as UTF-8")
            } else {
                fields.append(String(decoding: field, as: UTF8.self))
                invalidEncoding = true
            }
            field.removeAll(keepingCapacity: true)
            fieldStarted = false
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote && !fieldStarted && field.isEmpty {
                // Quoted field.
                let startLine = line
                index += 1
                var closed = false
                while index < bytes.count {
                    let b = bytes[index]
                    if b == quote {
                        if index + 1 < bytes.count && bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    if b == newline { line += 1 }
                    field.append(b)
                    index += 1
                }
                guard closed else {
                    throw CSVSyntaxError(line: startLine, message: "a quoted field opened here is never closed with \"")
                }
                fieldStarted = true
                sawContent = true
                if index < bytes.count, bytes[index] != delimiter, bytes[index] != newline, bytes[index] != cr {
                    guard !strictQuotes else {
                        throw CSVSyntaxError(line: line, message: "unexpected text after a closing quote; put the whole field in quotes")
                    }
                    // Python's csv: the rest up to the delimiter is appended as written.
                    quoteRepaired = true
                }
                continue
            }
            if byte == delimiter {
                try finishField()
                sawContent = true
                index += 1
                continue
            }
            if byte == newline || byte == cr {
                if sawContent || !field.isEmpty || fieldStarted {
                    try finishField()
                    try body(CSVRecord(line: recordLine, fields: fields, invalidEncoding: invalidEncoding, quoteRepaired: quoteRepaired))
                }
                fields.removeAll(keepingCapacity: true)
                invalidEncoding = false
                quoteRepaired = false
                sawContent = false
                if byte == cr, index + 1 < bytes.count, bytes[index + 1] == newline { index += 1 }
                index += 1
                line += 1
                recordLine = line
                continue
            }
            field.append(byte)
            sawContent = true
            index += 1
        }
        if sawContent || !field.isEmpty || fieldStarted {
            try finishField()
            try body(CSVRecord(line: recordLine, fields: fields, invalidEncoding: invalidEncoding, quoteRepaired: quoteRepaired))
        }
    }
}
