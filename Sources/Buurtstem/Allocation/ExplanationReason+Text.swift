/// The languages a reason is said in, each with what its sentences need: English (the engine's explanation, as the
/// tally and the allocation print it) in the election's money scale; Dutch, for residents (the results site and the
/// signed notes on aanvragen), with euros and counts written the Dutch way (`€ 80.000,00`, `1.250 stemmen`) and
/// wijken by name (`areaNames` maps area codes to names; an area without one is named by its code).
enum ReasonLanguage: Sendable, Equatable {
    /// English, with amounts in `moneyScale` (2: euros and cents, which a wijk's cap says as `EUR`).
    case english(moneyScale: Int)
    /// Dutch.
    case dutch(areaNames: [String: String])
}

extension ExplanationReason {
    /// The reason in a sentence of `language`. Each case says its sentence in every language side by side, so a
    /// reason is never added, or changed, in one language only.
    func text(_ language: ReasonLanguage) -> String {
        let say = language
        switch self {
        case let .belowMinimumSupport(votes, minimum):
            return say.either("not funded: \(say.votes(votes)), below the minimum of \(say.count(minimum)) a project needs",
                              "niet gefinancierd: \(say.votes(votes)), minder dan de \(say.count(minimum)) die een project minstens nodig heeft")
        case let .belowMinimumPoints(points, minimum):
            return say.either("not funded: \(say.points(points)), below the minimum of \(say.count(minimum)) a project needs",
                              "niet gefinancierd: \(say.points(points)), minder dan de \(say.count(minimum)) die een project minstens nodig heeft")
        case let .overProjectCap(cost, cap):
            return say.either("not funded: it costs \(say.amount(cost)), more than the cap of \(say.amount(cap)) per project",
                              "niet gefinancierd: het kost \(say.amount(cost)), meer dan het maximum van \(say.amount(cap)) per project")
        case let .excludedBy(project):
            return say.either("not funded: it excludes \(project), which was funded first",
                              "niet gefinancierd: het sluit \(project) uit, dat eerder werd gefinancierd")
        case let .overLimit(kind, name, limit, spent, cost) where say.isCap(kind, name):
            return say.either("not funded: \(say.area(name))'s cap of \(say.money(limit)) would be exceeded; \(say.money(spent)) is already funded there and it costs \(say.money(cost))",
                              "niet gefinancierd: het plafond van \(say.area(name)) (\(say.money(limit))) zou worden overschreden; daar is al \(say.money(spent)) gefinancierd en dit project kost \(say.money(cost))")
        case let .overLimit(kind, name, limit, spent, cost):
            return say.either("not funded: the \(kind.rawValue) \"\(name)\" may spend \(say.amount(limit)); \(say.amount(spent)) was already taken, so \(say.amount(cost)) more did not fit",
                              "niet gefinancierd: voor \"\(name)\" is \(say.amount(limit)) beschikbaar; \(say.amount(spent)) was al vergeven, dus \(say.amount(cost)) meer paste niet")
        case let .overCount(kind, name, maximum):
            return say.either("not funded: at most \(maximum) project\(maximum == 1 ? "" : "s") \(say.scope(kind, name))may be funded, and \(maximum) already were",
                              "niet gefinancierd: er mogen \(say.scope(kind, name))ten hoogste \(maximum) project\(maximum == 1 ? "" : "en") worden gefinancierd, en dat waren er al \(maximum)")
        case let .greedyFunded(rank, support, cost, leftBefore):
            return say.either("funded: \(say.support(support)), rank \(rank); cost \(say.amount(cost)) fitted in the \(say.amount(leftBefore)) left",
                              "gefinancierd: \(say.support(support)), plaats \(rank); de kosten (\(say.amount(cost))) pasten in de \(say.amount(leftBefore)) die nog over was")
        case let .greedyDidNotFit(rank, support, cost, left):
            return say.either("not funded: \(say.support(support)), rank \(rank); needed \(say.amount(cost)) but only \(say.amount(left)) was left after the projects ranked above it",
                              "niet gefinancierd: \(say.support(support)), plaats \(rank); er was \(say.amount(cost)) nodig maar na de hoger geplaatste projecten was nog maar \(say.amount(left)) over")
        case let .greedyStopped(rank, support, stoppedAt):
            return say.either("not funded: \(say.support(support)), rank \(rank); the count stopped at \(stoppedAt), a higher-ranked project that did not fit",
                              "niet gefinancierd: \(say.support(support)), plaats \(rank); de telling stopte bij \(stoppedAt), een hoger geplaatst project dat niet paste")
        case let .equalSharesFunded(round, supporters, fullPayers, share, partialPayers, partialPaid, budget):
            var text = say.either("funded in round \(round): its \(say.count(supporters)) supporters (each starting with \(say.amount(budget))) paid for it; \(say.count(fullPayers)) paid \(say.share(share)) each",
                                  "gefinancierd in ronde \(round): de \(say.count(supporters)) voorstanders (elk met \(say.amount(budget)) om te beginnen) betaalden het samen; \(say.count(fullPayers)) betaalden elk \(say.share(share))")
            if partialPayers > 0 {
                text += say.either(", \(say.count(partialPayers)) gave all they had left (\(say.amount(partialPaid)) together)",
                                   ", \(say.count(partialPayers)) gaven alles wat ze nog hadden (samen \(say.amount(partialPaid)))")
            }
            let spent = supporters - fullPayers - partialPayers
            if spent > 0 { text += say.either(", \(say.count(spent)) had nothing left", ", \(say.count(spent)) hadden niets meer over") }
            return text
        case let .equalSharesFree(supporters):
            return say.either("funded: it costs nothing and \(say.count(supporters)) voters support it",
                              "gefinancierd: het kost niets en \(say.count(supporters)) kiezers steunen het")
        case let .equalSharesUnaffordable(supporters, cost, left, spentOn, budget):
            var text = say.either("not funded: it costs \(say.amount(cost)), but its \(say.count(supporters)) supporters (each starting with \(say.amount(budget))) had only \(say.amount(left)) left",
                                  "niet gefinancierd: het kost \(say.amount(cost)), maar de \(say.count(supporters)) voorstanders (elk met \(say.amount(budget)) om te beginnen) hadden samen nog maar \(say.amount(left))")
            if !spentOn.isEmpty {
                text += say.either(" after paying for ", " nadat ze betaalden voor ")
                    + spentOn.map { "\($0.project) (\(say.amount($0.amount)))" }.joined(separator: ", ")
            }
            return text
        case let .equalSharesNoCandidate(supporters, cost) where supporters == 0:
            return say.either("not funded: nobody voted for it (cost \(say.amount(cost)))",
                              "niet gefinancierd: niemand stemde erop (kosten \(say.amount(cost)))")
        case let .equalSharesNoCandidate(supporters, cost):
            return say.either("not funded: it costs \(say.amount(cost)) and gives its \(say.count(supporters)) supporters nothing to share the cost of",
                              "niet gefinancierd: het kost \(say.amount(cost)) en geeft de \(say.count(supporters)) voorstanders niets om samen voor te betalen")
        case let .completionFunded(support, cost, leftBefore):
            return say.either("funded in the top-up after equal shares: \(say.support(support)); cost \(say.amount(cost)) fitted in the \(say.amount(leftBefore)) left",
                              "gefinancierd in de aanvulling na gelijke delen: \(say.support(support)); de kosten (\(say.amount(cost))) pasten in de \(say.amount(leftBefore)) die nog over was")
        case let .phragmenFunded(round, supporters, load):
            return say.either("funded in round \(round): its \(say.count(supporters)) supporters each carry a load of \(say.amount(load)) after it",
                              "gefinancierd in ronde \(round): de \(say.count(supporters)) voorstanders dragen daarna elk een last van \(say.amount(load))")
        case let .phragmenNotFunded(supporters, cost, stoppedAt?, left):
            return say.either("not funded (\(say.count(supporters)) supporters, cost \(say.amount(cost))): the count stopped when \(stoppedAt) came next and did not fit in the \(say.amount(left)) left",
                              "niet gefinancierd (\(say.count(supporters)) voorstanders, kosten \(say.amount(cost))): de telling stopte toen \(stoppedAt) aan de beurt was en niet paste in de \(say.amount(left)) die over was")
        case let .phragmenNotFunded(supporters, cost, nil, _):
            return say.either("not funded (\(say.count(supporters)) supporters, cost \(say.amount(cost))): it costs more than the budget",
                              "niet gefinancierd (\(say.count(supporters)) voorstanders, kosten \(say.amount(cost))): het kost meer dan het budget")
        case let .leftoverFunded(support, cost, leftBefore):
            return say.either("funded from the leftover budget: \(say.support(support)); cost \(say.amount(cost)) fitted in the \(say.amount(leftBefore)) left",
                              "gefinancierd uit het restbudget: \(say.support(support)); de kosten (\(say.amount(cost))) pasten in de \(say.amount(leftBefore)) die nog over was")
        case let .leftoverPartial(amount, cost):
            return say.either("partly funded from the leftover budget: \(say.amount(amount)) of its \(say.amount(cost))",
                              "deels gefinancierd uit het restbudget: \(say.amount(amount)) van de \(say.amount(cost))")
        }
    }

