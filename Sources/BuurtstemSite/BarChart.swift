/// A horizontal bar chart as inline SVG, with a `<title>` and `<desc>` for screen readers; the page puts the table
/// with the same numbers right behind it. Labels sit above their bars, so the chart reads on a phone; its text is
/// 14 units in a 400-unit-wide drawing, so at least 12 px on a phone 360 px wide.
struct BarChart {
    /// One bar.
    struct Bar {
        /// The label above the bar.
        let label: String
        /// Its length, in the chart's unit.
        let value: Int64
        /// The number written after the bar.
        let text: String
        /// How it is drawn: `funded`, `open`, `flag` or `plain`.
        let style: String
        /// A lighter bar behind it (e.g. the budget behind what was funded), in the same unit.
        var background: Int64? = nil
    }

    /// A unique id on the page.
    let id: String
    /// The chart's title.
    let title: String
    /// What it shows, in a sentence.
    let description: String
    /// The bars, top to bottom.
    let bars: [Bar]
    /// A dashed reference line (e.g. the average turnout), with its label.
    var reference: (value: Int64, label: String)? = nil

    private static let width = 400
    private static let row = 44

    /// The SVG element.
    var svg: String {
        let maximum = max(1, bars.map { max($0.value, $0.background ?? 0) }.max() ?? 1, reference?.value ?? 0)
        // Room after the longest bar for its number (`€ 147.000,00 ✓` at 14 units).
        let barArea = Double(Self.width - 120)
        let height = bars.count * Self.row + 16
        func length(_ value: Int64) -> Double { max(0, Double(value) / Double(maximum) * barArea) }
        var out = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.width) \(height)\" role=\"img\" "
            + "aria-labelledby=\"\(id)-title \(id)-desc\">"
        out += "<title id=\"\(id)-title\">\(HTML.escape(title))</title><desc id=\"\(id)-desc\">\(HTML.escape(description))</desc>"
        for (index, bar) in bars.enumerated() {
            let y = index * Self.row
            out += "<text class=\"label\" x=\"0\" y=\"\(y + 15)\">\(HTML.escape(bar.label))</text>"
            if let background = bar.background {
                out += "<rect class=\"bar back\" x=\"0.5\" y=\"\(y + 20)\" width=\"\(String(format: "%.1f", length(background)))\" height=\"14\"/>"
            }
            let w = length(bar.value)
            out += "<rect class=\"bar \(bar.style)\" x=\"0\" y=\"\(y + 20)\" width=\"\(String(format: "%.1f", w))\" height=\"14\"/>"
            let textX = max(w, bar.background.map(length) ?? 0) + 4
            out += "<text class=\"value\" x=\"\(String(format: "%.1f", textX))\" y=\"\(y + 32)\">\(HTML.escape(bar.text))</text>"
        }
        if let reference {
            let x = String(format: "%.1f", length(reference.value))
            out += "<line class=\"reference\" x1=\"\(x)\" y1=\"14\" x2=\"\(x)\" y2=\"\(height - 12)\"/>"
            let anchor = length(reference.value) > barArea / 2 ? "end" : "start"
            out += "<text class=\"reference-label\" x=\"\(x)\" y=\"\(height - 2)\" text-anchor=\"\(anchor)\">\(HTML.escape(reference.label))</text>"
        }
        return out + "</svg>"
    }

    /// The chart in a figure with its caption and the table behind it (`table`, already HTML), folded away unless
    /// `open`.
    func figure(table: String, open: Bool = false) -> String {
        "<figure class=\"chart-figure\">\(svg)<figcaption>\(HTML.escape(description))</figcaption>"
            + "<details\(open ? " open" : "")><summary>\(HTML.label("Tabel bij deze grafiek", "Table behind this chart"))</summary>\(table)</details></figure>"
    }
}
