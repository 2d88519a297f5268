import Buurtstem

/// The raad's year view: per wijk over every election and cheque round of the period.
enum YearPage {
    /// The whole page.
    static func html(_ report: YearReport) -> String {
        let t = report.total
        var body = "<header class=\"top\"><p>\(HTML.escape(report.gemeenteName)) · \(HTML.label("overzicht voor de raad", "overview for the raad"))</p>"
            + "<h1>\(HTML.label("Wijkbudgetten \(report.period.from) – \(report.period.to)", "Neighbourhood budgets \(report.period.from) – \(report.period.to)"))</h1></header>"
        body += Page.figures([
            ("Budget", "Budget", SiteFormat.money(t.budgetCents), "budget"),
            ("Toegezegd", "Committed", SiteFormat.money(t.committedCents), "committed"),
            ("Betaald (cheques)", "Paid (cheques)", SiteFormat.money(t.paidCents), "paid"),
            ("Projecten", "Funded projects", SiteFormat.count(t.fundedProjects), "projects"),
            ("Opkomst", "Turnout", SiteFormat.percent(t.turnoutPercent), "turnout"),
            ("Chequebereik", "Cheque reach", SiteFormat.share(t.chequeReachPercent, of: t.chequesInScope), "reach"),
        ])
        body += Page.paragraph(
            "Budget: de budgetten van de stemmingen plus de waarde van de uitgegeven cheques. Toegezegd: de kosten van de gefinancierde projecten plus wat gefinancierde cheque-initiatieven ophaalden. Betaald: wat afgerekende chequerondes uitbetaalden; betalingen aan projecten uit stemmingen lopen buiten Buurtstem. Chequebereik: ingewisselde cheques per cheque uitgegeven in buurten waar een initiatief binnen bereik was; een wijk zonder zo'n buurt toont –.",
            "Budget: the votes' budgets plus the value of the cheques issued. Committed: the funded projects' cost plus what funded cheque initiatives collected. Paid: what settled cheque rounds paid out; payments to projects from votes are made outside Buurtstem. Cheque reach: cheques redeemed per cheque issued in buurten where an initiative was in scope; a wijk without such a buurt shows –.")
        let chart = BarChart(
            id: "year-money", title: SiteLanguage.text("Budget en toegezegd per wijk", "Budget and committed per wijk"),
            description: SiteLanguage.text("Lichte balk met rand: budget; donkere balk: toegezegd.", "Light outlined bar: budget; dark bar: committed."),
            bars: report.wijken.filter { $0.budgetCents > 0 || $0.committedCents > 0 }.map {
                .init(label: $0.name, value: $0.committedCents, text: SiteFormat.money($0.committedCents), style: "funded", background: $0.budgetCents)
            })
        func row(_ line: YearReport.WijkYear, style: String) -> Table.Row {
            Table.Row(cells: [.html("\(HTML.escape(line.name)) <span class=\"muted\">\(HTML.escape(line.code))</span>"),
                              .number(SiteFormat.money(line.budgetCents), key: "budget-cents", value: "\(line.budgetCents)"),
                              .number(line.capCents.map(SiteFormat.money) ?? "–"),
                              .number(SiteFormat.money(line.committedCents), key: "committed-cents", value: "\(line.committedCents)"),
                              .number(SiteFormat.money(line.paidCents), key: "paid-cents", value: "\(line.paidCents)"),
                              .number(SiteFormat.count(line.fundedProjects)),
                              .number(SiteFormat.count(line.ballotsCounted) + " / " + SiteFormat.count(line.passesIssued)),
                              .number(SiteFormat.share(line.turnoutPercent, of: line.passesIssued), key: "turnout", value: "\(line.turnoutPercent)"),
                              .number(SiteFormat.count(line.chequesRedeemed) + " / " + SiteFormat.count(line.chequesIssued)),
                              .number(SiteFormat.share(line.chequeReachPercent, of: line.chequesInScope), key: "reach", value: "\(line.chequeReachPercent)")],
                      attributes: " data-code=\"\(HTML.escape(line.code))\"", style: style)
        }
        let table = Table(caption: SiteLanguage.text("Per wijk over het jaar", "Per wijk over the year"), headers: [HTML.label("Wijk", "Wijk"), HTML.label("Budget", "Budget"), HTML.label("Plafond", "Cap"),
                                    HTML.label("Toegezegd", "Committed"), HTML.label("Betaald", "Paid"), HTML.label("Projecten", "Funded"),
                                    HTML.label("Stemmen / passen", "Ballots / passes"), HTML.label("Opkomst", "Turnout"),
                                    HTML.label("Cheques in / uit", "Cheques redeemed / issued"), HTML.label("Bereik", "Reach")],
                          rows: report.wijken.map { row($0, style: "") } + [row(report.total, style: "total")])
        body += Page.section(id: "wijken", dutch: "Per wijk", english: "Per wijk", chart.figure(table: table.html, open: true))
        func proposalRow(_ line: YearReport.WijkYear, style: String) -> Table.Row {
            let p = line.proposals
            return Table.Row(cells: [.html("\(HTML.escape(line.name)) <span class=\"muted\">\(HTML.escape(line.code))</span>"),
                                     .number(SiteFormat.count(p.received), key: "received", value: "\(p.received)"),
                                     .number(SiteFormat.count(p.admitted), key: "admitted", value: "\(p.admitted)"),
                                     .number(SiteFormat.count(p.rejected), key: "rejected", value: "\(p.rejected)"),
                                     .number(SiteFormat.count(p.funded), key: "funded", value: "\(p.funded)"),
                                     .number(SiteFormat.money(p.committedCents), key: "committed-cents", value: "\(p.committedCents)"),
                                     .number(SiteFormat.money(p.paidCents), key: "paid-cents", value: "\(p.paidCents)"),
                                     .number(SiteFormat.money(p.returnedCents), key: "returned-cents", value: "\(p.returnedCents)"),
                                     .number(SiteFormat.money(p.openCents), key: "open-cents", value: "\(p.openCents)")],
                             attributes: " data-wijk=\"\(HTML.escape(line.code))\"", style: style)
        }
        body += Page.section(id: "aanvragen", dutch: "Aanvragen: van aanvraag tot betaling", english: "Proposals: from application to payment",
                             Page.paragraph("Per wijk de aanvragen van bewoners die in deze periode binnenkwamen: hoeveel getoetst werden toegelaten of afgewezen (met redenen, op de pagina's van de aanvragen), hoeveel gefinancierd, en het geld: toegekend, betaald, terug naar het budget en nog open, op de cent. Elke stap staat in het ondertekende logboek van de aanvragen.",
                                            "Per wijk the residents' proposals received in this period: how many the toetsing admitted or rejected (with reasons, on the proposals' pages), how many were funded, and the money: committed, paid, returned to the budget and still open, to the cent. Every step is in the signed proposals log.")
                             + Table(caption: SiteLanguage.text("Aanvragen per wijk", "Proposals per wijk"),
                                     headers: [HTML.label("Wijk", "Wijk"), HTML.label("Ontvangen", "Received"), HTML.label("Toegelaten", "Admitted"),
                                               HTML.label("Afgewezen", "Rejected"), HTML.label("Gefinancierd", "Funded"), HTML.label("Toegekend", "Committed"),
                                               HTML.label("Betaald", "Paid"), HTML.label("Terug", "Returned"), HTML.label("Nog open", "Still open")],
                                     rows: report.wijken.filter { $0.proposals.received > 0 }.map { proposalRow($0, style: "") }
                                         + [proposalRow(report.total, style: "total")]).html)
        body += YearAccount.section(report)
        let items = report.items.map { item in
            Table.Row(cells: [.text(item.kind == "election" ? SiteLanguage.text("stemming", "vote") : SiteLanguage.text("chequeronde", "cheque round")), .html("<code>\(HTML.escape(item.id))</code>"),
                              .text(item.title), .text(SiteFormat.instant(item.date)),
                              .text(item.included ? SiteLanguage.text("meegeteld", "included") : SiteLanguage.text("niet meegeteld", "left out") + ": \(item.note ?? "")")])
        }
        body += Page.section(id: "rondes", dutch: "Stemmingen en chequerondes", english: "Votes and cheque rounds",
                             Table(caption: SiteLanguage.text("Stemmingen en chequerondes", "Votes and cheque rounds"), headers: [HTML.label("Soort", "Kind"), "Id", HTML.label("Titel", "Title"), HTML.label("Datum", "Date"),
                                             HTML.label("Status", "Status")], rows: items).html)
        body += Page.section(id: "bestanden", dutch: "Bestanden", english: "Files", Page.downloads([
            ("report.json", "alle cijfers van deze pagina", "every number on this page"),
            ("wijken.csv", "per wijk", "per wijk"),
            ("items.csv", "de stemmingen en rondes", "the votes and rounds"),
            ("aanvragen.csv", "de aanvragen per wijk en financier", "the proposals per wijk and funder"),
            ("verantwoording.csv", "de verantwoording per wijk: van plan tot bereik", "the account per wijk: from plan to reach"),
        ]))
        return Page.document(title: "Wijkbudgetten \(report.period.from) – \(report.period.to) – \(report.gemeenteName)", file: "index.html", wide: true, body: body)
    }
}
