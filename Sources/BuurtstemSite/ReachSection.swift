import Buurtstem

/// The reach and representativeness section, shared by election and cheque-round pages: a chart of turnout per
/// buurt with the flagged buurten marked, the table behind it, and the same per wijk.
enum ReachSection {
    /// The section; `ballots` is true for an election (passes and ballots), false for a cheque round.
    static func html(_ reach: Reach, ballots: Bool) -> String {
        let what = ballots ? ("stemmen", "ballots") : ("ingewisselde cheques", "cheques redeemed")
        var body = Page.paragraph(
            "Per buurt: hoeveel huishoudens er zijn, hoeveel \(ballots ? "stempassen" : "cheques") er zijn uitgegeven en hoeveel "
                + "\(what.0) er zijn. Een buurt is ondervertegenwoordigd (rood, met ▼ en het woord erbij) als haar aandeel in de \(what.0) meer dan \(reach.marginPercent) % "
                + "lager is dan haar aandeel in de uitgegeven \(ballots ? "stempassen" : "cheques"). Buurten met minder dan "
                + "\(reach.minimumHouseholds) huishoudens staan samen met andere buurten, zodat niemands deelname te herleiden is.",
            "Per buurt: how many households there are, how many \(ballots ? "voting passes" : "cheques") were issued and how many "
                + "\(what.1) there are. A buurt is under-represented (red, marked ▼ and in words) when its share of the \(what.1) is more than \(reach.marginPercent) % "
                + "below its share of the \(ballots ? "passes" : "cheques") issued. Buurten with fewer than \(reach.minimumHouseholds) "
                + "households are shown together with others, so nobody's participation can be traced.")
        if !reach.buurtCountsAvailable {
            body += "<p class=\"note\">" + HTML.label(
                "De stempassen van deze verkiezing zijn uitgegeven voordat Buurtstem de buurt van een pas bijhield; de opkomst staat per wijk.",
                "This election's passes were issued before Buurtstem kept a pass's buurt; turnout is shown per wijk.") + "</p>"
        }
        let flagged = reach.flagged
        if reach.buurtCountsAvailable {
            body += "<p class=\"note\" data-flagged=\"\(flagged.count)\">" + (flagged.isEmpty
                ? HTML.label("Geen buurt is ondervertegenwoordigd.", "No buurt is under-represented.")
                : HTML.label("▼ Ondervertegenwoordigd: ", "▼ Under-represented: ") + HTML.escape(flagged.map(\.name).joined(separator: "; ")))
                + "</p>"
            let chart = BarChart(
                id: "reach-buurten",
                title: ballots ? SiteLanguage.text("Opkomst per buurt", "Turnout per buurt") : SiteLanguage.text("Bereik per buurt", "Reach per buurt"),
                description: SiteLanguage.text(
                    (ballots ? "Stemmen per uitgegeven stempas, per buurt" : "Ingewisselde cheques per uitgegeven cheque, per buurt")
                        + "; rood met ▼: ondervertegenwoordigd; de stippellijn is het gemiddelde.",
                    (ballots ? "Ballots per pass issued" : "Cheques redeemed per cheque issued")
                        + " per buurt; red with ▼: under-represented; the dashed line is the average."),
                bars: reach.buurten.map {
                    .init(label: label($0), value: Int64(($0.turnoutPercent * 10).rounded()),
                          text: turnout($0) + ($0.couldTakePart ? "" : SiteLanguage.text(" (geen initiatief)", " (no initiative)")),
                          style: $0.underRepresented ? "flag" : $0.couldTakePart ? "plain" : "open")
                },
                reference: (Int64((reach.total.turnoutPercent * 10).rounded()),
                            SiteLanguage.text("gemiddeld", "average") + " \(SiteFormat.percent(reach.total.turnoutPercent))"))
            body += "<h3>\(HTML.label("Per buurt", "Per buurt"))</h3>" + chart.figure(table: table(reach.buurten, total: reach.total, ballots: ballots, id: "reach-buurten-table",
                                                                                      caption: SiteLanguage.text("Per buurt", "Per buurt")))
        }
        let wijkChart = BarChart(
            id: "reach-wijken", title: ballots ? SiteLanguage.text("Opkomst per wijk", "Turnout per wijk") : SiteLanguage.text("Bereik per wijk", "Reach per wijk"),
            description: ballots ? SiteLanguage.text("Stemmen per uitgegeven stempas, per wijk.", "Ballots per pass issued, per wijk.")
                : SiteLanguage.text("Ingewisselde cheques per uitgegeven cheque, per wijk.", "Cheques redeemed per cheque issued, per wijk."),
            bars: reach.wijken.map {
                .init(label: label($0), value: Int64(($0.turnoutPercent * 10).rounded()), text: turnout($0),
                      style: $0.underRepresented ? "flag" : "plain")
            })
        body += "<h3>\(HTML.label("Per wijk", "Per wijk"))</h3>" + wijkChart.figure(table: table(reach.wijken, total: reach.total, ballots: ballots, id: "reach-wijken-table",
                                                                                          caption: SiteLanguage.text("Per wijk", "Per wijk")))
        return Page.section(id: "bereik", dutch: ballots ? "Opkomst en bereik per buurt" : "Bereik per buurt",
                            english: ballots ? "Turnout and reach per buurt" : "Reach per buurt", body)
    }