    /// The reason in English, as the engine's explanation says it (`ProjectExplanation.summary`).
    func summary(in election: AllocationInput) -> String { text(.english(moneyScale: election.moneyScale)) }

    /// The reason in a Dutch sentence; `areaNames` maps area codes (wijk codes) to names (an area without one
    /// is named by its code).
    public func dutch(areaNames: [String: String] = [:]) -> String { text(.dutch(areaNames: areaNames)) }
}

/// How each language writes the numbers and names in a reason.
private extension ReasonLanguage {
    /// The English or the Dutch sentence; only the one said is made.
    func either(_ english: @autoclosure () -> String, _ dutch: @autoclosure () -> String) -> String {
        if case .english = self { english() } else { dutch() }
    }

    /// A count: plain in English, grouped by thousands in Dutch (`1.250`).
    func count(_ value: Int64) -> String { either("\(value)", Count.format(value)) }

    /// `value` votes, one in the singular.
    func votes(_ value: Int64) -> String {
        value == 1 ? either("1 vote", "1 stem") : either("\(value) votes", "\(Count.format(value)) stemmen")
    }

    /// `value` points, one in the singular.
    func points(_ value: Int64) -> String {
        value == 1 ? either("1 point", "1 punt") : either("\(value) points", "\(Count.format(value)) punten")
    }

