/// One record of a delimited text file, with the line it starts on (1-based) for error messages.
package struct CSVRecord: Sendable, Equatable {
    /// The line on which the record starts.
    package let line: Int
    /// The fields, unquoted.
    package let fields: [String]
    /// `true` when a field was not valid UTF-8 and was read with replacement characters
    /// (only with `strictEncoding` off; with it on, bad UTF-8 is an error).
    package var invalidEncoding = false
    /// `true` when a quoted field was followed by more text before the delimiter and was read as Python's `csv`
    /// module reads it, the text appended (only with `strictQuotes` off; with it on, that is an error).
    package var quoteRepaired = false
}

/// A problem found while splitting a delimited file into records.
package struct CSVSyntaxError: Error, Sendable, Equatable {
    /// The line of the problem.
    package let line: Int
    /// What is wrong, in words.
    package let message: String
}

/// Splits RFC 4180-style delimited text into records, keeping each record's line number.
///
/// Hand-written rather than taken from CSV.swift because every error Buurtstem reports names a line,
/// and a quoted field may span lines; it also checks UTF-8 per line so bad encoding is reported where it is.
/// Quotes: a field that starts with `"` runs to the next lone `"`; `""` inside it is one quote.
/// A UTF-8 byte-order mark at the start is skipped; `\r\n` and `\n` both end a record.
package struct CSVReader: Sendable {
    /// The field separator (`,` for registers, `;` for Pabulib files).
    package let delimiter: UInt8
    /// Whether bad UTF-8 stops reading (`true`) or is flagged on the record so every bad line can be reported.
    package let strictEncoding: Bool
    /// Whether text after a closing quote (`"Odkupmy" i my`) stops reading (`true`) or is appended to the field,
    /// as Python's `csv` module does (`Odkupmy i my`), and flagged on the record.
    package let strictQuotes: Bool

    /// A reader for `delimiter`-separated text.
    package init(delimiter: Character = ",", strictEncoding: Bool = true, strictQuotes: Bool = true) {
        precondition(delimiter.isASCII, "the delimiter must be an ASCII character")
        self.delimiter = delimiter.asciiValue!
        self.strictEncoding = strictEncoding
        self.strictQuotes = strictQuotes
    }

    /// Splits `bytes` into records. Blank lines are skipped. Throws on bad UTF-8 or an unterminated quote.
    package func records(_ bytes: [UInt8]) throws(CSVSyntaxError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        try forEachRecord(bytes) { records.append($0) }
        return records
    }

    /// Calls `body` for each record, in order, without collecting them (for large files).
    package func forEachRecord(_ bytes: [UInt8], _ body: (CSVRecord) throws(CSVSyntaxError) -> Void) throws(CSVSyntaxError) {
        var failure: CSVSyntaxError?
        bytes.withUnsafeBufferPointer { buffer in
            do throws(CSVSyntaxError) {
                try forEachRow(buffer, syntaxError: { $0 }) { (row: CSVRow) throws(CSVSyntaxError) in
                    var fields: [String] = []
                    fields.reserveCapacity(row.count)
                    var invalidEncoding = false
                    for i in 0..<row.count {
                        if let text = row.string(i) {
                            fields.append(text)
                        } else if strictEncoding {
                            throw CSVSyntaxError(line: row.line, message: "the text is not valid UTF-8; save the file as UTF-8")
                        } else {
                            fields.append(row.withField(i) { String(decoding: $0, as: UTF8.self) })
                            invalidEncoding = true
                        }
                    }
                    try body(CSVRecord(line: row.line, fields: fields, invalidEncoding: invalidEncoding, quoteRepaired: row.quoteRepaired))
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }
}
