import Buurtstem

/// The results page of an election: what was decided and how, every project with its reason, money per wijk,
/// turnout per buurt, and how to verify it yourself.
enum ElectionPage {
    /// The whole page; `recordLink` is the record folder relative to the site (with `--record`).
    static func html(_ report: ElectionReport, recordLink: String?) -> String {
        let funded = report.contests.reduce(0) { $0 + $1.fundedCents }
        let fundedCount = report.contests.reduce(0) { $0 + $1.projects.filter(\.funded).count }
        let projectCount = report.contests.reduce(0) { $0 + $1.projects.count }
        var body = "<header class=\"top\"><p>\(HTML.escape(report.gemeenteName)) · \(HTML.label("uitslag", "result"))</p>"
            + "<h1>\(HTML.dutch(report.title))</h1>"
            + "<p>\(HTML.label("Stembus open", "Polls open")): \(HTML.escape(SiteFormat.instant(report.pollsOpen))) – \(HTML.escape(SiteFormat.instant(report.pollsClose))) "
            + "\(HTML.label("(Nederlandse tijd)", "(Dutch time)")) · "
            + "<code>\(HTML.escape(report.election))</code></p></header>"
        body += Page.figures([
            ("Stempassen", "Passes issued", SiteFormat.count(report.passesIssued), "passes"),
            ("Stemmen geteld", "Ballots counted", SiteFormat.count(report.ballotsCounted), "ballots"),
            ("Opkomst", "Turnout", SiteFormat.percent(report.turnoutPercent), "turnout"),
            ("Gefinancierd", "Funded", SiteFormat.money(funded), "funded"),
            ("Projecten", "Projects funded", "\(fundedCount) / \(projectCount)", "projects"),
        ])
        body += Page.contents([("besluit", "Wat is besloten", "What was decided"), ("geld", "Geld per wijk", "Money per wijk")]
            + (report.weighting == nil ? [] : [("weging", "Weging", "Weighting")])
            + (report.coFunding == nil ? [] : [CoFundingSection.contentsEntry])
            + [KioskSection.contentsEntry, ("bereik", "Opkomst per buurt", "Turnout per buurt"), ("controle", "Zelf controleren", "Verify it yourself"),
               ("bestanden", "Bestanden", "Files")])
        body += secrecy(report.secrecy)
        body += myWijk(report)
        body += decided(report)
        body += money(report)
        if let weighting = report.weighting { body += WeightingSection.html(weighting) }
        if let coFunding = report.coFunding { body += CoFundingSection.html(coFunding, of: .projects) }
        body += KioskSection.html(report)
        body += ReachSection.html(report.reach, ballots: true)
        body += VerifySection.html(report.verification, receipt: report.secrecy, recordLink: recordLink)
        body += Page.section(id: "bestanden", dutch: "Bestanden voor journalisten", english: "Files for journalists", Page.downloads([
            ("report.json", "alle cijfers van deze pagina", "every number on this page"),
            ("projects.csv", "elk project met stemmen, kosten en reden", "every project with votes, cost and reason"),
            ("areas.csv", "geld per wijk", "money per wijk"),
            ("reach-buurten.csv", "opkomst per buurt", "turnout per buurt"),
            ("reach-wijken.csv", "opkomst per wijk", "turnout per wijk"),
        ] + (report.weighting == nil ? [] : [("weighting.csv", "uitkomst met en zonder weging", "outcome with and without the weighting")])
          + (report.coFunding == nil ? [] : [CoFundingSection.download(of: .projects)])))
        return Page.document(title: "\(report.title) – \(report.gemeenteName)", file: "index.html", body: body)
    }

