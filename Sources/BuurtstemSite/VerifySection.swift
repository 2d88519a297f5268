import Buurtstem

/// "Verify it yourself": the values that fix the result, the record's files with their SHA-256 and the exact
/// commands.
enum VerifySection {
    /// The section; `receipt` adds the receipt check (elections), saying what a receipt shows in the record of an
    /// election of that secrecy; `recordLink` is the record folder relative to the site, when the report was made
    /// with `--record`.
    static func html(_ verification: ReportVerification, receipt: BallotSecrecy?, recordLink: String?) -> String {
        var body = Page.paragraph(
            "U hoeft de gemeente niet te vertrouwen. Download het gepubliceerde verslag (record) en controleer het op uw eigen computer met de onafhankelijke controle-software: die controleert elke handtekening, telt opnieuw en herberekent de uitkomst.",
            "You do not have to trust the gemeente. Download the published record and check it on your own computer with the independent verifier: it checks every signature, recounts and recomputes the outcome.")
        var links = "<ul class=\"links\">"
        if let recordLink {
            links += "<li><a data-link=\"record\" href=\"\(HTML.escape(recordLink))/\">\(HTML.label("Het verslag (record)", "The record"))</a> "
                + "<code>\(HTML.escape(verification.recordFolder ?? recordLink))</code></li>"
        }
        links += "<li><a data-link=\"verifier\" href=\"\(SiteLanguage.current.fileName(VerifierPage.file))\">"
            + "\(HTML.label("Hoe de controle-software werkt en hoe u haar gebruikt", "How the verifier works and how to use it"))</a></li></ul>"
        body += links
        body += "<pre><code data-command=\"verify\">\(HTML.escape(verification.command))</code></pre>"
        if let receipt {
            body += receipt.isSecret
                ? Page.paragraph("Met uw volgcode van de stemzuil kunt u zien dat uw stem is meegeteld; het verslag toont daar alleen uw versleutelde stem, niet wat u stemde:",
                                 "With the tracking code from the kiosk you can check that your ballot was counted; the record shows only your encrypted ballot there, not how you voted:")
                : Page.paragraph("Met uw volgcode van de stemzuil kunt u zien dat uw stem is meegeteld; stemmen zijn openbaar per stempas, dus het verslag toont daar ook uw keuzes:",
                                 "With the tracking code from the kiosk you can check that your ballot was counted; votes are public per pass, so the record shows your choices there too:")
            let folder = HTML.escape(verification.recordFolder ?? "RECORD_FOLDER"), key = HTML.escape(verification.issuingKey)
            body += "<pre><code>buurtstem receipt check --record \(folder) --receipt VOLGCODE --issuing-key \(key)</code></pre>"
            body += Page.paragraph("Met de code van uw stempas ziet u of, waar en wanneer uw stempas is gebruikt; alles gebeurt op uw eigen computer:",
                                   "With the code on your stempas you can see whether, where and when your pass was used; all on your own computer:")
            body += "<pre><code>buurtstem pass check --record \(folder) --pass STEMPASCODE --issuing-key \(key)</code></pre>"
        }
        let values = verification.values.map { value in
            Table.Row(cells: [.text(SiteLanguage.text(value.label, value.english)), .html("<code class=\"hex\">\(HTML.escape(value.hex))</code>")])
        }
        body += "<h3>\(HTML.label("Vastgelegde waarden", "Fixed values"))</h3>"
            + Table(caption: SiteLanguage.text("Vastgelegde waarden", "Fixed values"), headers: [HTML.label("Wat", "What"), HTML.label("Waarde (hex)", "Value (hex)")], rows: values).html
        if !verification.files.isEmpty {
            body += "<h3>\(HTML.label("Bestanden van het verslag", "Files of the record")) <code>\(HTML.escape(verification.recordFolder ?? ""))</code></h3>"
            body += Page.paragraph("Vergelijk de SHA-256 van de bestanden die u downloadt met deze lijst (bijvoorbeeld met sha256sum).",
                                   "Compare the SHA-256 of the files you download with this list (e.g. with sha256sum).")
            body += Table(caption: SiteLanguage.text("Bestanden van het verslag met hun SHA-256", "Files of the record with their SHA-256"),
                          headers: [HTML.label("Bestand", "File"), HTML.label("Bytes", "Bytes"), "SHA-256"], rows: verification.files.map { file in
                // With the record's place known, each file links to its copy in the record folder.
                let name: Table.Cell = recordLink.map { .html("<a href=\"\(HTML.escape($0))/\(HTML.escape(ResultsSite.urlPath(file.name)))\">\(HTML.escape(file.name))</a>") }
                    ?? .text(file.name)
                return Table.Row(cells: [name, .number(SiteFormat.count(file.bytes)), .html("<code class=\"hex\">\(HTML.escape(file.sha256))</code>")],
                                 attributes: " data-file=\"\(HTML.escape(file.name))\"")
            }).html
        }
        return Page.section(id: "controle", dutch: "Zelf controleren", english: "Verify it yourself", body)
    }
}
