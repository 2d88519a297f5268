import Buurtstem

/// Issue 19: per area, the stempassen replaced at the desk (and of those, revoked) next to turnout, so a resident
/// can reconcile the count: turnout stays over the passes issued (one per household); a replacement without
/// revocation is the only pass beyond them; a ballot of a revoked pass is void. Shown only when the election had a
/// replacement or such a void, so a page without any reads as before.
enum ReplacementNote {
    /// Whether the page shows the replacements: some area had one, or a revoked pass's void.
    static func shown(_ report: ElectionReport) -> Bool {
        report.contests.contains { $0.passesReplaced > 0 || $0.revokedPassBallots > 0 }
    }

    /// The area's figures, beside its turnout.
    static func figures(_ contest: ElectionReport.ContestResult) -> [(dutch: String, english: String, value: String, key: String)] {
        [("Vervangen stempassen", "Passes replaced", SiteFormat.count(contest.passesReplaced), "replaced-\(contest.area)"),
         ("Daarvan ingetrokken", "Of those revoked", SiteFormat.count(contest.passesRevoked), "revoked-\(contest.area)")]
    }

    /// The sentence under the area's figures that says how the numbers fit together.
    static func note(_ contest: ElectionReport.ContestResult) -> String {
        let replaced = contest.passesReplaced, revoked = contest.passesRevoked, extra = contest.passesReplaced - contest.passesRevoked
        let issued = SiteFormat.count(contest.passesIssued), voids = contest.revokedPassBallots
        var dutch = "Aan de balie \(replaced == 1 ? "is 1 stempas" : "zijn \(SiteFormat.count(replaced)) stempassen") vervangen (verloren of beschadigd); "
            + "bij \(SiteFormat.count(revoked)) daarvan is de oude stempas ingetrokken. De opkomst is gerekend over de \(issued) uitgegeven stempassen, "
            + "één per huishouden; \(extra == 1 ? "de ene vervanging" : "de \(SiteFormat.count(extra)) vervangingen") zonder intrekking "
            + "\(extra == 1 ? "is de enige extra stempas" : "zijn de enige extra stempassen")."
        var english = "At the desk \(SiteFormat.count(replaced)) \(replaced == 1 ? "pass was" : "passes were") replaced (lost or damaged); "
            + "for \(SiteFormat.count(revoked)) of them the old pass was revoked. Turnout is over the \(issued) passes issued, one per household; "
            + "the \(SiteFormat.count(extra)) \(extra == 1 ? "replacement" : "replacements") without revocation \(extra == 1 ? "is the only extra pass" : "are the only extra passes")."
        if voids > 0 {
            dutch += " \(voids == 1 ? "1 stem" : "\(SiteFormat.count(voids)) stemmen") met een ingetrokken stempas \(voids == 1 ? "telt" : "tellen") niet mee "
                + "(ongeldig, zie Stemmen per stembus): een ingetrokken stempas telt nooit, de nieuwe stempas van het huishouden wel."
            english += " \(SiteFormat.count(voids)) \(voids == 1 ? "ballot" : "ballots") cast with a revoked pass \(voids == 1 ? "does" : "do") not count "
                + "(void, see Ballots per kiosk): a revoked pass never counts, the household's new pass does."
        }
        return "<p class=\"note\" data-replaced=\"\(replaced)\" data-revoked=\"\(revoked)\" data-revoked-ballots=\"\(voids)\">"
            + HTML.label(dutch, english) + "</p>"
    }
}
