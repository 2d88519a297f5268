import Buurtstem

/// The allocation's reasons in Dutch, for residents: the same structured reason the engine explains in English,
/// with euros and numbers written the Dutch way (`€ 80.000,00`, `1.250 stemmen`) and wijken by name.
enum ReasonText {
    /// `reason` in a Dutch sentence; `areaNames` maps area codes (wijk codes) to names.
    static func dutch(_ reason: ExplanationReason, areaNames: [String: String]) -> String {
        switch reason {
        case let .belowMinimumSupport(votes, minimum):
            return "niet gefinancierd: \(votes == 1 ? "1 stem" : "\(SiteFormat.count(votes)) stemmen"), minder dan de \(SiteFormat.count(minimum)) die een project minstens nodig heeft"
        case let .belowMinimumPoints(points, minimum):
            return "niet gefinancierd: \(points == 1 ? "1 punt" : "\(SiteFormat.count(points)) punten"), minder dan de \(SiteFormat.count(minimum)) die een project minstens nodig heeft"
        case let .overProjectCap(cost, cap):
            return "niet gefinancierd: het kost \(euro(cost)), meer dan het maximum van \(euro(cap)) per project"
        case let .excludedBy(project):
            return "niet gefinancierd: het sluit \(project) uit, dat eerder werd gefinancierd"
        case let .overLimit(kind, name, limit, spent, cost) where kind == .area:
            let area = areaNames[name].map { "wijk \($0)" } ?? "gebied \(name)"
            return "niet gefinancierd: het plafond van \(area) (\(euro(limit))) zou worden overschreden; daar is al \(euro(spent)) gefinancierd en dit project kost \(euro(cost))"
        case let .overLimit(_, name, limit, spent, cost):
            return "niet gefinancierd: voor \"\(name)\" is \(euro(limit)) beschikbaar; \(euro(spent)) was al vergeven, dus \(euro(cost)) meer paste niet"
        case let .overCount(kind, name, maximum):
            let of = switch kind {
            case .area?: areaNames[name].map { "in wijk \($0) " } ?? "in gebied \(name) "
            case .category?: "in de categorie \"\(name)\" "
            default: ""
            }
            return "niet gefinancierd: er mogen \(of)ten hoogste \(maximum) project\(maximum == 1 ? "" : "en") worden gefinancierd, en dat waren er al \(maximum)"
        case let .greedyFunded(rank, support, cost, leftBefore):
            return "gefinancierd: \(supportText(support)), plaats \(rank); de kosten (\(euro(cost))) pasten in de \(euro(leftBefore)) die nog over was"
        case let .greedyDidNotFit(rank, support, cost, left):
            return "niet gefinancierd: \(supportText(support)), plaats \(rank); er was \(euro(cost)) nodig maar na de hoger geplaatste projecten was nog maar \(euro(left)) over"
        case let .greedyStopped(rank, support, stoppedAt):
            return "niet gefinancierd: \(supportText(support)), plaats \(rank); de telling stopte bij \(stoppedAt), een hoger geplaatst project dat niet paste"
        case let .equalSharesFunded(round, supporters, fullPayers, share, partialPayers, partialPaid, budget):
            var text = "gefinancierd in ronde \(round): de \(SiteFormat.count(supporters)) voorstanders (elk met \(euro(budget)) om te beginnen) betaalden het samen; "
            text += "\(SiteFormat.count(fullPayers)) betaalden elk \(euro(share.amount) + (share.perPoint ? " per punt" : ""))"
            if partialPayers > 0 {
                text += ", \(SiteFormat.count(partialPayers)) gaven alles wat ze nog hadden (samen \(euro(partialPaid)))"
            }
            let spent = supporters - fullPayers - partialPayers
            if spent > 0 { text += ", \(SiteFormat.count(spent)) hadden niets meer over" }
            return text
        case let .equalSharesFree(supporters):
            return "gefinancierd: het kost niets en \(SiteFormat.count(supporters)) kiezers steunen het"
        case let .equalSharesUnaffordable(supporters, cost, left, spentOn, budget):
            var text = "niet gefinancierd: het kost \(euro(cost)), maar de \(SiteFormat.count(supporters)) voorstanders (elk met \(euro(budget)) om te beginnen) hadden samen nog maar \(euro(left))"
            if !spentOn.isEmpty {
                text += " nadat ze betaalden voor " + spentOn.map { "\($0.project) (\(euro($0.amount)))" }.joined(separator: ", ")
            }
            return text
        case let .equalSharesNoCandidate(supporters, cost):
            return supporters == 0
                ? "niet gefinancierd: niemand stemde erop (kosten \(euro(cost)))"
                : "niet gefinancierd: het kost \(euro(cost)) en geeft de \(SiteFormat.count(supporters)) voorstanders niets om samen voor te betalen"
        case let .completionFunded(support, cost, leftBefore):
            return "gefinancierd in de aanvulling na gelijke delen: \(supportText(support)); de kosten (\(euro(cost))) pasten in de \(euro(leftBefore)) die nog over was"
        case let .phragmenFunded(round, supporters, load):
            return "gefinancierd in ronde \(round): de \(SiteFormat.count(supporters)) voorstanders dragen daarna elk een last van \(euro(load))"
        case let .phragmenNotFunded(supporters, cost, stoppedAt, left):
            if let stoppedAt {
                return "niet gefinancierd (\(SiteFormat.count(supporters)) voorstanders, kosten \(euro(cost))): de telling stopte toen \(stoppedAt) aan de beurt was en niet paste in de \(euro(left)) die over was"
            }
            return "niet gefinancierd (\(SiteFormat.count(supporters)) voorstanders, kosten \(euro(cost))): het kost meer dan het budget"
        case let .leftoverFunded(support, cost, leftBefore):
            return "gefinancierd uit het restbudget: \(supportText(support)); de kosten (\(euro(cost))) pasten in de \(euro(leftBefore)) die nog over was"
        case let .leftoverPartial(amount, cost):
            return "deels gefinancierd uit het restbudget: \(euro(amount)) van de \(euro(cost))"
        }
    }

