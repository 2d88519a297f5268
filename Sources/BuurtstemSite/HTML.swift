import Buurtstem

/// Escaping for everything that comes from data: names, titles, descriptions, codes, reasons.
enum HTML {
    /// `text` safe inside an element or a double-quoted attribute, in HTML and in inline SVG.
    static func escape(_ text: String) -> String {
        TextEscaping.html(text)
    }

    /// A text that is Dutch whatever the page's language (a project's title, its description), escaped; on an
    /// English page marked `lang="nl"`, so a screen reader reads it as Dutch.
    static func dutch(_ text: String) -> String {
        SiteLanguage.current == .dutch ? escape(text) : "<span lang=\"nl\">\(escape(text))</span>"
    }

    /// A label in the language of the page being written (``SiteLanguage/current``), escaped.
    static func label(_ dutch: String, _ english: String) -> String {
        escape(SiteLanguage.text(dutch, english))
    }
}
