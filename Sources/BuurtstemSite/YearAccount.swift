import Buurtstem

/// The verantwoording per wijk in the raad's year view (issue 18): for each wijk, plan -> aanvragen -> besluiten ->
/// betalingen -> bereik, with how residents were involved (channels, turnout, cheques).
///
/// One list of figures makes both the page's tables and `verantwoording.csv`, so they cannot disagree; every
/// figure is a field of the year report (`report.json`), which the browser test compares them with.
enum YearAccount {
    /// A step of the verantwoording.
    enum Stage: String, CaseIterable {
        case plan, proposals, decisions, payments, reach

        /// Its name on the page.
        var label: (dutch: String, english: String) {
            switch self {
            case .plan: ("Plan", "Plan")
            case .proposals: ("Aanvragen", "Proposals")
            case .decisions: ("Besluiten", "Decisions")
            case .payments: ("Betalingen", "Payments")
            case .reach: ("Bereik", "Reach")
            }
        }
    }

    /// A figure's value.
    enum Value {
        case count(Int64)
        case money(Int64)
        /// Money that may be unknown (a cap without a plan).
        case optionalMoney(Int64?)
        /// A percentage of `base`; "–" when the base is 0.
        case percent(Double, base: Int64)

        /// As the page shows it.
        var text: String {
            switch self {
            case let .count(value): SiteFormat.count(value)
            case let .money(cents): SiteFormat.money(cents)
            case let .optionalMoney(cents): cents.map(SiteFormat.money) ?? "–"
            case let .percent(value, base): SiteFormat.share(value, of: base)
            }
        }

        /// As the CSV file and the page's data attribute hold it: integers, cents, percent with one decimal as in
        /// `report.json`; empty for an unknown amount.
        var raw: String {
            switch self {
            case let .count(value), let .money(value): "\(value)"
            case let .optionalMoney(cents): cents.map { "\($0)" } ?? ""
            case let .percent(value, _): "\(value)"
            }
        }
    }

    /// One figure: its step, its CSV column (also the row's `data-key`), its label and its value for a wijk.
    struct Figure {
        let stage: Stage
        let key: String
        let dutch: String
        let english: String
        let value: @Sendable (YearReport.WijkYear) -> Value
    }

    /// Every figure, in the order of the steps.
    static let figures: [Figure] = [
        Figure(stage: .plan, key: "budget_cents", dutch: "Budget (stemmingen en cheques)", english: "Budget (votes and cheques)") { .money($0.budgetCents) },
        Figure(stage: .plan, key: "cap_cents", dutch: "Plafond uit het begrotingsplan", english: "Cap from the budget plan") { .optionalMoney($0.capCents) },
        Figure(stage: .proposals, key: "proposals_received", dutch: "Ontvangen", english: "Received") { .count(Int64($0.proposals.received)) },
        Figure(stage: .proposals, key: "proposals_admitted", dutch: "Toegelaten na toetsing", english: "Admitted after assessment") { .count(Int64($0.proposals.admitted)) },
        Figure(stage: .proposals, key: "proposals_rejected", dutch: "Afgewezen, met redenen", english: "Rejected, with reasons") { .count(Int64($0.proposals.rejected)) },
        Figure(stage: .proposals, key: "proposals_withdrawn", dutch: "Ingetrokken", english: "Withdrawn") { .count(Int64($0.proposals.withdrawn)) },
        Figure(stage: .decisions, key: "decided_by_stemdag", dutch: "Besloten door de stemdag", english: "Decided by the stemdag") { .count(Int64($0.proposals.decidedByStemdag)) },
        Figure(stage: .decisions, key: "decided_by_cheque_round", dutch: "Besloten met cheques (chequeronde)", english: "Decided with cheques (cheque round)") { .count(Int64($0.proposals.decidedByChequeRound)) },
        Figure(stage: .decisions, key: "decided_by_wijkteam", dutch: "Besloten door het wijkteam", english: "Decided by the wijkteam") { .count(Int64($0.proposals.decidedByWijkteam)) },
        Figure(stage: .decisions, key: "proposals_funded", dutch: "Aanvragen gefinancierd", english: "Proposals funded") { .count(Int64($0.proposals.funded)) },
        Figure(stage: .decisions, key: "proposals_not_funded", dutch: "Aanvragen niet gefinancierd", english: "Proposals not funded") { .count(Int64($0.proposals.notFunded)) },
        Figure(stage: .decisions, key: "funded_projects", dutch: "Projecten en initiatieven gefinancierd (stemmingen, cheques)", english: "Projects and initiatives funded (votes, cheques)") { .count(Int64($0.fundedProjects)) },
        Figure(stage: .payments, key: "proposals_committed_cents", dutch: "Aanvragen: toegekend", english: "Proposals: committed") { .money($0.proposals.committedCents) },
        Figure(stage: .payments, key: "proposals_paid_cents", dutch: "Aanvragen: betaald", english: "Proposals: paid") { .money($0.proposals.paidCents) },
        Figure(stage: .payments, key: "proposals_returned_cents", dutch: "Aanvragen: terug naar het budget", english: "Proposals: returned to the budget") { .money($0.proposals.returnedCents) },
        Figure(stage: .payments, key: "proposals_open_cents", dutch: "Aanvragen: nog open", english: "Proposals: still open") { .money($0.proposals.openCents) },
        Figure(stage: .payments, key: "cheques_paid_cents", dutch: "Cheque-initiatieven: betaald", english: "Cheque initiatives: paid") { .money($0.paidCents) },
        Figure(stage: .reach, key: "passes_issued", dutch: "Stempassen uitgegeven", english: "Voting passes issued") { .count($0.passesIssued) },
        Figure(stage: .reach, key: "ballots_kiosk", dutch: "Gestemd bij een stemzuil", english: "Voted at a kiosk") { .count($0.ballotsKiosk) },
        Figure(stage: .reach, key: "ballots_paper", dutch: "Gestemd op papier", english: "Voted on paper") { .count($0.ballotsPaper) },
        Figure(stage: .reach, key: "ballots_counted", dutch: "Stemmen geteld", english: "Ballots counted") { .count($0.ballotsCounted) },
        Figure(stage: .reach, key: "turnout_percent", dutch: "Opkomst op de stemdag", english: "Turnout on the stemdag") { .percent($0.turnoutPercent, base: $0.passesIssued) },
        Figure(stage: .reach, key: "cheques_issued", dutch: "Buurtcheques uitgegeven", english: "Cheques issued") { .count($0.chequesIssued) },
        Figure(stage: .reach, key: "cheques_online", dutch: "Buurtcheques online ingewisseld", english: "Cheques redeemed online") { .count($0.chequesOnline) },
        Figure(stage: .reach, key: "cheques_paper", dutch: "Buurtcheques op papier ingewisseld", english: "Cheques redeemed on paper") { .count($0.chequesPaper) },
        Figure(stage: .reach, key: "cheques_kiosk", dutch: "Buurtcheques bij een zuil ingewisseld", english: "Cheques redeemed at a kiosk") { .count($0.chequesKiosk) },
        Figure(stage: .reach, key: "cheques_redeemed", dutch: "Buurtcheques ingewisseld", english: "Cheques redeemed") { .count($0.chequesRedeemed) },
        Figure(stage: .reach, key: "cheque_reach_percent", dutch: "Chequebereik", english: "Cheque reach") { .percent($0.chequeReachPercent, base: $0.chequesInScope) },
    ]