    /// Whether the ballot was secret, said before any number: a secret election's record shows only encrypted
    /// ballots; a public one's shows every pass's choices (docs/record.md, "Definition").
    static func secrecy(_ secrecy: BallotSecrecy) -> String {
        let text: (dutch: String, english: String)
        if secrecy.isSecret, let t = secrecy.threshold, let n = secrecy.trustees {
            let stages = secrecy.mixStages ?? 0
            text = ("<strong>De stemming was geheim.</strong> Elke stem is in de stemzuil versleuteld; het verslag toont bij een stempas of volgcode alleen de versleutelde stem. "
                        + "Na het sluiten zijn de stemmen in \(stages) rondes gemengd en door \(t) van de \(n) sleutelhouders samen ontsleuteld, zodat geen stem meer aan een stempas te koppelen is. Elke stap heeft een bewijs dat de controle-software nakijkt.",
                    "<strong>The ballot was secret.</strong> Every ballot was encrypted at the kiosk; the record shows only the encrypted ballot next to a pass or tracking code. "
                        + "After the polls closed the ballots were mixed in \(stages) stages and decrypted by \(t) of the \(n) trustees together, so no ballot can be linked to a pass any more. Every step has a proof the verifier checks.")
        } else {
            text = ("<strong>Stemmen zijn openbaar per stempas.</strong> Deze stemming had geen sleutelhouders: het verslag toont bij elke stempas de gekozen projecten. Wie een volgcode of de code van een stempas heeft, kan zien wat daarmee is gestemd.",
                    "<strong>Votes are public per pass.</strong> This election had no trustees: the record lists the chosen projects with every pass. Whoever has a tracking code or the code of a pass can see how it voted.")
        }
        return "<p class=\"note\" data-secrecy=\"\(secrecy.kind.rawValue)\">\(SiteLanguage.text(text.dutch, text.english))</p>"
    }

    /// "What was decided": the rule, then per contest the chart of votes, the table behind it and a card per project.
    static func decided(_ report: ElectionReport) -> String {
        let rule = RuleText.rule(report.allocation), ballot = RuleText.ballot(report.ballot)
        let name = RuleText.name(report.allocation.rule)
        var body = "<p class=\"note\" data-rule=\"\(report.allocation.rule.rawValue)\"><strong>\(HTML.label("Regel", "Rule")): "
            + "\(HTML.label(name.dutch, name.english))</strong><br>\(HTML.label(rule.dutch, rule.english))</p>"
        body += Page.paragraph("Stembiljet: \(ballot.dutch) Elke uitgegeven stempas kon één keer stemmen.",
                               "Ballot: \(ballot.english) Every pass issued could vote once.")
        if report.areas.contains(where: { $0.capCents != nil }) {
            body += Page.paragraph("Elke wijk krijgt hoogstens haar plafond: een project dat het plafond van zijn wijk zou overschrijden, wordt "
                                     + "niet gefinancierd en de telling gaat verder (zie Geld per wijk).",
                                   "Each wijk gets at most its cap: a project that would take its wijk over its cap is not funded and the "
                                     + "count goes on (see Money per wijk).")
        }
        if report.weighting != nil {
            body += Page.paragraph("De volgorde is die van de gewogen stemmen; de uitkomst zonder weging staat ernaast (zie Met en zonder weging).",
                                   "The order is that of the weighted votes; the outcome without the weighting is shown beside it (see With and without the weighting).")
        }
        let areaNames = Dictionary(report.areas.map { ($0.code, $0.name) } + report.contests.map { ($0.area, $0.name) },
                                   uniquingKeysWith: { first, _ in first })
        for (index, contest) in report.contests.enumerated() {
            body += "<article class=\"contest\" id=\"wijk-\(HTML.escape(contest.area))\" data-area=\"\(HTML.escape(contest.area))\">"
            body += "<h3>\(HTML.escape(contest.name)) <span class=\"muted\">\(HTML.escape(contest.area))</span></h3>"
            var figures: [(String, String, String, String)] = [("Budget", "Budget", SiteFormat.money(contest.budgetCents), "budget-\(contest.area)")]
            if let cap = contest.capCents { figures.append(("Plafond", "Cap", SiteFormat.money(cap), "cap-\(contest.area)")) }
            figures += [("Gefinancierd", "Funded", SiteFormat.money(contest.fundedCents), "funded-\(contest.area)"),
                        ("Over", "Left", SiteFormat.money(contest.leftCents), "left-\(contest.area)"),
                        ("Opkomst", "Turnout", "\(SiteFormat.percent(contest.turnoutPercent))", "turnout-\(contest.area)")]
            if ReplacementNote.shown(report) { figures += ReplacementNote.figures(contest) }
            body += Page.figures(figures)
            if ReplacementNote.shown(report) { body += ReplacementNote.note(contest) }
            // The rule's order, so the cards read as the count went: first place first, ties explained.
            let order = RankOrder(contest, spec: report.allocation)
            let ordered = order.projects
            let chart = BarChart(
                id: "votes-\(index)", title: SiteLanguage.text("Stemmen per project in \(contest.name)", "Votes per project in \(contest.name)"),
                description: SiteLanguage.text("Stemmen per project, in de volgorde van de regel; donkergroen met ✓: gefinancierd, grijs: niet gefinancierd.",
                                               "Votes per project, in the rule's order; dark green with ✓: funded, grey: not funded."),
                bars: ordered.map {
                    .init(label: "\($0.id) \($0.title)", value: $0.votes, text: "\(SiteFormat.count($0.votes))\($0.funded ? " ✓" : "")",
                          style: $0.funded ? "funded" : "open")
                })
            body += chart.figure(table: projectTable(ordered, id: "votes-\(index)-table",
                                                     caption: SiteLanguage.text("Projecten in \(contest.name)", "Projects in \(contest.name)")))
            body += "<ol class=\"projects\">" + ordered.enumerated().map { place, project in
                card(project, place: place + 1, tie: order.ties[project.id], areaNames: areaNames)
            }.joined() + "</ol></article>"
        }
        return Page.section(id: "besluit", dutch: "Wat is besloten, en hoe", english: "What was decided, and how", body)
    }

