import Buurtstem

/// The results page of a cheque round: every initiative with what it collected and whether it is funded, where the
/// money went, who pays it when a budget plan is named, reach per buurt, and how to verify it yourself.
enum ChequeRoundPage {
    /// The whole page; `recordLink` is the record folder relative to the site (with `--record`).
    static func html(_ report: ChequeRoundReport, recordLink: String?) -> String {
        var body = "<header class=\"top\"><p>\(HTML.escape(report.gemeenteName)) · \(HTML.label("chequeronde", "cheque round"))</p>"
            + "<h1>\(HTML.escape(report.name))</h1>"
            + "<p>\(HTML.label("Geldig", "Valid")): \(HTML.label(ChequeCalendar.dutch(report.issueDate), ChequeCalendar.english(report.issueDate))) – \(HTML.label(ChequeCalendar.dutch(report.validUntil), ChequeCalendar.english(report.validUntil))) · "
            + "\(HTML.label("per cheque", "per cheque")) \(SiteFormat.money(report.valueCents)) · \(HTML.label("afgerekend", "settled")) \(HTML.escape(SiteFormat.instant(report.settledAt)))</p></header>"
        let funded = report.initiatives.filter(\.funded).count
        let reach = reachWhereOpen(report.reach)
        body += Page.figures([
            ("Cheques uitgegeven", "Cheques issued", SiteFormat.count(report.chequesIssued), "issued"),
            ("Ingewisseld", "Redeemed", SiteFormat.count(report.chequesRedeemed), "redeemed"),
            ("Bereik (buurten met een initiatief)", "Reach (buurten with an initiative)", reach.text, "reach"),
            ("Naar initiatieven", "Paid to initiatives", SiteFormat.money(report.fundedCents), "funded"),
            ("Initiatieven", "Initiatives funded", "\(funded) / \(report.initiatives.count)", "initiatives"),
        ])
        body += Page.paragraph(
            "Het bereik telt alleen de buurten waar een initiatief binnen bereik was (\(SiteFormat.count(reach.redeemed)) van \(SiteFormat.count(reach.issued)) cheques ingewisseld); over alle uitgegeven cheques is het \(SiteFormat.percent(report.reach.total.turnoutPercent)).",
            "Reach counts only the buurten where an initiative was in scope (\(SiteFormat.count(reach.redeemed)) of \(SiteFormat.count(reach.issued)) cheques redeemed); over every cheque issued it is \(SiteFormat.percent(report.reach.total.turnoutPercent)).")
        body += Page.contents([("besluit", "Wat is besloten", "What was decided"), ("geld", "Geld per wijk", "Money per wijk")]
            + (report.coFunding == nil ? [] : [CoFundingSection.contentsEntry])
            + [("bereik", "Bereik per buurt", "Reach per buurt"), ("controle", "Zelf controleren", "Verify it yourself"), ("bestanden", "Bestanden", "Files")])
        let scope: (String, String) = switch report.scope {
        case "buurt": ("een initiatief in de eigen buurt", "an initiative in one's own buurt")
        case "wijk": ("een initiatief in de eigen wijk", "an initiative in one's own wijk")
        default: ("elk initiatief in de gemeente", "any initiative in the gemeente")
        }
        var decided = Page.paragraph(
            "Elk huishouden kreeg een cheque van \(SiteFormat.money(report.valueCents)) om te geven aan \(scope.0). Een initiatief dat zijn doelbedrag haalde, krijgt alles wat het ophaalde; het geld van de andere en van niet ingewisselde cheques gaat terug naar de gemeente.",
            "Every household got a cheque of \(SiteFormat.money(report.valueCents)) to give to \(scope.1). An initiative that reached its target gets all it collected; the value given to the others and of unredeemed cheques goes back to the gemeente.")
        let chart = BarChart(
            id: "initiatives", title: SiteLanguage.text("Opgehaald per initiatief", "Collected per initiative"),
            description: SiteLanguage.text("Lichte balk met rand: doelbedrag; donkere balk: opgehaald (groen met ✓: gefinancierd).", "Light outlined bar: target; dark bar: collected (green with ✓: funded)."),
            bars: report.initiatives.map {
                .init(label: $0.title, value: $0.collectedCents, text: SiteFormat.money($0.collectedCents) + ($0.funded ? " ✓" : ""),
                      style: $0.funded ? "funded" : "open",
                      background: $0.targetCents)
            })
        // Who pays each initiative stands next to its outcome, only when a plan was named.
        let paidBy = report.coFunding != nil
        let rows = report.initiatives.map { line in
            var cells: [Table.Cell] = [.html(HTML.dutch(line.title)), .html("\(HTML.escape(line.buurtName)) <span class=\"muted\">\(HTML.escape(line.buurt))</span>"),
                                       .number(SiteFormat.money(line.targetCents), key: "target-cents", value: "\(line.targetCents)"),
                                       .number(SiteFormat.count(line.cheques), key: "cheques", value: "\(line.cheques)"),
                                       .number(SiteFormat.money(line.collectedCents), key: "collected-cents", value: "\(line.collectedCents)"),
                                       .html(line.funded ? HTML.label("gefinancierd", "funded") : HTML.label("niet gefinancierd", "not funded"))]
            if paidBy { cells.append(.html(line.funders.isEmpty ? "–" : CoFundingSection.paidBy(line.funders))) }
            cells.append(.html(HTML.label(ReasonText.initiative(line), line.reason)))
            return Table.Row(cells: cells, attributes: " data-initiative=\"\(line.id)\" data-funded=\"\(line.funded)\"", style: line.funded ? "funded" : "")
        }
        var headers = [HTML.label("Initiatief", "Initiative"), HTML.label("Buurt", "Buurt"), HTML.label("Doel", "Target"), HTML.label("Cheques", "Cheques"),
                       HTML.label("Opgehaald", "Collected"), HTML.label("Uitkomst", "Outcome")]
        if paidBy { headers.append(HTML.label("Betaald door", "Paid by")) }
        headers.append(HTML.label("Waarom", "Why"))
        decided += chart.figure(table: Table(caption: SiteLanguage.text("Alle initiatieven met hun uitkomst", "Every initiative with its outcome"), headers: headers, rows: rows).html)
        body += Page.section(id: "besluit", dutch: "Wat is besloten", english: "What was decided", decided)
        var money = Page.figures([
            ("Uitgegeven", "Issued", SiteFormat.money(report.issuedCents), "issued-cents"),
            ("Ingewisseld", "Redeemed", SiteFormat.money(report.redeemedCents), "redeemed-cents"),
            ("Naar initiatieven", "To initiatives", SiteFormat.money(report.fundedCents), "funded-cents"),
            ("Terug (doel niet gehaald)", "Back (target missed)", SiteFormat.money(report.returnedCents), "returned-cents"),
            ("Terug (niet ingewisseld)", "Back (unredeemed)", SiteFormat.money(report.unredeemedCents), "unredeemed-cents"),
        ])
        let areaRows = report.areas.map { area in
            Table.Row(cells: [.html("\(HTML.escape(area.name)) <span class=\"muted\">\(HTML.escape(area.code))</span>"),
                              .number(SiteFormat.money(area.budgetCents), key: "budget-cents", value: "\(area.budgetCents)"),
                              .number(SiteFormat.money(area.fundedCents), key: "funded-cents", value: "\(area.fundedCents)"),
                              .number("\(area.fundedProjects) / \(area.projects)")],
                      attributes: " data-code=\"\(HTML.escape(area.code))\"")
        }
        let moneyChart = BarChart(
            id: "money", title: SiteLanguage.text("Geld per wijk", "Money per wijk"),
            description: SiteLanguage.text("Lichte balk met rand: waarde van de uitgegeven cheques; donkere balk: naar gefinancierde initiatieven.", "Light outlined bar: value of cheques issued; dark bar: paid to funded initiatives."),
            bars: report.areas.map {
                .init(label: $0.name, value: $0.fundedCents, text: SiteFormat.money($0.fundedCents), style: "funded", background: $0.budgetCents)
            })
        money += moneyChart.figure(table: Table(caption: SiteLanguage.text("Geld per wijk", "Money per wijk"), headers: [HTML.label("Wijk", "Wijk"), HTML.label("Cheques (waarde)", "Cheques (value)"),
                                                          HTML.label("Naar initiatieven", "To initiatives"), HTML.label("Initiatieven", "Initiatives funded")],
                                                rows: areaRows).html)
        body += Page.section(id: "geld", dutch: "Geld per wijk", english: "Money per wijk", money)
        if let coFunding = report.coFunding { body += CoFundingSection.html(coFunding, of: .initiatives) }
        body += ReachSection.html(report.reach, ballots: false)
        body += VerifySection.html(report.verification, receipt: nil, recordLink: recordLink)
        body += Page.section(id: "bestanden", dutch: "Bestanden voor journalisten", english: "Files for journalists", Page.downloads([
            ("report.json", "alle cijfers van deze pagina", "every number on this page"),
            ("initiatives.csv", "elk initiatief met cheques en uitkomst", "every initiative with cheques and outcome"),
            ("areas.csv", "geld per wijk", "money per wijk"),
            ("reach-buurten.csv", "bereik per buurt", "reach per buurt"),
            ("reach-wijken.csv", "bereik per wijk", "reach per wijk"),
        ] + (report.coFunding == nil ? [] : [CoFundingSection.download(of: .initiatives)])))
        return Page.document(title: "\(report.name) – \(report.gemeenteName)", file: "index.html", body: body)
    }

    /// Reach over the buurten that could take part (an initiative in scope), where a resident could do something
    /// with their cheque: a buurt without one would only dilute the share.
    static func reachWhereOpen(_ reach: Reach) -> (issued: Int64, redeemed: Int64, text: String) {
        let open = reach.buurten.filter(\.couldTakePart)
        let issued = open.reduce(0) { $0 + $1.issued }, redeemed = open.reduce(0) { $0 + $1.participation }
        return (issued, redeemed, SiteFormat.share(Double(Percent.tenths(redeemed, of: issued)) / 10, of: issued))
    }
}