    /// A cheque initiative's outcome in a Dutch sentence, from its numbers (the engine writes the reason in English).
    static func initiative(_ line: ChequeRoundReport.InitiativeResult) -> String {
        let collected = "\(SiteFormat.money(line.collectedCents)) opgehaald met \(line.cheques == 1 ? "1 cheque" : "\(SiteFormat.count(line.cheques)) cheques")"
        if line.funded {
            return "gefinancierd: \(collected); het doel was \(SiteFormat.money(line.targetCents))"
        }
        return "niet gefinancierd: \(collected), \(SiteFormat.money(line.targetCents - line.collectedCents)) te weinig voor het doel van "
            + "\(SiteFormat.money(line.targetCents)); dat geld gaat terug naar de gemeente"
    }

    /// An amount as euros the Dutch way (`€ 80.000,00`, `-€ 3,25`).
    static func euro(_ amount: ReasonAmount) -> String {
        let plain = DecimalAmount.format(units: Int64(amount.units.magnitude), scale: amount.scale)
        let parts = plain.split(separator: ".", maxSplits: 1)
        var fraction = parts.count == 2 ? String(parts[1]) : "00"
        while fraction.count < 2 { fraction += "0" }
        return (amount.units < 0 ? "-" : "") + "€ " + SiteFormat.count(UInt64(parts[0]) ?? 0) + "," + fraction
    }

    /// A project's support in Dutch: `812 stemmen`, `1 stem`, `40 punten`, `30 stemmen × 1,2500 gewogen voor € 12.000,00`.
    static func supportText(_ support: ReasonSupport) -> String {
        var text = switch support.unit {
        case .votes: support.count == 1 ? "1 stem" : "\(support.count) stemmen"
        case .points: support.count == 1 ? "1 punt" : "\(support.count) punten"
        }
        if let factor = support.factor { text += " × \(factor.description.replacingOccurrences(of: ".", with: ",")) gewogen" }
        if let perCost = support.perCost { text += " voor \(euro(perCost))" }
        return text
    }
}
