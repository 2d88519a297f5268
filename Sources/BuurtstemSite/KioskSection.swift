import Buurtstem

/// "Stemmen per stembus": per kiosk (and the paper channel) the ballots in its signed log, of which void, and the
/// counted ones, with the totals, so the kiosks' logs reconcile with the ballots counted on the rest of the page.
enum KioskSection {
    /// The section's entry in the page's contents.
    static let contentsEntry = (id: "stembussen", dutch: "Stemmen per stembus", english: "Ballots per kiosk")

    /// The section.
    static func html(_ report: ElectionReport) -> String {
        // A secret election's counted ballots include those found invalid after decryption: the mix unlinks a
        // decrypted ballot from its kiosk, so they are counted per kiosk and named once, in the total.
        let counted = report.ballotsCounted + report.invalidBallots
        var body = Page.paragraph(
            "Elke stemzuil houdt een ondertekend logboek bij van de stemmen die er zijn uitgebracht\(report.secrecy.isSecret ? " (versleuteld)" : ""). Een stem is ongeldig als met dezelfde stempas al eerder was gestemd: alleen de eerste stem van een pas telt, waar die ook is uitgebracht. "
                + "In de logboeken: \(SiteFormat.count(report.ballotsInLogs)); ongeldig: \(SiteFormat.count(report.voidBallots)); geteld: \(SiteFormat.count(counted)).",
            "Every kiosk keeps a signed log of the ballots cast at it\(report.secrecy.isSecret ? " (encrypted)" : ""). A ballot is void when its pass had voted before: only the first ballot of a pass counts, wherever it was cast. "
                + "In the logs: \(SiteFormat.count(report.ballotsInLogs)); void: \(SiteFormat.count(report.voidBallots)); counted: \(SiteFormat.count(counted)).")
        let revoked = report.contests.reduce(0) { $0 + $1.revokedPassBallots }
        if revoked > 0 {
            body += "<p data-revoked-ballots=\"\(revoked)\">" + HTML.label(
                "Ook ongeldig: \(SiteFormat.count(revoked)) \(revoked == 1 ? "stem" : "stemmen") met een stempas die aan de balie is vervangen en ingetrokken. Een locatie met een eigen kopie van de gegevens wist dat nog niet; een ingetrokken stempas telt nooit, de nieuwe stempas van het huishouden wel.",
                "Also void: \(SiteFormat.count(revoked)) \(revoked == 1 ? "ballot" : "ballots") cast with a pass replaced and revoked at the desk. A location with its own copy of the data did not know yet; a revoked pass never counts, the household's new pass does.") + "</p>"
        }
        if report.secrecy.isSecret {
            body += "<p data-decoded=\"\(report.ballotsCounted)\" data-invalid=\"\(report.invalidBallots)\">" + HTML.label(
                "Na het mengen en ontsleutelen: \(SiteFormat.count(report.ballotsCounted)) geldige stemmen bepalen de uitkomst; \(SiteFormat.count(report.invalidBallots)) getelde stemmen waren geen geldig stembiljet (een bewijs dat niet klopte, of een inhoud die geen geldige keuze is). Ontsleutelde stemmen horen niet meer bij een stemzuil, daarom staan ze alleen hier.",
                "After the mix and decryption: \(SiteFormat.count(report.ballotsCounted)) valid ballots decide the outcome; \(SiteFormat.count(report.invalidBallots)) counted ballots were not a valid ballot (a proof that failed, or content that is no valid choice). Decrypted ballots no longer belong to a kiosk, so they are only shown here.") + "</p>"
        }
        func row(_ name: String, _ channel: String, _ inLog: Int64, _ void: Int64, _ counted: Int64, attributes: String, style: String) -> Table.Row {
            Table.Row(cells: [.html(name), .text(channel),
                              .number(SiteFormat.count(inLog), key: "in-log", value: "\(inLog)"),
                              .number(SiteFormat.count(void), key: "void", value: "\(void)"),
                              .number(SiteFormat.count(counted), key: "counted", value: "\(counted)")],
                      attributes: attributes, style: style)
        }
        let rows = report.kiosks.map {
            row("<code>\(HTML.escape($0.kiosk))</code>",
                $0.channel == .paper ? SiteLanguage.text("papier (door medewerkers ingevoerd)", "paper (entered by staff)")
                    : SiteLanguage.text("stemzuil", "kiosk"),
                $0.inLog, $0.void, $0.counted, attributes: " data-kiosk=\"\(HTML.escape($0.kiosk))\"", style: "")
        } + [row(HTML.label("Totaal", "Total"), "", report.ballotsInLogs, report.voidBallots, counted,
                 attributes: " data-kiosk=\"\"", style: "total")]
        body += Table(caption: SiteLanguage.text("Stemmen per stembus: in het logboek, ongeldig en geteld", "Ballots per kiosk: in the log, void and counted"),
                      headers: [HTML.label("Stembus", "Kiosk"), HTML.label("Soort", "Kind"), HTML.label("In het logboek", "In the log"),
                                HTML.label("Ongeldig", "Void"), HTML.label("Geteld", "Counted")], rows: rows).html
        return Page.section(id: contentsEntry.id, dutch: contentsEntry.dutch, english: contentsEntry.english, body)
    }
}
