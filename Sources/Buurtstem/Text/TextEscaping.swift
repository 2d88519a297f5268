/// Escaping for text placed in HTML and CSV output: print files, exports and the results site all use these,
/// so a name or title from data is escaped the same way everywhere.
package enum TextEscaping {
    /// `text` safe inside HTML element content and attribute values (and inline SVG).
    package static func html(_ text: String) -> String {
        guard text.contains(where: { "&<>\"'".contains($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for char in text {
            switch char {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(char)
            }
        }
        return out
    }

    /// `text` as one RFC 4180 CSV field: quoted when it holds a comma, quote or line break. A field that starts
    /// with `=`, `+`, `-`, `@`, a tab or a carriage return and is not a number gets a leading `'`, so a spreadsheet
    /// shows it as text and never runs it as a formula (OWASP "CSV injection").
    package static func csv(_ text: String) -> String {
        var field = text
        if let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(field) == nil {
            field = "'" + field
        }
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
