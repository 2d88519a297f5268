import Foundation
import GRDB

extension YearReport {
    /// The view of `period`: elections whose polls closed in it (closed ones counted) and cheque rounds issued in it
    /// (settled ones counted), each through its own report, so the numbers equal those of their results sites.
    /// With `area` (a wijk code), only that wijk is shown.
    package static func load(period: ReportPeriod, store: Store, area: String? = nil) throws -> YearReport {
        let gemeente = try store.gemeente()
        var wijkRows = try store.read { db in try Row.fetchAll(db, sql: "SELECT code, name FROM wijk ORDER BY code") }
        if let area {
            wijkRows = wijkRows.filter { $0["code"] == area }
            guard !wijkRows.isEmpty else {
                throw BuurtstemError(.notFound, "unknown area '\(area)': the area must be a wijk of gemeente \(gemeente.name) (WK + 6 digits)",
                                     remedy: .showRegister)
            }
        }
        var wijken: [String: WijkYear] = [:]
        for row in wijkRows { wijken[row["code"]] = WijkYear(code: row["code"], name: row["name"]) }
        var items: [Item] = []
        for election in try store.elections() {
            let definition = try election.decodedDefinition()
            guard try period.contains(millis: definition.pollsCloseMillis) else { continue }
            let date = ChequeCalendar.text(millis: definition.pollsCloseMillis)
            guard election.state == .closed else {
                items.append(Item(kind: "election", id: election.id, title: definition.title, date: date, included: false,
                                  note: "polls \(election.state.rawValue), not closed"))
                continue
            }
            let report = try ElectionReport.load(election: election.id, store: store)
            add(report.areas, paid: false, to: &wijken)
            for line in report.reach.wijken where wijken[line.code] != nil {
                wijken[line.code]!.passesIssued += line.issued
                wijken[line.code]!.ballotsCounted += line.participation
                wijken[line.code]!.ballotsKiosk += line.ballotsKiosk ?? 0
                wijken[line.code]!.ballotsPaper += line.ballotsPaper ?? 0
            }
            items.append(Item(kind: "election", id: election.id, title: definition.title, date: date, included: true, note: nil))
        }
        for round in try store.chequeRounds() where period.contains(day: round.issueDate) {
            guard try store.read({ try ChequeSettlement.exists($0, key: round.id) }) else {
                items.append(Item(kind: "cheque-round", id: round.id, title: ChequeRound.name(id: round.id, issueDate: round.issueDate), date: round.issueDate, included: false,
                                  note: "not settled yet"))
                continue
            }
            let report = try ChequeRoundReport.load(round: round.id, store: store)
            add(report.areas, paid: true, to: &wijken)
            for line in report.reach.wijken where wijken[line.code] != nil {
                wijken[line.code]!.chequesIssued += line.issued
                wijken[line.code]!.chequesRedeemed += line.participation
            }
            for line in report.channels where wijken[line.wijk] != nil {
                wijken[line.wijk]!.chequesOnline += line.online
                wijken[line.wijk]!.chequesPaper += line.paper
                wijken[line.wijk]!.chequesKiosk += line.kiosk
            }
            // Reach is counted where a resident had an initiative to give a cheque to.
            for line in report.reach.buurten where line.couldTakePart && wijken[line.wijk] != nil {
                wijken[line.wijk]!.chequesInScope += line.issued
            }
            items.append(Item(kind: "cheque-round", id: round.id, title: ChequeRound.name(id: round.id, issueDate: round.issueDate), date: round.issueDate, included: true, note: nil))
        }
        try addProposals(period: period, store: store, gemeente: gemeente.name, to: &wijken)
        var total = WijkYear(code: gemeente.code, name: gemeente.name)
        var lines = wijken.keys.sorted().map { wijken[$0]! }
        for index in lines.indices {
            let line = lines[index]
            total.budgetCents += line.budgetCents
            total.committedCents += line.committedCents
            total.paidCents += line.paidCents
            total.fundedProjects += line.fundedProjects
            total.passesIssued += line.passesIssued
            total.ballotsCounted += line.ballotsCounted
            total.ballotsKiosk += line.ballotsKiosk
            total.ballotsPaper += line.ballotsPaper
            total.chequesIssued += line.chequesIssued
            total.chequesRedeemed += line.chequesRedeemed
            total.chequesOnline += line.chequesOnline
            total.chequesPaper += line.chequesPaper
            total.chequesKiosk += line.chequesKiosk
            total.chequesInScope += line.chequesInScope
            total.proposals.add(line.proposals)
            lines[index].turnoutPercent = ReachLine.tenths(line.ballotsCounted * 100, line.passesIssued)
            lines[index].chequeReachPercent = ReachLine.tenths(line.chequesRedeemed * 100, line.chequesInScope)
        }
        total.turnoutPercent = ReachLine.tenths(total.ballotsCounted * 100, total.passesIssued)
        total.chequeReachPercent = ReachLine.tenths(total.chequesRedeemed * 100, total.chequesInScope)
        return YearReport(kind: "year", gemeente: gemeente.code, gemeenteName: gemeente.name, period: period, items: items,
                          wijken: lines, total: total)
    }

    /// Adds the aanvragen received in `period` (by their `received` entry's time) to their wijken (a buurt's to its
    /// wijk), with the funders' parts as the proposals overview splits them.
    private static func addProposals(period: ReportPeriod, store: Store, gemeente: String, to wijken: inout [String: WijkYear]) throws {
        let wijkOf = try store.read { db in Dictionary(uniqueKeysWithValues: try Buurt.fetchAll(db).map { ($0.code, $0.wijkCode) }) }
        for proposal in try ProposalDetails.list(in: store, includeContact: false, history: true) {
            guard let received = proposal.history?.first, try period.contains(millis: received.timeMillis) else { continue }
            let wijk = wijkOf[proposal.area] ?? proposal.area
            guard wijken[wijk] != nil else { continue }
            wijken[wijk]!.proposals.add(proposal, parts: ProposalFunderMoney.parts(of: proposal, gemeente: "Gemeente \(gemeente)"))
        }
    }

    /// Adds money per area to the wijken it names (other areas, e.g. a gemeente-wide contest's, are not a wijk):
    /// the budget, the funded amount as committed (and as paid, for settled cheque rounds) and the funded projects.
    private static func add(_ areas: [AreaMoney], paid: Bool, to wijken: inout [String: WijkYear]) {
        for area in areas where wijken[area.code] != nil {
            wijken[area.code]!.budgetCents += area.budgetCents
            wijken[area.code]!.committedCents += area.fundedCents
            if paid { wijken[area.code]!.paidCents += area.fundedCents }
            wijken[area.code]!.fundedProjects += area.fundedProjects
        }
    }
}