    /// "Mijn wijk": a link per wijk, by name, to where its projects are (its contest) or, in a gemeente-wide vote,
    /// to its line in "Geld per wijk", so a resident on a phone need not scroll the whole page to find their wijk.
    static func myWijk(_ report: ElectionReport) -> String {
        var targets: [(code: String, name: String, anchor: String)] = report.contests.map { ($0.area, $0.name, "wijk-\($0.area)") }
        let contestAreas = Set(report.contests.map(\.area))
        for area in report.areas where !contestAreas.contains(area.code) {
            targets.append((area.code, area.name, "geld-\(area.code)"))
        }
        guard targets.count > 1 else { return "" }
        let links = targets.sorted { $0.name < $1.name }.map {
            "<li><a href=\"#\(HTML.escape($0.anchor))\" data-area=\"\(HTML.escape($0.code))\">\(HTML.escape($0.name))</a></li>"
        }
        return "<nav class=\"my-wijk\" id=\"mijn-wijk\" aria-labelledby=\"mijn-wijk-heading\"><h2 id=\"mijn-wijk-heading\">"
            + HTML.label("Mijn wijk", "My wijk") + "</h2><ul>" + links.joined() + "</ul></nav>"
    }

    /// The table behind the votes chart.
    static func projectTable(_ projects: [ElectionReport.ProjectResult], id: String, caption: String) -> String {
        let rows = projects.map { project in
            Table.Row(cells: [.text(project.id), .html(HTML.dutch(project.title)),
                              .number(SiteFormat.count(project.votes), key: "votes", value: "\(project.votes)"),
                              .number(SiteFormat.money(project.costCents), key: "cost-cents", value: "\(project.costCents)"),
                              .html(project.funded ? HTML.label("gefinancierd", "funded") : HTML.label("niet gefinancierd", "not funded"))],
                      attributes: " data-project=\"\(HTML.escape(project.id))\"", style: project.funded ? "funded" : "")
        }
        return "<div id=\"\(id)\">" + Table(caption: caption, headers: [HTML.label("Code", "Id"), HTML.label("Project", "Project"), HTML.label("Stemmen", "Votes"),
                                                      HTML.label("Kosten", "Cost"), HTML.label("Uitkomst", "Outcome")], rows: rows).html + "</div>"
    }

