import Foundation

/// What the results site shows of the aanvragen: every proposal with its details, status, decision and reasons,
/// payments and history, never a contact (BuurtstemSite renders it; `buurtstem report --proposals`).
public struct ProposalsOverview: Sendable, Codable {
    /// CBS code.
    public let gemeenteCode: String
    /// The gemeente's name.
    public let gemeenteName: String
    /// Every proposal, by id, with its history.
    public let proposals: [ProposalDetails]

    /// The overview of the store's proposals.
    public static func load(store: Store) throws -> ProposalsOverview {
        let gemeente = try store.gemeente()
        return ProposalsOverview(gemeenteCode: gemeente.code, gemeenteName: gemeente.name,
                                 proposals: try ProposalDetails.list(in: store, includeContact: false, history: true))
    }
}
