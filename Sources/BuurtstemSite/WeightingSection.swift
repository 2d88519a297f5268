import Buurtstem

/// The weighting comparison: per area the money with and without the weighting, so it is visible whom it favours.
enum WeightingSection {
    /// The section.
    static func html(_ weighting: WeightingComparison) -> String {
        var body = Page.paragraph("Deze verkiezing woog aanvragen met gepubliceerde criteria: \(weighting.criteria.joined(separator: "; ")). "
                                    + "Hieronder de uitkomst met en zonder weging.",
                                  "This election weighted applications by published criteria: \(weighting.criteria.joined(separator: "; ")). "
                                    + "Below, the outcome with and without the weighting.")
        let rows = weighting.areas.map { area in
            Table.Row(cells: [.text(area.name), .number(SiteFormat.money(area.unweightedCents)), .number(SiteFormat.money(area.weightedCents)),
                              .number(SiteFormat.money(area.weightedCents - area.unweightedCents))],
                      attributes: " data-code=\"\(HTML.escape(area.code))\"")
        }
        body += Table(headers: [HTML.both("Gebied", "Area"), HTML.both("Zonder weging", "Unweighted"), HTML.both("Met weging", "Weighted"),
                                HTML.both("Verschil", "Difference")], rows: rows).html
        if !weighting.fundedOnlyWeighted.isEmpty {
            body += "<p>\(HTML.both("Alleen met weging gefinancierd", "Funded only with the weighting")): \(HTML.escape(weighting.fundedOnlyWeighted.joined(separator: ", ")))</p>"
        }
        if !weighting.fundedOnlyUnweighted.isEmpty {
            body += "<p>\(HTML.both("Alleen zonder weging gefinancierd", "Funded only without the weighting")): \(HTML.escape(weighting.fundedOnlyUnweighted.joined(separator: ", ")))</p>"
        }
        return Page.section(id: "weging", dutch: "Met en zonder weging", english: "With and without the weighting", body)
    }
}