    /// The wijken the verantwoording covers: those with a budget, aanvragen, passes or cheques in the period, then
    /// the gemeente's total.
    static func lines(_ report: YearReport) -> [YearReport.WijkYear] {
        report.wijken.filter { $0.budgetCents > 0 || $0.proposals.received > 0 || $0.passesIssued > 0 || $0.chequesIssued > 0 } + [report.total]
    }

    /// The page's section: per wijk a table of every figure by step.
    static func section(_ report: YearReport) -> String {
        let articles = lines(report).map { line in
            let isTotal = line.code == report.total.code
            let rows = figures.map { figure in
                let value = figure.value(line)
                return Table.Row(cells: [.text(SiteLanguage.text(figure.stage.label.dutch, figure.stage.label.english)),
                                         .text(SiteLanguage.text(figure.dutch, figure.english)),
                                         .number(value.text, key: "value", value: value.raw)],
                                 attributes: " data-key=\"\(figure.key)\" data-stage=\"\(figure.stage.rawValue)\"")
            }
            let name = isTotal ? SiteLanguage.text("Gemeente \(line.name), alle wijken", "Gemeente \(line.name), every wijk") : line.name
            return "<article class=\"account\" data-wijk=\"\(HTML.escape(line.code))\"\(isTotal ? " data-total=\"true\"" : "")>"
                + "<h3>\(HTML.escape(name)) <span class=\"muted\">\(HTML.escape(line.code))</span></h3>"
                + Table(caption: SiteLanguage.text("Verantwoording \(name)", "Account \(name)"),
                        headers: [HTML.label("Stap", "Step"), HTML.label("Wat", "What"), HTML.label("Aantal of bedrag", "Count or amount")], rows: rows).html
                + "</article>"
        }.joined()
        return Page.section(id: "verantwoording", dutch: "Verantwoording per wijk: van plan tot bereik", english: "Account per wijk: from plan to reach",
                            Page.paragraph("Per wijk de hele keten: het plan (budget en plafond), de aanvragen van bewoners, wie besloot (de stemdag of het wijkteam, met ondertekende redenen), wat werd toegekend, betaald en teruggegeven, en hoe bewoners meededen: stemmen bij een stemzuil of op papier, de opkomst en de buurtcheques (online, op papier of bij een zuil). Dezelfde cijfers staan in report.json en verantwoording.csv.",
                                           "Per wijk the whole chain: the plan (budget and cap), the residents' proposals, who decided (the stemdag or the wijkteam, with signed reasons), what was committed, paid and returned, and how residents took part: voting at a kiosk or on paper, the turnout and the neighbourhood cheques (online, on paper or at a kiosk). The same numbers are in report.json and verantwoording.csv.")
                                + articles)
    }

    /// `verantwoording.csv`: one line per wijk of the section and the total, a column per figure.
    static func csv(_ report: YearReport) -> String {
        ReportCSV.document(["code", "name"] + figures.map(\.key), lines(report).map { line in
            [line.code, line.name] + figures.map { $0.value(line).raw }
        })
    }
}
