import BuurtstemRecord
import Foundation
import GRDB

/// `buurtstem initiative add --from-proposal`: a toegelaten aanvraag becomes a cheque round's initiative, and the
/// round's settlement decides it (docs/proposals.md, "Into a cheque round").
///
/// The proposal moves to `on_ballot` (op de stembrief: the residents decide, here with their cheques) with a note
/// naming the round and the initiative, in the same transaction as the initiative is stored; the link is kept in
/// table `proposalInitiative`. Settling the round moves it on to gefinancierd or niet gefinancierd, with the collected
/// amount against the target in Dutch (``applySettlement(round:lines:now:_:)``). No new status and no new step: the
/// record and its verifier are unchanged, and older logs verify as before.
public enum ProposalInitiative {
    /// The stored link between an initiative and the aanvraag it came from (one each way).
    struct Link: Codable, FetchableRecord, PersistableRecord {
        var initiativeId: Int64
        var proposalId: Int64

        static let databaseTableName = "proposalInitiative"
    }

    /// Registers proposal `id` as an initiative of cheque round `round`: its title, description, requested amount
    /// (the target) and contact; collecting until the end of `deadline` (`YYYY-MM-DD`).
    ///
    /// The initiative's buurt is `buurt`, or the proposal's own buurt when it is for one. A proposal for a buurt goes
    /// to that buurt only; one for a wijk to a buurt of that wijk, which must be named; one for the whole gemeente
    /// is refused (an initiative collects in one buurt: such an aanvraag goes on an election's ballot or to the
    /// wijkteam). The proposal must be toegelaten; the round's own rules (open, not pre-published, the deadline
    /// within its validity) are those of ``Initiative/add(to:round:buurt:title:description:targetCents:deadline:contact:now:alsoIn:)``.
    public static func add(proposal id: Int64, round: String, buurt: String?, deadline: String, in store: Store,
                           now: Date = Date()) throws -> Initiative {
        let proposal = try store.proposal(id)
        try requireAdmitted(proposal)
        let buurt = try initiativeBuurt(for: proposal, given: buurt?.trimmingCharacters(in: .whitespaces).uppercased())
        return try Initiative.add(
            to: store, round: round, buurt: buurt, title: proposal.title, description: proposal.description,
            targetCents: proposal.requestedCents, deadline: deadline, contact: proposal.contact, now: now
        ) { db, initiative in
            guard var current = try Proposal.fetchOne(db, key: id) else {
                throw BuurtstemError(.notFound, "there is no proposal \(id)", remedy: .listProposals)
            }
            // Checked again inside the transaction: another command may have moved it meanwhile.
            try requireAdmitted(current)
            try Link(initiativeId: initiative.id!, proposalId: id).insert(db)
            try current.move(to: .onBallot, note: "initiatief \(initiative.id!) in chequeronde \(initiative.roundId) (buurt \(initiative.buurtCode)): "
                + "bewoners beslissen met hun cheques; doel \(Money.format(initiative.targetCents)), inzamelen tot en met \(initiative.deadline)",
                now: now, db)
        }
    }

