/// An HTML table: a caption, headers, rows of cells (text escaped here, numbers right-aligned), wrapped so it
/// scrolls sideways on a narrow screen instead of breaking the page. The wrapper is a named region that takes the
/// keyboard focus, so someone without a mouse can scroll it too.
struct Table {
    /// One cell.
    struct Cell {
        /// Its HTML (escaped by the constructors).
        let html: String
        /// Right-aligned.
        let numeric: Bool
        /// Extra attributes, e.g. `data-votes="54"`.
        var attributes = ""

        /// A text cell.
        static func text(_ text: String) -> Cell { Cell(html: HTML.escape(text), numeric: false) }
        /// A number cell with its exact value in a data attribute named `key` (for scripts and tests).
        static func number(_ text: String, key: String? = nil, value: String? = nil) -> Cell {
            Cell(html: HTML.escape(text), numeric: true,
                 attributes: key.map { " data-\($0)=\"\(HTML.escape(value ?? text))\"" } ?? "")
        }
        /// A cell with HTML made by the caller (already escaped).
        static func html(_ html: String) -> Cell { Cell(html: html, numeric: false) }
    }

    /// One row with its attributes (e.g. `data-code`), and a class.
    struct Row {
        let cells: [Cell]
        var attributes = ""
        var style = ""
    }

    /// The caption, plain text: what the table shows; it also names the scrolling region.
    let caption: String
    /// The column headers, HTML.
    let headers: [String]
    /// The rows.
    let rows: [Row]
    /// The table's class.
    var className = "data"

    /// The table.
    var html: String {
        var out = "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(HTML.escape(caption))\">"
            + "<table class=\"\(className)\"><caption>\(HTML.escape(caption))</caption>"
        out += "<thead><tr>" + headers.map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows {
            out += "<tr\(row.style.isEmpty ? "" : " class=\"\(row.style)\"")\(row.attributes)>"
            for cell in row.cells {
                out += "<td\(cell.numeric ? " class=\"num\"" : "")\(cell.attributes)>\(cell.html)</td>"
            }
            out += "</tr>"
        }
        return out + "</tbody></table></div>"
    }
}
