/// The frame of every page: a complete HTML document with its own stylesheet, no scripts and no external assets,
/// so it opens from a file, offline, and reads on a phone.
enum Page {
    /// A page titled `title` with `body` (HTML), in the language being written; `file` is the page's Dutch file
    /// name (`index.html`), from which the switch links to the same page in the other language.
    /// A `wide` page uses the whole width of the screen (the year view's table of ten columns).
    static func document(title: String, file: String, wide: Bool = false, body: String) -> String {
        let language = SiteLanguage.current, other = language.other
        return """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="buurtstem report">
        <title>\(HTML.escape(title))</title>
        <style>\(stylesheet)</style>
        </head>
        <body>
        <a class="skip" href="#inhoud">\(HTML.label("Naar de inhoud", "Skip to the content"))</a>
        <nav class="language" aria-label="\(HTML.label("Taal", "Language"))"><a href="\(HTML.escape(other.fileName(file)))" hreflang="\(other.rawValue)" lang="\(other.rawValue)" data-language="\(other.rawValue)">\(other.name)</a></nav>
        <main id="inhoud" tabindex="-1"\(wide ? " class=\"wide\"" : "")>
        \(body)
        </main>
        <footer><p>\(HTML.label("Gemaakt met Buurtstem; de cijfers staan ook in report.json en de CSV-bestanden in deze map.",
                                "Made with Buurtstem; the numbers are also in report.json and the CSV files in this folder."))</p></footer>
        </body>
        </html>

        """
    }

    /// A section with a heading in the page's language and an anchor.
    static func section(id: String, dutch: String, english: String, _ body: String) -> String {
        "<section id=\"\(id)\"><h2>\(HTML.label(dutch, english))</h2>\(body)</section>"
    }

    /// The page's contents: a link to each section, by its anchor, with its name.
    static func contents(_ entries: [(id: String, dutch: String, english: String)]) -> String {
        "<nav class=\"toc\" aria-label=\"\(HTML.label("Inhoud", "Contents"))\"><ul>" + entries.map { "<li><a href=\"#\($0.id)\">\(HTML.label($0.dutch, $0.english))</a></li>" }.joined() + "</ul></nav>"
    }

    /// A row of key figures.
    static func figures(_ items: [(dutch: String, english: String, value: String, key: String)]) -> String {
        "<dl class=\"figures\">" + items.map {
            "<div><dt>\(HTML.label($0.dutch, $0.english))</dt><dd data-figure=\"\(HTML.escape($0.key))\">\(HTML.escape($0.value))</dd></div>"
        }.joined() + "</dl>"
    }

    /// A paragraph in the page's language.
    static func paragraph(_ dutch: String, _ english: String) -> String {
        "<p>\(HTML.label(dutch, english))</p>"
    }

    /// The links to the machine-readable files.
    static func downloads(_ files: [(name: String, dutch: String, english: String)]) -> String {
        "<ul class=\"downloads\">" + files.map {
            "<li><a href=\"\(HTML.escape($0.name))\">\(HTML.escape($0.name))</a>: \(HTML.label($0.dutch, $0.english))</li>"
        }.joined() + "</ul>"
    }

