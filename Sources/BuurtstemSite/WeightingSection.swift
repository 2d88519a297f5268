import Buurtstem

/// The weighting comparison: per area the money with and without the weighting, so it is visible whom it favours.
enum WeightingSection {
    /// The section.
    static func html(_ weighting: WeightingComparison) -> String {
        let criteria = weighting.criteria.map { "\($0.title) (\($0.id)): \($0.weight)" }.joined(separator: "; ")
        var body = Page.paragraph("Deze verkiezing woog aanvragen met gepubliceerde criteria (gewicht): \(criteria). Gewogen stemmen = "
                                    + "stemmen × (1 + Σ gewicht × waarde / hoogste waarde). Hieronder de uitkomst met en zonder weging.",
                                  "This election weighted applications by published criteria (weight): \(criteria). Weighted votes = "
                                    + "votes × (1 + Σ weight × value / highest value). Below, the outcome with and without the weighting.")
        let rows = weighting.areas.map { area in
            Table.Row(cells: [.text(area.name ?? area.area), .number(SiteFormat.money(area.unweightedCents)), .number("\(area.unweightedProjects)"),
                              .number(SiteFormat.money(area.weightedCents)), .number("\(area.weightedProjects)"),
                              .number(SiteFormat.money(area.differenceCents))],
                      attributes: " data-code=\"\(HTML.escape(area.area))\"")
        }
        body += Table(caption: SiteLanguage.text("Geld per gebied met en zonder weging", "Money per area with and without the weighting"), headers: [HTML.label("Gebied", "Area"), HTML.label("Zonder weging", "Unweighted"), HTML.label("Projecten", "Projects"),
                                HTML.label("Met weging", "Weighted"), HTML.label("Projecten", "Projects"),
                                HTML.label("Verschil", "Difference")], rows: rows).html
        if !weighting.fundedOnlyWeighted.isEmpty {
            body += "<p>\(HTML.label("Alleen met weging gefinancierd", "Funded only with the weighting")): \(HTML.escape(weighting.fundedOnlyWeighted.joined(separator: ", ")))</p>"
        }
        if !weighting.fundedOnlyUnweighted.isEmpty {
            body += "<p>\(HTML.label("Alleen zonder weging gefinancierd", "Funded only without the weighting")): \(HTML.escape(weighting.fundedOnlyUnweighted.joined(separator: ", ")))</p>"
        }
        return Page.section(id: "weging", dutch: "Met en zonder weging", english: "With and without the weighting", body)
    }
}
