import Buurtstem
import Foundation

/// The aanvragen on the results site: an overview of every proposal with its status, and a page per proposal
/// with its status timeline, the decision and its reasons in plain Dutch, and what was paid.
enum ProposalPages {
    /// The file name of proposal `id`'s page.
    static func fileName(_ id: Int64) -> String { "aanvraag-\(id).html" }

    /// A moment of the log, for people.
    static func moment(_ millis: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        return SiteFormat.instant(formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000)))
    }

    /// The overview page.
    static func index(_ overview: ProposalsOverview) -> String {
        var body = "<header class=\"top\"><p>\(HTML.escape(overview.gemeenteName)) · \(HTML.label("aanvragen", "proposals"))</p>"
            + "<h1>\(HTML.label("Aanvragen en besluiten", "Proposals and decisions"))</h1></header>"
        let paid = overview.proposals.reduce(Int64(0)) { $0 + $1.paidCents }
        body += Page.figures([
            ("Aanvragen", "Proposals", SiteFormat.count(overview.proposals.count), "proposals"),
            ("Toegelaten of verder", "Admitted or further", SiteFormat.count(overview.proposals.filter { ![.received, .inReview, .rejected, .withdrawn].contains($0.status) }.count), "admitted"),
            ("Afgewezen", "Rejected", SiteFormat.count(overview.proposals.filter { $0.status == .rejected }.count), "rejected"),
            ("Betaald", "Paid", SiteFormat.money(paid), "paid-cents"),
        ])
        body += Page.paragraph(
            "Elke stap van elke aanvraag staat in het ondertekende logboek van de gemeente; met buurtstem-verify kan iedereen controleren dat statussen alleen vooruit gaan, dat elk besluit op de beoordeelde criteria berust en dat niemand oordeelde over een aanvraag waarbij hij of zij belang had.",
            "Every step of every proposal is in the gemeente's signed log; with buurtstem-verify anyone can check that statuses only move forward, that every decision rests on the judged criteria, and that nobody judged a proposal they had an interest in.")
        let rows = overview.proposals.map { proposal in
            Table.Row(cells: [.html("<a href=\"\(SiteLanguage.current.fileName(fileName(proposal.id)))\">\(HTML.escape(proposal.title))</a>"),
                              .html("\(HTML.escape(proposal.areaName)) <span class=\"muted\">\(HTML.escape(proposal.area))</span>"),
                              .number(SiteFormat.money(proposal.requestedCents), key: "requested-cents", value: "\(proposal.requestedCents)"),
                              .text(proposal.statusText),
                              .number(SiteFormat.money(proposal.paidCents), key: "paid-cents", value: "\(proposal.paidCents)")],
                      attributes: " data-proposal=\"\(proposal.id)\" data-status=\"\(proposal.status.rawValue)\"")
        }
        body += Page.section(id: "aanvragen", dutch: "Alle aanvragen", english: "Every proposal",
                             Table(caption: SiteLanguage.text("Alle aanvragen", "Every proposal"), headers: [HTML.label("Aanvraag", "Proposal"), HTML.label("Gebied", "Area"), HTML.label("Gevraagd", "Requested"),
                                             HTML.label("Status", "Status"), HTML.label("Betaald", "Paid")], rows: rows).html)
        let wijkRows = overview.wijken.map { wijk in
            Table.Row(cells: [.html("\(HTML.escape(wijk.name)) <span class=\"muted\">\(HTML.escape(wijk.code))</span>"),
                              .number(SiteFormat.count(wijk.proposals)),
                              .number(SiteFormat.money(wijk.requestedCents), key: "requested-cents", value: "\(wijk.requestedCents)"),
                              .number(SiteFormat.money(wijk.committedCents), key: "committed-cents", value: "\(wijk.committedCents)"),
                              .number(SiteFormat.money(wijk.paidCents), key: "paid-cents", value: "\(wijk.paidCents)"),
                              .number(SiteFormat.money(wijk.returnedCents), key: "returned-cents", value: "\(wijk.returnedCents)"),
                              .number(SiteFormat.money(wijk.openCents), key: "open-cents", value: "\(wijk.openCents)")],
                      attributes: " data-wijk=\"\(HTML.escape(wijk.code))\"")
        }
        body += Page.section(id: "geld", dutch: "Geld per wijk", english: "Money per wijk",
                             Page.paragraph("Toegekend = het bedrag waarvoor elke aanvraag is gefinancierd (het gevraagde, of minder als zo besloten); wat een afgeronde aanvraag niet gebruikte, gaat terug. Betaald, terug en nog open tellen op tot het toegekende bedrag, op de cent.",
                                            "Committed = the amount every funded proposal is funded at (the requested amount, or less where so decided); what a finished one did not use flows back. Paid, returned and still open add up to the committed amount, to the cent.")
                             + Table(caption: SiteLanguage.text("Geld per wijk", "Money per wijk"), headers: [HTML.label("Wijk", "Wijk"), HTML.label("Aanvragen", "Proposals"), HTML.label("Gevraagd", "Requested"),
                                               HTML.label("Toegekend", "Committed"), HTML.label("Betaald", "Paid"), HTML.label("Terug", "Returned"),
                                               HTML.label("Nog open", "Still open")], rows: wijkRows).html)
        let funderRows = overview.wijken.flatMap { wijk in
            wijk.funders.map { funder in
                Table.Row(cells: [.text(wijk.name), .text(funder.funder)] + money(funder), attributes: " data-wijk=\"\(HTML.escape(wijk.code))\"")
            }
        } + overview.funders.map { funder in
            Table.Row(cells: [.text(SiteLanguage.text("Alle wijken", "All wijken")), .text(funder.funder)] + money(funder), attributes: " data-total=\"true\"")
        }
        body += Page.section(id: "financiers", dutch: "Wie betaalt wat", english: "Who pays what",
                             Page.paragraph("Medefinanciers betalen mee naar wat ze toezegden, de gemeente de rest. Elk bedrag wordt naar die verhouding verdeeld, op hele centen (de grootste resten krijgen de overgebleven centen); per wijk en per financier tellen betaald, terug en nog open op tot het toegekende bedrag.",
                                            "Co-funders pay in proportion to what they pledged, the gemeente the rest. Every amount is split in that proportion in whole cents (the largest remainders get the cents left over); per wijk and per funder, paid, returned and still open add up to the committed amount.")
                             + Table(caption: SiteLanguage.text("Wie betaalt wat, per wijk en financier", "Who pays what, per wijk and funder"),
                                     headers: [HTML.label("Wijk", "Wijk"), HTML.label("Financier", "Funder"), HTML.label("Toegekend", "Committed"),
                                               HTML.label("Betaald", "Paid"), HTML.label("Terug", "Returned"), HTML.label("Nog open", "Still open")],
                                     rows: funderRows).html)
        body += Page.section(id: "bestanden", dutch: "Bestanden", english: "Files", Page.downloads([
            ("report.json", "alle gegevens van deze pagina's", "all data of these pages"),
            ("proposals.csv", "de aanvragen als tabel", "the proposals as a table"),
            ("funders.csv", "wie betaalt wat, per wijk en financier", "who pays what, per wijk and funder"),
        ]))
        return Page.document(title: "Aanvragen – \(overview.gemeenteName)", file: "index.html", body: body)
    }

    /// One proposal's page.
    static func page(_ proposal: ProposalDetails, gemeente: String) -> String {
        var body = "<header class=\"top\"><p><a href=\"\(SiteLanguage.current.fileName("index.html"))\">\(HTML.escape(gemeente)) · \(HTML.label("aanvragen", "proposals"))</a></p>"
            + "<h1>\(HTML.escape(proposal.title))</h1>"
            + "<p>\(HTML.escape(proposal.areaName)) · status: <strong data-status=\"\(proposal.status.rawValue)\">\(HTML.escape(proposal.statusText))</strong></p></header>"
        if !proposal.description.isEmpty { body += "<p>\(HTML.escape(proposal.description))</p>" }
        if let funded = proposal.fundedCents, let reason = proposal.fundingReason {
            body += Page.paragraph("Gefinancierd voor \(SiteFormat.money(funded)) in plaats van het gevraagde bedrag: \(reason)",
                                   "Funded at \(SiteFormat.money(funded)) instead of the amount requested: \(reason)")
        }
        body += Page.figures([
            ("Gevraagd", "Requested", SiteFormat.money(proposal.requestedCents), "requested-cents"),
            ("Eigen inbreng (uren)", "Own contribution (hours)", SiteFormat.count(proposal.ownHours), "own-hours"),
            ("Eigen inbreng (geld)", "Own contribution (money)", SiteFormat.money(proposal.ownCents), "own-cents"),
        ] + (proposal.fundedCents.map { [("Gefinancierd", "Funded", SiteFormat.money($0), "funded-cents")] } ?? []) + [
            ("Betaald", "Paid", SiteFormat.money(proposal.paidCents), "paid-cents"),
        ] + (proposal.returnedCents.map { [("Terug naar het budget", "Back to the budget", SiteFormat.money($0), "returned-cents")] } ?? []))
        let costs = proposal.costs.map { Table.Row(cells: [.text($0.name), .number(SiteFormat.money($0.cents), key: "cents", value: "\($0.cents)")]) }
        var details = Table(caption: SiteLanguage.text("Kosten", "Costs"), headers: [HTML.label("Kostenpost", "Cost item"), HTML.label("Bedrag", "Amount")], rows: costs).html
        if !proposal.coFunders.isEmpty {
            details += Table(caption: SiteLanguage.text("Medefinanciers", "Co-funders"), headers: [HTML.label("Medefinancier", "Co-funder"), HTML.label("Bedrag", "Amount")],
                             rows: proposal.coFunders.map { Table.Row(cells: [.text($0.name), .number(SiteFormat.money($0.cents))]) }).html
        }
        if !proposal.goals.isEmpty {
            details += "<p>\(HTML.label("Doelen uit het wijkperspectief", "Goals of the wijkperspectief")):</p><ul>"
                + proposal.goals.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
        }
        body += Page.section(id: "aanvraag", dutch: "De aanvraag", english: "The proposal", details)
        if let decision = proposal.decision {
            body += Page.section(id: "besluit", dutch: "Besluit en redenen", english: "Decision and reasons",
                                 "<div class=\"decision\">" + decision.split(separator: "\n").map { "<p>\(HTML.escape(String($0)))</p>" }.joined() + "</div>")
        }
        if let funding = proposal.fundingDecision {
            let byWijkteam = funding.route == .decidedByWijkteam
            let english = funding.outcome == .funded ? "funded" : "not funded"
            let (heading, who) = if byWijkteam {
                (HTML.label("Besluit van het wijkteam", "The wijkteam's decision"),
                 HTML.label("Het wijkteam besloot zelf over deze aanvraag, zonder stemming: \(funding.outcome.dutch).",
                            "The wijkteam decided on this proposal itself, without a vote: \(english)."))
            } else if let round = funding.chequeRound {
                (HTML.label("Uitslag van de chequeronde", "The cheque round's result"),
                 HTML.label("Bewoners beslisten met hun cheques in chequeronde \(round): \(funding.outcome.dutch).",
                            "Residents decided with their cheques in cheque round \(round): \(english)."))
            } else {
                (HTML.label("Uitslag van de stemdag", "The stemdag's result"),
                 HTML.label("De stemdag besliste over deze aanvraag, volgens de gepubliceerde regel: \(funding.outcome.dutch).",
                            "The stemdag decided on this proposal, by the published rule: \(english)."))
            }
            body += "<section id=\"financiering\" data-route=\"\(funding.route.rawValue)\" data-outcome=\"\(funding.outcome.rawValue)\""
                + (funding.chequeRound.map { " data-cheque-round=\"\(HTML.escape($0))\"" } ?? "") + "><h2>" + heading
                + "</h2><p>\(who)</p><div class=\"decision\">"
                + funding.reasons.split(separator: "\n").map { "<p>\(HTML.escape(String($0)))</p>" }.joined() + "</div></section>"
        }
        let steps = (proposal.history ?? []).map {
            "<li data-sequence=\"\($0.sequence)\"><time>\(HTML.escape(moment($0.timeMillis)))</time> \(HTML.escape($0.text))</li>"
        }.joined()
        body += Page.section(id: "verloop", dutch: "Verloop (uit het ondertekende logboek)", english: "Timeline (from the signed log)", "<ol class=\"timeline\">\(steps)</ol>")
        return Page.document(title: "\(proposal.title) – \(gemeente)", file: fileName(proposal.id), body: body)
    }

    /// The money cells of one funder's row.
    private static func money(_ funder: ProposalFunderMoney) -> [Table.Cell] {
        [.number(SiteFormat.money(funder.committedCents), key: "committed-cents", value: "\(funder.committedCents)"),
         .number(SiteFormat.money(funder.paidCents), key: "paid-cents", value: "\(funder.paidCents)"),
         .number(SiteFormat.money(funder.returnedCents), key: "returned-cents", value: "\(funder.returnedCents)"),
         .number(SiteFormat.money(funder.openCents), key: "open-cents", value: "\(funder.openCents)")]
    }

    /// `funders.csv`: per wijk and funder, then per funder over all wijken (wijk `all`).
    static func fundersCSV(_ overview: ProposalsOverview) -> String {
        let rows = overview.wijken.flatMap { wijk in wijk.funders.map { (wijk.code, $0) } } + overview.funders.map { ("all", $0) }
        return ReportCSV.document(["wijk", "funder", "committed_cents", "paid_cents", "returned_cents", "open_cents"], rows.map { wijk, funder in
            [wijk, funder.funder, "\(funder.committedCents)", "\(funder.paidCents)", "\(funder.returnedCents)", "\(funder.openCents)"]
        })
    }

    /// `proposals.csv`.
    static func csv(_ overview: ProposalsOverview) -> String {
        ReportCSV.document(["id", "area", "title", "requested_cents", "requested_euros", "status", "paid_cents", "returned_cents"],
                           overview.proposals.map {
                               ["\($0.id)", $0.area, $0.title, "\($0.requestedCents)", SiteFormat.plainEuros($0.requestedCents), $0.status.rawValue,
                                "\($0.paidCents)", $0.returnedCents.map { "\($0)" } ?? ""]
                           })
    }
}