    static let stylesheet = """
    /* Every bar colour has at least 3:1 contrast with the white page and with the light bar behind it (WCAG 1.4.11). */
    :root{--ink:#1b1f24;--muted:#5b6470;--line:#d7dce2;--funded:#1f6f43;--open:#6b7580;--flag:#b3261e;--back:#e4e9ee;--back-edge:#6b7580;--accent:#0b5cad}
    *{box-sizing:border-box}
    body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff;line-height:1.45;font-size:16px}
    main{max-width:60rem;margin:0 auto;padding:1rem}
    main.wide{max-width:none}
    main:focus{outline:none}
    a.skip{position:absolute;left:.5rem;top:-3rem;background:#fff;color:var(--accent);padding:.5rem .8rem;border:2px solid var(--accent);z-index:10}
    a.skip:focus{top:.5rem}
    nav.language{max-width:60rem;margin:0 auto;padding:.5rem 1rem 0;text-align:right}
    nav.language a{display:inline-block;padding:.4rem .2rem;min-height:44px}
    .muted{color:var(--muted);font-weight:normal}
    .scroll:focus{outline:3px solid var(--accent);outline-offset:2px}
    table.data caption{text-align:left;font-weight:600;padding:.2rem 0 .4rem;caption-side:top}
    .project .place{color:var(--muted)}
    .tie{margin:.3rem 0 0;font-size:.95rem;border-left:3px solid var(--accent);padding-left:.5rem}
    ul.links{padding-left:1.2rem}
    header.top{border-bottom:3px solid var(--accent);margin-bottom:1rem}
    h1{font-size:1.6rem;margin:.2rem 0 .4rem}
    h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
    h3{font-size:1.1rem;margin:1.4rem 0 .4rem}
    dl.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(10.5rem,1fr));gap:.6rem;margin:1rem 0}
    dl.figures div{border:1px solid var(--line);border-radius:.4rem;padding:.5rem .7rem}
    dl.figures dt{font-size:.85rem}
    dl.figures dd{margin:.2rem 0 0;font-size:1.25rem;font-weight:600;white-space:nowrap}
    nav.toc ul{padding-left:1.2rem;margin:.3rem 0}
    nav.my-wijk{border:1px solid var(--line);border-radius:.4rem;padding:.4rem .8rem;margin:.8rem 0}
    nav.my-wijk h2{font-size:1.05rem;margin:.2rem 0}
    nav.my-wijk ul{display:flex;flex-wrap:wrap;gap:.3rem 1rem;list-style:none;padding:0;margin:.3rem 0}
    nav.my-wijk a{display:inline-block;padding:.35rem 0;min-height:44px}
    :target{scroll-margin-top:.5rem;outline:3px solid var(--line)}
    .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5rem 0}
    table.data{border-collapse:collapse;width:100%;font-size:.92rem}
    table.data th,table.data td{border-bottom:1px solid var(--line);padding:.35rem .45rem;text-align:left;vertical-align:top}
    table.data th{font-size:.82rem;background:#f5f7f9}
    td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
    tr.flag td{background:#fdeceb}
    tr.total td{font-weight:600;border-top:2px solid var(--ink)}
    figure.chart-figure{margin:1rem 0}
    svg.chart{width:100%;max-width:32rem;height:auto;display:block}
    svg.chart text{font-size:14px;fill:var(--ink)}
    svg.chart text.value{font-weight:600}
    svg.chart .bar.funded{fill:var(--funded)}
    svg.chart .bar.open{fill:var(--open)}
    svg.chart .bar.flag{fill:var(--flag)}
    svg.chart .bar.plain{fill:var(--accent)}
    svg.chart .bar.back{fill:var(--back);stroke:var(--back-edge);stroke-width:1}
    svg.chart line.reference{stroke:var(--ink);stroke-dasharray:4 3;stroke-width:1}
    svg.chart text.reference-label{font-size:14px;fill:var(--muted)}
    figcaption{font-size:.9rem;color:var(--muted)}
    details summary{cursor:pointer;color:var(--accent);margin:.3rem 0}
    .projects{list-style:none;padding:0;margin:0}
    .project{border:1px solid var(--line);border-left:6px solid var(--open);border-radius:.4rem;padding:.6rem .8rem;margin:.6rem 0}
    .project.funded{border-left-color:var(--funded)}
    .project h4{margin:0 0 .2rem;font-size:1.05rem}
    .project .status{font-weight:600}
    .project.funded .status{color:var(--funded)}
    .project dl{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;margin:.3rem 0}
    .project dl div{display:flex;gap:.3rem}
    .project dt{color:var(--muted)}
    .project dd{margin:0;font-weight:600}
    .reason{margin:.3rem 0 0;font-size:.95rem}
    .note{background:#f5f7f9;border-left:4px solid var(--accent);padding:.5rem .8rem;margin:.8rem 0}
    .flagtext{color:var(--flag);font-weight:600}
    code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem}
    pre{background:#f5f7f9;padding:.6rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
    code.hex{word-break:break-all}
    footer{max-width:60rem;margin:2rem auto 1rem;padding:0 1rem;color:var(--muted);font-size:.85rem}
    a{color:var(--accent)}
    @media (max-width:30rem){main{padding:.7rem}h1{font-size:1.35rem}table.data{font-size:.85rem}}
    """
}