    /// One project as a card, at its `place` in the rule's order: title, numbers, outcome, the reason in the page's
    /// language and, where it had one, its tie.
    static func card(_ project: ElectionReport.ProjectResult, place: Int, tie: (dutch: String, english: String)?,
                     areaNames: [String: String]) -> String {
        var out = "<li class=\"project\(project.funded ? " funded" : "")\" data-project=\"\(HTML.escape(project.id))\" data-place=\"\(place)\" "
            + "data-votes=\"\(project.votes)\" data-cost-cents=\"\(project.costCents)\" data-funded=\"\(project.funded)\">"
        out += "<h4><span class=\"place\">\(place).</span> \(HTML.dutch(project.title)) <span class=\"muted\">\(HTML.escape(project.id))</span></h4>"
        out += "<p class=\"status\">" + (project.funded
            ? HTML.label("✓ Gefinancierd", "✓ Funded")
            : HTML.label("Niet gefinancierd", "Not funded")) + "</p>"
        out += "<p>\(HTML.dutch(project.description))</p>"
        out += "<dl><div><dt>\(HTML.label("Stemmen", "Votes"))</dt><dd class=\"votes\">\(SiteFormat.count(project.votes))</dd></div>"
        if project.points != UInt64(project.votes) {
            out += "<div><dt>\(HTML.label("Punten", "Points"))</dt><dd class=\"points\">\(SiteFormat.count(project.points))</dd></div>"
        }
        out += "<div><dt>\(HTML.label("Kosten", "Cost"))</dt><dd class=\"cost\">\(SiteFormat.money(project.costCents))</dd></div></dl>"
        if !project.funders.isEmpty {
            out += "<p>\(HTML.label("Betaald door", "Paid by")): \(CoFundingSection.paidBy(project.funders))</p>"
        }
        let reason = project.explanation.map { $0.reason.dutch(areaNames: areaNames) }
            ?? (project.funded ? "gefinancierd" : "niet gefinancierd")
        out += "<p class=\"reason\"><strong>\(HTML.label("Waarom", "Why")):</strong> \(HTML.label(reason, project.reason))</p>"
        if let tie {
            out += "<p class=\"tie\">\(HTML.label(tie.dutch, tie.english))</p>"
        }
        return out + "</li>"
    }

    /// Money per area against its cap (or its budget where no cap is set).
    static func money(_ report: ElectionReport) -> String {
        let hasCaps = report.areas.contains { $0.capCents != nil }
        var body = hasCaps
            ? Page.paragraph("Per wijk: het plafond (vastgelegd in de ondertekende verkiezingsdefinitie), het budget van de stemming en wat er is gefinancierd.",
                             "Per wijk: the cap (fixed in the signed election definition), the vote's budget and what was funded.")
            : Page.paragraph("Per wijk: het budget van de stemming en wat er is gefinancierd. Voor deze verkiezing is geen plafond per wijk ingesteld.",
                             "Per wijk: the vote's budget and what was funded. No cap per wijk was set for this election.")
        let chart = BarChart(
            id: "money", title: SiteLanguage.text("Geld per wijk", "Money per wijk"),
            description: SiteLanguage.text("Lichte balk met rand: \(hasCaps ? "plafond" : "budget"); donkere balk: gefinancierd.", "Light outlined bar: \(hasCaps ? "cap" : "budget"); dark bar: funded."),
            bars: report.areas.map {
                .init(label: $0.name, value: $0.fundedCents, text: SiteFormat.money($0.fundedCents), style: "funded",
                      background: $0.capCents ?? ($0.budgetCents > 0 ? $0.budgetCents : nil))
            })
        let rows = report.areas.map { area in
            Table.Row(cells: [.html("\(HTML.escape(area.name)) <span class=\"muted\">\(HTML.escape(area.code))</span>"),
                              .number(area.budgetCents > 0 ? SiteFormat.money(area.budgetCents) : "–", key: "budget-cents", value: "\(area.budgetCents)"),
                              .number(area.capCents.map(SiteFormat.money) ?? "–", key: "cap-cents", value: area.capCents.map { "\($0)" } ?? ""),
                              .number(SiteFormat.money(area.fundedCents), key: "funded-cents", value: "\(area.fundedCents)"),
                              .number(area.budgetCents > 0 || area.capCents != nil ? SiteFormat.money(area.leftCents) : "–"),
                              .number("\(area.fundedProjects) / \(area.projects)")],
                      attributes: " id=\"geld-\(HTML.escape(area.code))\" data-code=\"\(HTML.escape(area.code))\"")
        }
        body += chart.figure(table: Table(caption: SiteLanguage.text("Geld per wijk", "Money per wijk"), headers: [HTML.label("Gebied", "Area"), HTML.label("Budget", "Budget"), HTML.label("Plafond", "Cap"),
                                                    HTML.label("Gefinancierd", "Funded"), HTML.label("Over", "Left"),
                                                    HTML.label("Projecten", "Projects funded")], rows: rows).html)
        return Page.section(id: "geld", dutch: "Geld per wijk", english: "Money per wijk", body)
    }
}
