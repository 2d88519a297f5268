import BuurtstemRecord
import Foundation

/// What the results site shows of the aanvragen: every proposal with its details, status, decision and reasons,
/// payments and history, never a contact (BuurtstemSite renders it; `buurtstem report --proposals`).
package struct ProposalsOverview: Sendable, Codable {
    /// CBS code.
    package let gemeenteCode: String
    /// The gemeente's name.
    package let gemeenteName: String
    /// Every proposal, by id, with its history.
    package let proposals: [ProposalDetails]
    /// Per wijk (a buurt's proposals count for its wijk): what was asked, committed, paid and returned.
    package let wijken: [WijkMoney]
    /// Per funder over every wijk: the gemeente and each co-funder (``ProposalFunderMoney``).
    package let funders: [ProposalFunderMoney]

    /// The money of one wijk's aanvragen, in cents. `committed` is the funded amount (the requested one, or less when
    /// it was funded so) of every proposal that was funded (gefinancierd, in uitvoering, uitgevoerd, gestopt); `returned` what a finished one (uitgevoerd or
    /// gestopt) did not use; so `paid + returned + still open = committed`, to the cent.
    package struct WijkMoney: Sendable, Codable, Equatable {
        /// CBS code.
        package let code: String
        /// Its name.
        package let name: String
        /// The areas of its proposals (the wijk itself, its buurten), sorted.
        package let areas: [String]
        /// Proposals.
        package let proposals: Int
        /// Asked for by all of them.
        package let requestedCents: Int64
        /// Funded.
        package let committedCents: Int64
        /// Paid.
        package let paidCents: Int64
        /// Flowed back from finished ones.
        package let returnedCents: Int64
        /// Committed, neither paid nor returned yet.
        package var openCents: Int64 { committedCents - paidCents - returnedCents }
        /// The same money per funder: the gemeente and the co-funders, adding up to the wijk's, to the cent.
        package let funders: [ProposalFunderMoney]
    }

    /// The overview of the store's proposals.
    package static func load(store: Store) throws -> ProposalsOverview {
        let gemeente = try store.gemeente()
        let proposals = try ProposalDetails.list(in: store, includeContact: false, history: true)
        let (wijkOf, names) = try store.read { db in
            (Dictionary(uniqueKeysWithValues: try Buurt.fetchAll(db).map { ($0.code, $0.wijkCode) }),
             Dictionary(uniqueKeysWithValues: try Wijk.fetchAll(db).map { ($0.code, $0.name) }))
        }
        let funded: Set<ProposalStatus> = [.funded, .inExecution, .completed, .stopped]
        let byWijk = Dictionary(grouping: proposals) { wijkOf[$0.area] ?? $0.area }
        let gemeenteFunder = "Gemeente \(gemeente.name)" // as the year view names it (YearReport.addProposals)
        let parts = Dictionary(uniqueKeysWithValues: proposals.map { ($0.id, ProposalFunderMoney.parts(of: $0, gemeente: gemeenteFunder)) })
        let wijken = byWijk.keys.sorted().map { code in
            let list = byWijk[code]!
            return WijkMoney(code: code, name: names[code] ?? code, areas: Set(list.map(\.area)).sorted(), proposals: list.count,
                             requestedCents: list.reduce(0) { $0 + $1.requestedCents },
                             committedCents: list.filter { funded.contains($0.status) }.reduce(0) { $0 + ($1.fundedCents ?? $1.requestedCents) },
                             paidCents: list.reduce(0) { $0 + $1.paidCents },
                             returnedCents: list.reduce(0) { $0 + ($1.returnedCents ?? 0) },
                             funders: ProposalFunderMoney.totals(list.flatMap { parts[$0.id] ?? [] }))
        }
        return ProposalsOverview(gemeenteCode: gemeente.code, gemeenteName: gemeente.name, proposals: proposals, wijken: wijken,
                                 funders: ProposalFunderMoney.totals(proposals.flatMap { parts[$0.id] ?? [] }))
    }
}
