import Buurtstem

/// The CSV files of a site, for journalists' spreadsheets: a header row, one row per item, amounts in cents and in
/// euros with a decimal point, fields quoted when they need it (RFC 4180), UTF-8, `\n` line ends.
enum ReportCSV {
    /// A CSV document from a header and rows.
    static func document(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A field, quoted when it needs it, a formula defused (``TextEscaping/csv(_:)``).
    static func quote(_ field: String) -> String {
        TextEscaping.csv(field)
    }

    /// The reach lines.
    static func reach(_ lines: [ReachLine], total: ReachLine) -> String {
        document(["level", "code", "name", "wijk", "buurten", "households", "issued", "ballots_kiosk", "ballots_paper", "participation",
                  "turnout_percent", "issued_share_percent", "participation_share_percent", "gap_points", "representation", "under_represented",
                  "could_take_part"],
                 (lines + [total]).map {
                     [$0.level.rawValue, $0.code, $0.name, $0.wijk, $0.buurten.joined(separator: " "), "\($0.households)", "\($0.issued)",
                      $0.ballotsKiosk.map { "\($0)" } ?? "", $0.ballotsPaper.map { "\($0)" } ?? "", "\($0.participation)",
                      "\($0.turnoutPercent)", "\($0.issuedSharePercent)", "\($0.participationSharePercent)", "\($0.gapPoints)",
                      "\($0.representation)", "\($0.underRepresented)", "\($0.couldTakePart)"]
                 })
    }

    /// Money per area.
    static func areas(_ areas: [AreaMoney]) -> String {
        document(["code", "name", "budget_cents", "budget_eur", "cap_cents", "funded_cents", "funded_eur", "left_cents", "funded_projects", "projects"],
                 areas.map {
                     [$0.code, $0.name, "\($0.budgetCents)", SiteFormat.plainEuros($0.budgetCents), $0.capCents.map { "\($0)" } ?? "",
                      "\($0.fundedCents)", SiteFormat.plainEuros($0.fundedCents), "\($0.leftCents)", "\($0.fundedProjects)", "\($0.projects)"]
                 })
    }

    /// Every project of an election.
    static func projects(_ report: ElectionReport) -> String {
        document(["contest", "contest_name", "project", "title", "area", "category", "cost_cents", "cost_eur", "votes", "points", "funded",
                  "funded_order", "reason", "funders"],
                 report.contests.flatMap { contest in
                     contest.projects.map {
                         [contest.area, contest.name, $0.id, $0.title, $0.area ?? "", $0.category ?? "", "\($0.costCents)",
                          SiteFormat.plainEuros($0.costCents), "\($0.votes)", "\($0.points)", "\($0.funded)", $0.fundedOrder.map { "\($0)" } ?? "",
                          $0.reason, parts($0.funders)]
                     }
                 })
    }

    /// The weighting comparison: per project both outcomes and its factor, then per area both amounts.
    static func weighting(_ comparison: WeightingComparison) -> String {
        document(["level", "code", "name_or_title", "area", "cost_cents", "support", "factor", "funded_unweighted", "funded_weighted",
                  "unweighted_cents", "weighted_cents", "difference_cents", "gained", "lost"],
                 comparison.projects.map {
                     ["project", $0.id, $0.title, $0.area, "\($0.costCents)", "\($0.support)", $0.factor, "\($0.fundedUnweighted)",
                      "\($0.fundedWeighted)", "", "", "", "", ""]
                 } + comparison.areas.map {
                     ["area", $0.area, $0.name ?? "", $0.area, "", "", "", "", "", "\($0.unweightedCents)", "\($0.weightedCents)",
                      "\($0.differenceCents)", $0.gained.joined(separator: " "), $0.lost.joined(separator: " ")]
                 })
    }

    /// A funded item's funders in one field, `Gemeente Groningen: 1133; Woningcorporaties: 1132` (cents); empty
    /// without a plan.
    static func parts(_ funders: [FunderShare]) -> String {
        funders.map { "\($0.funder): \($0.cents)" }.joined(separator: "; ")
    }

    /// Co-funding: per funder its total, then per funded project (or initiative) each funder's part (parts add up to
    /// what it is paid). The item columns are named as in the page's own CSV file (`project`, `initiative`).
    static func funders(_ coFunding: CoFunding, of funded: CoFundingSection.Funded) -> String {
        document(["level", "funder", "funder_name", "share", funded.csvItem, "\(funded.csvItem)_title", funded.csvAmount, "cents", "eur"],
                 coFunding.funders.map { ["funder", $0.id, $0.name, $0.share, "", "", "", "\($0.totalCents)", SiteFormat.plainEuros($0.totalCents)] }
                 + coFunding.items.flatMap { split in
                     zip(coFunding.funders, split.partsCents).map { funder, cents in
                         [funded.csvItem, funder.id, funder.name, funder.share, split.item.id, split.item.title, "\(split.item.costCents)",
                          "\(cents)", SiteFormat.plainEuros(cents)]
                     }
                 })
    }

    /// Every initiative of a cheque round.
    static func initiatives(_ report: ChequeRoundReport) -> String {
        document(["initiative", "title", "buurt", "buurt_name", "wijk", "target_cents", "cheques", "collected_cents", "collected_eur", "funded",
                  "funded_cents", "reason", "funders"],
                 report.initiatives.map {
                     ["\($0.id)", $0.title, $0.buurt, $0.buurtName, $0.wijk, "\($0.targetCents)", "\($0.cheques)", "\($0.collectedCents)",
                      SiteFormat.plainEuros($0.collectedCents), "\($0.funded)", "\($0.fundedCents)", $0.reason, parts($0.funders)]
                 })
    }

    /// The year view per wijk.
    static func year(_ report: YearReport) -> String {
        document(["code", "name", "budget_cents", "cap_cents", "committed_cents", "paid_cents", "funded_projects", "passes_issued",
                  "ballots_counted", "turnout_percent", "cheques_issued", "cheques_redeemed", "cheques_in_scope", "cheque_reach_percent"],
                 (report.wijken + [report.total]).map {
                     [$0.code, $0.name, "\($0.budgetCents)", $0.capCents.map { "\($0)" } ?? "", "\($0.committedCents)", "\($0.paidCents)",
                      "\($0.fundedProjects)", "\($0.passesIssued)", "\($0.ballotsCounted)", "\($0.turnoutPercent)", "\($0.chequesIssued)",
                      "\($0.chequesRedeemed)", "\($0.chequesInScope)", "\($0.chequeReachPercent)"]
                 })
    }

    /// The aanvragen of a year view per wijk (and the total), one line per funder with the wijk's counts repeated.
    static func yearProposals(_ report: YearReport) -> String {
        document(["code", "name", "received", "admitted", "rejected", "withdrawn", "funded", "requested_cents", "funder",
                  "committed_cents", "paid_cents", "returned_cents", "open_cents"],
                 (report.wijken + [report.total]).filter { $0.proposals.received > 0 }.flatMap { line in
                     let p = line.proposals
                     let counts = [line.code, line.name, "\(p.received)", "\(p.admitted)", "\(p.rejected)", "\(p.withdrawn)", "\(p.funded)", "\(p.requestedCents)"]
                     return [counts + ["all", "\(p.committedCents)", "\(p.paidCents)", "\(p.returnedCents)", "\(p.openCents)"]]
                         + p.funders.map { counts + [$0.funder, "\($0.committedCents)", "\($0.paidCents)", "\($0.returnedCents)", "\($0.openCents)"] }
                 })
    }

    /// The elections and rounds of a year view.
    static func items(_ report: YearReport) -> String {
        document(["kind", "id", "title", "date", "included", "note"],
                 report.items.map { [$0.kind, $0.id, $0.title, $0.date, "\($0.included)", $0.note ?? ""] })
    }
}
