import Foundation

/// The reasons in Dutch, for residents (the results site and the signed notes on aanvragen): the same numbers and
/// ids as ``ExplanationReason/summary(in:)`` says in English, with euros and counts written the Dutch way
/// (`€ 80.000,00`, `1.250 stemmen`) and wijken by name.
extension ExplanationReason {
    /// The reason in a Dutch sentence; `areaNames` maps area codes (wijk codes) to names (an area without one
    /// is named by its code).
    public func dutch(areaNames: [String: String] = [:]) -> String {
        switch self {
        case let .belowMinimumSupport(votes, minimum):
            return "niet gefinancierd: \(votes == 1 ? "1 stem" : "\(Count.format(votes)) stemmen"), minder dan de \(Count.format(minimum)) die een project minstens nodig heeft"
        case let .belowMinimumPoints(points, minimum):
            return "niet gefinancierd: \(points == 1 ? "1 punt" : "\(Count.format(points)) punten"), minder dan de \(Count.format(minimum)) die een project minstens nodig heeft"
        case let .overProjectCap(cost, cap):
            return "niet gefinancierd: het kost \(cost.dutch), meer dan het maximum van \(cap.dutch) per project"
        case let .excludedBy(project):
            return "niet gefinancierd: het sluit \(project) uit, dat eerder werd gefinancierd"
        case let .overLimit(kind, name, limit, spent, cost) where kind == .area:
            let area = areaNames[name].map { "wijk \($0)" } ?? "gebied \(name)"
            return "niet gefinancierd: het plafond van \(area) (\(limit.dutch)) zou worden overschreden; daar is al \(spent.dutch) gefinancierd en dit project kost \(cost.dutch)"
        case let .overLimit(_, name, limit, spent, cost):
            return "niet gefinancierd: voor \"\(name)\" is \(limit.dutch) beschikbaar; \(spent.dutch) was al vergeven, dus \(cost.dutch) meer paste niet"
        case let .overCount(kind, name, maximum):
            let of = switch kind {
            case .area?: areaNames[name].map { "in wijk \($0) " } ?? "in gebied \(name) "
            case .category?: "in de categorie \"\(name)\" "
            default: ""
            }
            return "niet gefinancierd: er mogen \(of)ten hoogste \(maximum) project\(maximum == 1 ? "" : "en") worden gefinancierd, en dat waren er al \(maximum)"
        case let .greedyFunded(rank, support, cost, leftBefore):
            return "gefinancierd: \(support.dutch), plaats \(rank); de kosten (\(cost.dutch)) pasten in de \(leftBefore.dutch) die nog over was"
        case let .greedyDidNotFit(rank, support, cost, left):
            return "niet gefinancierd: \(support.dutch), plaats \(rank); er was \(cost.dutch) nodig maar na de hoger geplaatste projecten was nog maar \(left.dutch) over"
        case let .greedyStopped(rank, support, stoppedAt):
            return "niet gefinancierd: \(support.dutch), plaats \(rank); de telling stopte bij \(stoppedAt), een hoger geplaatst project dat niet paste"
        case let .equalSharesFunded(round, supporters, fullPayers, share, partialPayers, partialPaid, budget):
            var text = "gefinancierd in ronde \(round): de \(Count.format(supporters)) voorstanders (elk met \(budget.dutch) om te beginnen) betaalden het samen; "
            text += "\(Count.format(fullPayers)) betaalden elk \(share.amount.dutch + (share.perPoint ? " per punt" : ""))"
            if partialPayers > 0 {
                text += ", \(Count.format(partialPayers)) gaven alles wat ze nog hadden (samen \(partialPaid.dutch))"
            }
            let spent = supporters - fullPayers - partialPayers
            if spent > 0 { text += ", \(Count.format(spent)) hadden niets meer over" }
            return text
        case let .equalSharesFree(supporters):
            return "gefinancierd: het kost niets en \(Count.format(supporters)) kiezers steunen het"
        case let .equalSharesUnaffordable(supporters, cost, left, spentOn, budget):
            var text = "niet gefinancierd: het kost \(cost.dutch), maar de \(Count.format(supporters)) voorstanders (elk met \(budget.dutch) om te beginnen) hadden samen nog maar \(left.dutch)"
            if !spentOn.isEmpty {
                text += " nadat ze betaalden voor " + spentOn.map { "\($0.project) (\($0.amount.dutch))" }.joined(separator: ", ")
            }
            return text
        case let .equalSharesNoCandidate(supporters, cost):
            return supporters == 0
                ? "niet gefinancierd: niemand stemde erop (kosten \(cost.dutch))"
                : "niet gefinancierd: het kost \(cost.dutch) en geeft de \(Count.format(supporters)) voorstanders niets om samen voor te betalen"
        case let .completionFunded(support, cost, leftBefore):
            return "gefinancierd in de aanvulling na gelijke delen: \(support.dutch); de kosten (\(cost.dutch)) pasten in de \(leftBefore.dutch) die nog over was"
        case let .phragmenFunded(round, supporters, load):
            return "gefinancierd in ronde \(round): de \(Count.format(supporters)) voorstanders dragen daarna elk een last van \(load.dutch)"
        case let .phragmenNotFunded(supporters, cost, stoppedAt, left):
            if let stoppedAt {
                return "niet gefinancierd (\(Count.format(supporters)) voorstanders, kosten \(cost.dutch)): de telling stopte toen \(stoppedAt) aan de beurt was en niet paste in de \(left.dutch) die over was"
            }
            return "niet gefinancierd (\(Count.format(supporters)) voorstanders, kosten \(cost.dutch)): het kost meer dan het budget"
        case let .leftoverFunded(support, cost, leftBefore):
            return "gefinancierd uit het restbudget: \(support.dutch); de kosten (\(cost.dutch)) pasten in de \(leftBefore.dutch) die nog over was"
        case let .leftoverPartial(amount, cost):
            return "deels gefinancierd uit het restbudget: \(amount.dutch) van de \(cost.dutch)"
        }
    }
}

extension ReasonAmount {
    /// The amount as euros the Dutch way (`€ 80.000,00`, `-€ 3,25`).
    public var dutch: String {
        let plain = DecimalAmount.format(units: Int64(units.magnitude), scale: scale)
        let parts = plain.split(separator: ".", maxSplits: 1)
        var fraction = parts.count == 2 ? String(parts[1]) : "00"
        while fraction.count < 2 { fraction += "0" }
        return (units < 0 ? "-" : "") + "€ " + Count.format(UInt64(parts[0]) ?? 0) + "," + fraction
    }
}

extension ReasonSupport {
    /// The support in Dutch: `812 stemmen`, `1 stem`, `40 punten`, `30 stemmen × 1,2500 gewogen voor € 12.000,00`.
    public var dutch: String {
        var text = switch unit {
        case .votes: count == 1 ? "1 stem" : "\(Count.format(count)) stemmen"
        case .points: count == 1 ? "1 punt" : "\(Count.format(count)) punten"
        }
        if let factor { text += " × \(factor.description.replacingOccurrences(of: ".", with: ",")) gewogen" }
        if let perCost { text += " voor \(perCost.dutch)" }
        return text
    }
}
