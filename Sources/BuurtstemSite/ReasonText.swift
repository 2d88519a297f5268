import Buurtstem

/// A cheque initiative's outcome in Dutch, for residents (the allocation's reasons are the engine's
/// `ExplanationReason.dutch(areaNames:)`, which the signed proposal notes use too).
enum ReasonText {
    /// A cheque initiative's outcome in a Dutch sentence, from its numbers (the engine writes the reason in English).
    static func initiative(_ line: ChequeRoundReport.InitiativeResult) -> String {
        let collected = "\(SiteFormat.money(line.collectedCents)) opgehaald met \(line.cheques == 1 ? "1 cheque" : "\(SiteFormat.count(line.cheques)) cheques")"
        if line.funded {
            return "gefinancierd: \(collected); het doel was \(SiteFormat.money(line.targetCents))"
        }
        return "niet gefinancierd: \(collected), \(SiteFormat.money(line.targetCents - line.collectedCents)) te weinig voor het doel van "
            + "\(SiteFormat.money(line.targetCents)); dat geld gaat terug naar de gemeente"
    }
}