    /// An amount as the explanation reads it (`12 000.00`), in Dutch in euros (`€ 12.000,00`).
    func amount(_ value: ReasonAmount) -> String { either(value.description, value.dutch) }

    /// An amount of a wijk's cap: in English with `EUR` when the election counts in cents.
    func money(_ value: ReasonAmount) -> String {
        if case .english(let scale) = self { return (scale == 2 ? "EUR " : "") + value.description }
        return value.dutch
    }

    /// A project's support (`812 votes`, `812 stemmen`).
    func support(_ value: ReasonSupport) -> String { either(value.description, value.dutch) }

    /// What each full payer paid, per point on points ballots.
    func share(_ value: ReasonShare) -> String { either(value.description, value.amount.dutch + (value.perPoint ? " per punt" : "")) }

    /// Whether an area budget is said as an area's cap: in English a wijk's (a CBS wijk code), in Dutch any area's.
    func isCap(_ kind: ExplanationReason.LimitKind, _ name: String) -> Bool {
        if case .english = self { return kind == .area && ExplanationReason.isWijkCode(name) }
        return kind == .area
    }

    /// The area of a cap: `wijk WK001401` in English, the wijk by name in Dutch (`gebied CODE` without one).
    func area(_ code: String) -> String {
        switch self {
        case .english: "wijk \(code)"
        case .dutch(let names): names[code].map { "wijk \($0)" } ?? "gebied \(code)"
        }
    }

    /// Where a maximum count holds, with its blank (`of the category "groen" `, `in wijk Korrewegwijk `); none for the contest.
    func scope(_ kind: ExplanationReason.LimitKind?, _ name: String) -> String {
        guard let kind else { return "" }
        switch self {
        case .english: return "of the \(kind.rawValue) \"\(name)\" "
        case .dutch(let names) where kind == .area: return names[name].map { "in wijk \($0) " } ?? "in gebied \(name) "
        case .dutch: return "in de categorie \"\(name)\" "
        }
    }
}
