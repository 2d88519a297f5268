import Foundation

/// A CSV file with a header row, read for import: columns looked up by name, problems collected per line.
///
/// Header names are matched case-insensitively with surrounding blanks removed; values are trimmed.
struct CSVTable {
    /// One data row.
    struct Row {
        /// The line the row starts on.
        let line: Int
        fileprivate let fields: [String]
        fileprivate let columns: [String: Int]

        /// The value of a required column (present in every accepted row).
        subscript(_ name: String) -> String { value(name) ?? "" }

        /// The value of an optional column, `nil` when the file has no such column.
        func value(_ name: String) -> String? {
            columns[name].map { fields[$0] }
        }

        /// Values of every column whose name starts with `prefix`, in file order.
        func values(prefixed prefix: String) -> [String] {
            columns.filter { $0.key.hasPrefix(prefix) }.sorted { $0.value < $1.value }.map { fields[$0.value] }
        }
    }

    /// The rows whose column count matches the header.
    private(set) var rows: [Row] = []
    /// Problems with the file's shape (column counts), per line.
    private(set) var problems: [Problem] = []

    /// Reads `bytes`; the header must name every `required` column and nothing but `required`, `optional` and
    /// columns starting with one of `prefixes`. Structural errors (encoding, header) throw at once.
    init(_ bytes: [UInt8], file: String, required: [String], optional: [String] = [], prefixes: [String] = []) throws {
        let records: [CSVRecord]
        do {
            records = try CSVReader(strictEncoding: false).records(bytes)
        } catch {
            throw InputError(file: file, line: error.line, error.message)
        }
        guard let header = records.first else {
            throw InputError(file: file, "the file is empty; it needs a header row with: \(required.joined(separator: ","))")
        }
        var columns: [String: Int] = [:]
        var headerProblems: [Problem] = []
        for (index, raw) in header.fields.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if columns[name] != nil {
                headerProblems.append(Problem(file: file, line: header.line, field: name, message: "column '\(name)' appears twice in the header"))
            } else if !(required.contains(name) || optional.contains(name) || prefixes.contains(where: { name.hasPrefix($0) })) {
                let allowed = (required + optional + prefixes.map { "\($0)..." }).joined(separator: ", ")
                headerProblems.append(Problem(file: file, line: header.line, field: name.isEmpty ? nil : name,
                                              message: "unknown column '\(raw)'; the columns are: \(allowed)"))
            }
            columns[name] = index
        }
        for name in required where columns[name] == nil {
            headerProblems.append(Problem(file: file, line: header.line, field: name,
                                          message: "the header has no '\(name)' column; the first line must name the columns: \(required.joined(separator: ","))"))
        }
        guard headerProblems.isEmpty else { throw InputError(headerProblems) }
        if header.invalidEncoding {
            throw InputError(file: file, line: header.line, "the header is not valid UTF-8; save the file as UTF-8")
        }
        for record in records.dropFirst() {
            if record.invalidEncoding {
                problems.append(Problem(file: file, line: record.line,
                                        message: "the line is not valid UTF-8 (an accented letter saved in another encoding?); save the file as UTF-8"))
                continue
            }
            guard record.fields.count == header.fields.count else {
                problems.append(Problem(file: file, line: record.line,
                                        message: "\(record.fields.count) columns where the header has \(header.fields.count); "
                                            + "check for a missing or extra separator (quote values that contain a comma)"))
                continue
            }
            rows.append(Row(line: record.line, fields: record.fields.map { $0.trimmingCharacters(in: .whitespaces) }, columns: columns))
        }
    }
}