    /// The aanvragen round `round`'s initiatives came from: proposal id per initiative id.
    public static func proposals(round: String, in store: Store) throws -> [Int64: Int64] {
        try store.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT l.initiativeId, l.proposalId FROM proposalInitiative l JOIN initiative i ON i.id = l.initiativeId WHERE i.roundId = ?
                """, arguments: [round])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["initiativeId"], $0["proposalId"]) })
        }
    }

    /// The cheque round proposal `id` became an initiative of, if it did.
    static func round(ofProposal id: Int64, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT i.roundId FROM proposalInitiative l JOIN initiative i ON i.id = l.initiativeId WHERE l.proposalId = ?",
                            arguments: [id])
    }

    /// Moves every aanvraag behind an initiative of the settled round `round` to gefinancierd (it collected its
    /// target) or niet gefinancierd, within the settlement's transaction `db`, with the reason in Dutch. Returns the
    /// new status per proposal.
    @discardableResult
    static func applySettlement(round: String, lines: [(Initiative, ChequeSettlementLine)], now: Date, _ db: Database) throws -> [Int64: ProposalStatus] {
        var moved: [Int64: ProposalStatus] = [:]
        for (initiative, line) in lines {
            guard let link = try Link.fetchOne(db, key: ["initiativeId": initiative.id ?? 0]) else { continue }
            guard var proposal = try Proposal.fetchOne(db, key: link.proposalId), proposal.status == .onBallot else {
                throw BuurtstemError(.wrongState, "proposal \(link.proposalId) became initiative \(initiative.id ?? 0) of round \(round) but is not "
                    + "'op de stembrief' in the store; the store was changed outside Buurtstem", remedy: .checkStore)
            }
            let status: ProposalStatus = line.funded ? .funded : .notFunded
            try proposal.move(to: status, note: settlementNote(round: round, initiative: initiative, line: line), now: now,
                              chequeSettlement: true, db)
            moved[link.proposalId] = status
        }
        return moved
    }

    /// The published reason of a settled initiative's aanvraag, in plain Dutch.
    static func settlementNote(round: String, initiative: Initiative, line: ChequeSettlementLine) -> String {
        let cheques = line.cheques == 1 ? "1 cheque" : "\(line.cheques) cheques"
        let collected = "initiatief \(initiative.id ?? 0) haalde \(Money.format(line.collectedCents)) op met \(cheques), "
            + "het doel was \(Money.format(initiative.targetCents))"
        return "afrekening van chequeronde \(round): " + collected
            + (line.funded ? "; het doel is gehaald: gefinancierd" : "; het doel is niet gehaald: niet gefinancierd, de waarde van de cheques gaat terug naar de gemeente")
    }

    /// Throws unless `proposal` is toegelaten, naming the step that gets it there.
    static func requireAdmitted(_ proposal: Proposal) throws {
        let id = proposal.id ?? 0
        guard proposal.status != .admitted else { return }
        let why: String = switch proposal.status {
        case .received, .inReview: "it is not yet decided; only a toegelaten aanvraag becomes an initiative"
        case .onBallot, .decidedByWijkteam: "it is already on a ballot or with the wijkteam, and one decision settles it"
        default: "only a toegelaten aanvraag becomes an initiative"
        }
        let remedy: Remedy = switch proposal.status {
        case .received: .startReview(proposal: id)
        case .inReview: .decideProposal(proposal: id)
        default: .showProposal(proposal: id)
        }
        throw BuurtstemError(.wrongState, "proposal \(id) is '\(proposal.status.dutch)': \(why)", remedy: remedy)
    }

    /// The buurt the initiative of `proposal` collects in (see ``add(proposal:round:buurt:deadline:in:now:)``).
    static func initiativeBuurt(for proposal: Proposal, given: String?) throws -> String {
        let area = proposal.areaCode.uppercased()
        let id = proposal.id ?? 0
        if AreaCode.isBuurt(area) {
            guard let given, given != area else { return area }
            throw BuurtstemError(.badInput, "proposal \(id) is for buurt \(area); its initiative collects there, not in \(given)")
        }
        if AreaCode.isWijk(area) {
            guard let given else {
                throw BuurtstemError(.badInput, "proposal \(id) is for wijk \(area) and an initiative collects in one buurt: name a buurt of that wijk",
                                     remedy: .showRegister)
            }
            guard AreaCode.isBuurt(given), AreaCode.wijk(ofBuurt: given) == area else {
                throw BuurtstemError(.badInput, "'\(given)' is not a buurt of wijk \(area), the wijk proposal \(id) is for; name one of its buurten",
                                     remedy: .showRegister)
            }
            return given
        }
        throw BuurtstemError(.badInput, "proposal \(id) is for \(area), the whole gemeente, and an initiative collects in one buurt: "
            + "put it on an election's ballot or let the wijkteam decide", remedy: .createElectionFromProposals)
    }
}
