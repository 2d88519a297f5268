import Buurtstem

/// Who pays: the funded projects split across the budget plan's funders, per funder its share and total, in whole
/// cents (largest remainder; docs/budgets.md, "Co-funding").
enum CoFundingSection {
    /// The section.
    static func html(_ coFunding: CoFunding) -> String {
        var body = Page.paragraph("De gefinancierde projecten worden betaald door de financiers van budgetplan \(coFunding.plan), elk naar zijn aandeel, "
                                    + "in hele centen (de overgebleven centen gaan naar de grootste resten, bij gelijke rest naar de eerst genoemde).",
                                  "The funded projects are paid by the funders of budget plan \(coFunding.plan), each by its share, in whole cents "
                                    + "(the cents left over go to the largest remainders, between equal remainders to the funder listed first).")
        let rows = coFunding.funders.map { funder in
            Table.Row(cells: [.text(funder.name), .number(funder.share), .number(SiteFormat.money(funder.totalCents), key: "total-cents", value: "\(funder.totalCents)")],
                      attributes: " data-funder=\"\(HTML.escape(funder.id))\"")
        } + [Table.Row(cells: [.text("Totaal / Total"), .number(""), .number(SiteFormat.money(coFunding.totalCents), key: "total-cents", value: "\(coFunding.totalCents)")],
                       attributes: "")]
        body += Table(headers: [HTML.both("Financier", "Funder"), HTML.both("Aandeel", "Share"), HTML.both("Betaalt", "Pays")], rows: rows).html
        return Page.section(id: "betalers", dutch: "Wie betaalt", english: "Who pays", body)
    }
}
