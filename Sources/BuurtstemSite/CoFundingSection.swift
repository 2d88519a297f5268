import Buurtstem

/// Who pays: the funded projects of an election or the funded initiatives of a cheque round split across the budget
/// plan's funders, per funder its share and total, in whole cents (largest remainder; docs/budgets.md, "Co-funding").
enum CoFundingSection {
    /// What the funders pay for, in the words of the page it is on, so one section serves both pages.
    struct Funded: Sendable {
        /// Dutch, plural (`projecten`).
        let dutch: String
        /// English, plural (`projects`).
        let english: String
        /// Dutch, singular (`project`).
        let dutchOne: String
        /// English, singular (`project`).
        let englishOne: String
        /// The name of the item columns in funders.csv, as in the page's own CSV file (`project`, `initiative`).
        let csvItem: String
        /// The name of the amount column in funders.csv, as in the page's own CSV file (`cost_cents`, `funded_cents`).
        let csvAmount: String

        /// An election's funded projects, paid their cost.
        static let projects = Funded(dutch: "projecten", english: "projects", dutchOne: "project", englishOne: "project",
                                     csvItem: "project", csvAmount: "cost_cents")
        /// A cheque round's funded initiatives, paid what they collected.
        static let initiatives = Funded(dutch: "initiatieven", english: "initiatives", dutchOne: "initiatief", englishOne: "initiative",
                                        csvItem: "initiative", csvAmount: "funded_cents")
    }

    /// The section's entry in the page's contents: its anchor and name.
    static let contentsEntry = (id: "betalers", dutch: "Wie betaalt", english: "Who pays")

    /// The section.
    static func html(_ coFunding: CoFunding, of funded: Funded) -> String {
        var body = Page.paragraph("De gefinancierde \(funded.dutch) worden betaald door de financiers van budgetplan \(coFunding.plan), elk naar zijn aandeel, "
                                    + "in hele centen (de overgebleven centen gaan naar de grootste resten, bij gelijke rest naar de eerst genoemde).",
                                  "The funded \(funded.english) are paid by the funders of budget plan \(coFunding.plan), each by its share, in whole cents "
                                    + "(the cents left over go to the largest remainders, between equal remainders to the funder listed first).")
        // Said in words, so an empty split does not read as a table someone forgot to fill.
        if coFunding.items.isEmpty {
            body += Page.paragraph("Er is geen enkel \(funded.dutchOne) gefinancierd, dus niemand betaalt iets.",
                                   "No \(funded.englishOne) was funded, so nobody pays anything.")
        }
        let rows = coFunding.funders.map { funder in
            Table.Row(cells: [.text(funder.name), .number(funder.share), .number(SiteFormat.money(funder.totalCents), key: "total-cents", value: "\(funder.totalCents)")],
                      attributes: " data-funder=\"\(HTML.escape(funder.id))\"")
        } + [Table.Row(cells: [.text(SiteLanguage.text("Totaal", "Total")), .number(""), .number(SiteFormat.money(coFunding.totalCents), key: "total-cents", value: "\(coFunding.totalCents)")],
                       attributes: "")]
        body += Table(caption: SiteLanguage.text("Wat elke financier betaalt", "What each funder pays"), headers: [HTML.label("Financier", "Funder"), HTML.label("Aandeel", "Share"), HTML.label("Betaalt", "Pays")], rows: rows).html
        return Page.section(id: contentsEntry.id, dutch: contentsEntry.dutch, english: contentsEntry.english, body)
    }

    /// One funded item's funders with their parts, e.g. `Gemeente Groningen € 11,33, Woningcorporaties € 11,32`,
    /// escaped; empty when it has none.
    static func paidBy(_ funders: [FunderShare]) -> String {
        funders.map { "\(HTML.escape($0.funder)) \(SiteFormat.money($0.cents))" }.joined(separator: ", ")
    }

    /// The line for funders.csv in the page's list of files.
    static func download(of funded: Funded) -> (name: String, dutch: String, english: String) {
        ("funders.csv", "wie betaalt welk deel van elk \(funded.dutchOne)", "who pays what part of each \(funded.englishOne)")
    }
}
