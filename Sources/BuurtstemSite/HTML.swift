import Buurtstem

/// Escaping for everything that comes from data: names, titles, descriptions, codes, reasons.
enum HTML {
    /// `text` safe inside an element or a double-quoted attribute, in HTML and in inline SVG.
    static func escape(_ text: String) -> String {
        TextEscaping.html(text)
    }

    /// A bilingual label: the Dutch text with the English after it in a lighter span.
    static func both(_ dutch: String, _ english: String) -> String {
        "\(escape(dutch)) <span class=\"en\" lang=\"en\">\(escape(english))</span>"
    }
}
