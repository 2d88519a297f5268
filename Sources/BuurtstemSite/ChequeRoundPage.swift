import Buurtstem

/// The results page of a cheque round: every initiative with what it collected and whether it is funded, where the
/// money went, who pays it when a budget plan is named, reach per buurt, and how to verify it yourself.
enum ChequeRoundPage {
    /// The whole page.
    static func html(_ report: ChequeRoundReport) -> String {
        var body = "<header class=\"top\"><p>\(HTML.escape(report.gemeenteName)) · \(HTML.both("chequeronde", "cheque round"))</p>"
            + "<h1>\(HTML.both("Buurtcheques", "Neighbourhood cheques")) <code>\(HTML.escape(report.round))</code></h1>"
            + "<p>\(HTML.both("Geldig", "Valid")): \(HTML.escape(ChequeCalendar.dutch(report.issueDate))) – \(HTML.escape(ChequeCalendar.dutch(report.validUntil))) · "
            + "\(HTML.both("per cheque", "per cheque")) \(SiteFormat.money(report.valueCents)) · \(HTML.both("afgerekend", "settled")) \(HTML.escape(SiteFormat.instant(report.settledAt)))</p></header>"
        let funded = report.initiatives.filter(\.funded).count
        body += Page.figures([
            ("Cheques uitgegeven", "Cheques issued", SiteFormat.count(report.chequesIssued), "issued"),
            ("Ingewisseld", "Redeemed", SiteFormat.count(report.chequesRedeemed), "redeemed"),
            ("Bereik", "Reach", SiteFormat.percent(report.reach.total.turnoutPercent), "reach"),
            ("Naar initiatieven", "Paid to initiatives", SiteFormat.money(report.fundedCents), "funded"),
            ("Initiatieven", "Initiatives funded", "\(funded) / \(report.initiatives.count)", "initiatives"),
        ])
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
            id: "initiatives", title: "Opgehaald per initiatief / Collected per initiative",
            description: "Lichte balk: doelbedrag; donkere balk: opgehaald (groen: gefinancierd). / Light bar: target; dark bar: collected (green: funded).",
            bars: report.initiatives.map {
                .init(label: $0.title, value: $0.collectedCents, text: SiteFormat.money($0.collectedCents), style: $0.funded ? "funded" : "open",
                      background: $0.targetCents)
            })
        // Who pays each initiative stands next to its outcome, only when a plan was named.
        let paidBy = report.coFunding != nil
        let rows = report.initiatives.map { line in
            var cells: [Table.Cell] = [.text(line.title), .html("\(HTML.escape(line.buurtName)) <span class=\"en\">\(HTML.escape(line.buurt))</span>"),
                                       .number(SiteFormat.money(line.targetCents), key: "target-cents", value: "\(line.targetCents)"),
                                       .number(SiteFormat.count(line.cheques), key: "cheques", value: "\(line.cheques)"),
                                       .number(SiteFormat.money(line.collectedCents), key: "collected-cents", value: "\(line.collectedCents)"),
                                       .html(line.funded ? HTML.both("gefinancierd", "funded") : HTML.both("niet gefinancierd", "not funded"))]
            if paidBy { cells.append(.html(line.funders.isEmpty ? "–" : CoFundingSection.paidBy(line.funders))) }
            cells.append(.html("<span lang=\"en\">\(HTML.escape(line.reason))</span>"))
            return Table.Row(cells: cells, attributes: " data-initiative=\"\(line.id)\" data-funded=\"\(line.funded)\"", style: line.funded ? "funded" : "")
        }
        var headers = [HTML.both("Initiatief", "Initiative"), HTML.both("Buurt", "Buurt"), HTML.both("Doel", "Target"), HTML.both("Cheques", "Cheques"),
                       HTML.both("Opgehaald", "Collected"), HTML.both("Uitkomst", "Outcome")]
        if paidBy { headers.append(HTML.both("Betaald door", "Paid by")) }
        headers.append(HTML.both("Waarom", "Why"))
        decided += chart.figure(table: Table(headers: headers, rows: rows).html)
        body += Page.section(id: "besluit", dutch: "Wat is besloten", english: "What was decided", decided)
        var money = Page.figures([
            ("Uitgegeven", "Issued", SiteFormat.money(report.issuedCents), "issued-cents"),
            ("Ingewisseld", "Redeemed", SiteFormat.money(report.redeemedCents), "redeemed-cents"),
            ("Naar initiatieven", "To initiatives", SiteFormat.money(report.fundedCents), "funded-cents"),
            ("Terug (doel niet gehaald)", "Back (target missed)", SiteFormat.money(report.returnedCents), "returned-cents"),
            ("Terug (niet ingewisseld)", "Back (unredeemed)", SiteFormat.money(report.unredeemedCents), "unredeemed-cents"),
        ])
        let areaRows = report.areas.map { area in
            Table.Row(cells: [.html("\(HTML.escape(area.name)) <span class=\"en\">\(HTML.escape(area.code))</span>"),
                              .number(SiteFormat.money(area.budgetCents), key: "budget-cents", value: "\(area.budgetCents)"),
                              .number(SiteFormat.money(area.fundedCents), key: "funded-cents", value: "\(area.fundedCents)"),
                              .number("\(area.fundedProjects) / \(area.projects)")],
                      attributes: " data-code=\"\(HTML.escape(area.code))\"")
        }
        let moneyChart = BarChart(
            id: "money", title: "Geld per wijk / Money per wijk",
            description: "Lichte balk: waarde van de uitgegeven cheques; donkere balk: naar gefinancierde initiatieven. / Light bar: value of cheques issued; dark bar: paid to funded initiatives.",
            bars: report.areas.map {
                .init(label: $0.name, value: $0.fundedCents, text: SiteFormat.money($0.fundedCents), style: "funded", background: $0.budgetCents)
            })
        money += moneyChart.figure(table: Table(headers: [HTML.both("Wijk", "Wijk"), HTML.both("Cheques (waarde)", "Cheques (value)"),
                                                          HTML.both("Naar initiatieven", "To initiatives"), HTML.both("Initiatieven", "Initiatives funded")],
                                                rows: areaRows).html)
        body += Page.section(id: "geld", dutch: "Geld per wijk", english: "Money per wijk", money)
        if let coFunding = report.coFunding { body += CoFundingSection.html(coFunding, of: .initiatives) }
        body += ReachSection.html(report.reach, ballots: false)
        body += VerifySection.html(report.verification, receipt: false)
        body += Page.section(id: "bestanden", dutch: "Bestanden voor journalisten", english: "Files for journalists", Page.downloads([
            ("report.json", "alle cijfers van deze pagina", "every number on this page"),
            ("initiatives.csv", "elk initiatief met cheques en uitkomst", "every initiative with cheques and outcome"),
            ("areas.csv", "geld per wijk", "money per wijk"),
            ("reach-buurten.csv", "bereik per buurt", "reach per buurt"),
            ("reach-wijken.csv", "bereik per wijk", "reach per wijk"),
        ] + (report.coFunding == nil ? [] : [CoFundingSection.download(of: .initiatives)])))
        return Page.document(title: "Buurtcheques \(report.round) – \(report.gemeenteName)", body: body)
    }
}
