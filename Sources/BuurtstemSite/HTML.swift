/// Escaping for everything that comes from data: names, titles, descriptions, codes, reasons.
enum HTML {
    /// `text` safe inside an element or a double-quoted attribute, in HTML and in inline SVG.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A bilingual label: the Dutch text with the English after it in a lighter span.
    static func both(_ dutch: String, _ english: String) -> String {
        "\(escape(dutch)) <span class=\"en\" lang=\"en\">\(escape(english))</span>"
    }
}