    /// An area's turnout (or reach), "–" where nothing was issued.
    static func turnout(_ line: ReachLine) -> String {
        SiteFormat.share(line.turnoutPercent, of: line.issued)
    }

    /// An area's label in a chart: its name, and for an under-represented area a marker in words, so the flag is
    /// not told by colour alone.
    static func label(_ line: ReachLine) -> String {
        line.underRepresented ? line.name + SiteLanguage.text(" ▼ ondervertegenwoordigd", " ▼ under-represented") : line.name
    }

    /// The table behind a reach chart: one row per area and the total.
    static func table(_ lines: [ReachLine], total: ReachLine, ballots: Bool, id: String, caption: String) -> String {
        var headers = [HTML.label("Gebied", "Area"), HTML.label("Huishoudens", "Households"),
                       ballots ? HTML.label("Stempassen", "Passes issued") : HTML.label("Cheques", "Cheques issued")]
        if ballots { headers += [HTML.label("Stemzuil", "Kiosk"), HTML.label("Papier", "Paper")] }
        headers += [ballots ? HTML.label("Stemmen", "Ballots") : HTML.label("Ingewisseld", "Redeemed"),
                    ballots ? HTML.label("Opkomst", "Turnout") : HTML.label("Bereik", "Reach"),
                    HTML.label("Aandeel uitgegeven", "Share issued"),
                    HTML.label(ballots ? "Aandeel stemmen" : "Aandeel ingewisseld", ballots ? "Share of ballots" : "Share redeemed"),
                    HTML.label("Verschil", "Difference"), HTML.label("Verhouding", "Ratio"), HTML.label("Signaal", "Flag")]
        func row(_ line: ReachLine, style: String) -> Table.Row {
            var cells: [Table.Cell] = [.html("\(HTML.escape(line.name)) <span class=\"muted\">\(HTML.escape(line.code))</span>"),
                                       .number(SiteFormat.count(line.households), key: "households", value: "\(line.households)"),
                                       .number(SiteFormat.count(line.issued), key: "issued", value: "\(line.issued)")]
            if ballots {
                cells += [.number(SiteFormat.count(line.ballotsKiosk ?? 0), key: "kiosk", value: "\(line.ballotsKiosk ?? 0)"),
                          .number(SiteFormat.count(line.ballotsPaper ?? 0), key: "paper", value: "\(line.ballotsPaper ?? 0)")]
            }
            cells += [.number(SiteFormat.count(line.participation), key: "participation", value: "\(line.participation)"),
                      .number(turnout(line), key: "turnout", value: "\(line.turnoutPercent)"),
                      .number(SiteFormat.percent(line.issuedSharePercent)),
                      .number(SiteFormat.percent(line.participationSharePercent)),
                      .number(line.level == .total ? "" : SiteFormat.points(line.gapPoints)),
                      .number(line.level == .total ? "" : SiteFormat.decimal(line.representation, places: 2)),
                      .html(line.underRepresented ? "<span class=\"flagtext\">\(HTML.label("▼ ondervertegenwoordigd", "▼ under-represented"))</span>"
                            : line.couldTakePart ? "" : HTML.label("geen initiatief binnen bereik", "no initiative in scope"))]
            return Table.Row(cells: cells, attributes: " data-code=\"\(HTML.escape(line.code))\" data-flagged=\"\(line.underRepresented)\"",
                             style: style)
        }
        let rows = lines.map { row($0, style: $0.underRepresented ? "flag" : "") } + [row(total, style: "total")]
        return "<div id=\"\(id)\">" + Table(caption: caption, headers: headers, rows: rows).html + "</div>"
    }
}
