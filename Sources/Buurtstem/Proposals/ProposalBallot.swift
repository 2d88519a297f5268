import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// `buurtstem election create FILE --from-proposals`: admitted aanvragen become the election's projects.
///
/// Every proposal that is toegelaten becomes project `aanvraag-<id>` (its title, description, requested amount and
/// area) in the contest whose area holds it, after the projects the file lists; once the election is stored, each
/// of them moves to `on_ballot` (op de stembrief) with a log entry naming the election.
public enum ProposalBallot {
    /// What was created.
    public struct Outcome: Sendable {
        /// The stored definition.
        public let definition: ElectionDefinition
        /// The election.
        public let election: Election
        /// The proposals now on the ballot.
        public let onBallot: [Int64]
        /// Admitted proposals in no contest's area: they stay toegelaten.
        public let leftOut: [Int64]
    }

    /// The project id of proposal `id`.
    public static func projectId(_ id: Int64) -> String { "aanvraag-\(id)" }

    /// The admitted proposals as projects, each with the proposal's area.
    static func projects(in store: Store) throws -> [Int64: Project] {
        try store.read { db in
            let admitted = try Proposal.filter(Column("status") == ProposalStatus.admitted.rawValue).order(Column("id")).fetchAll(db)
            return Dictionary(uniqueKeysWithValues: admitted.map { proposal in
                (proposal.id!, Project(id: projectId(proposal.id!), title: proposal.title,
                                       description: proposal.description.isEmpty ? proposal.title : proposal.description,
                                       costCents: proposal.requestedCents, area: proposal.areaCode, category: nil, criteria: nil))
            })
        }
    }

    /// Parses the election file `text` with the admitted proposals as projects, stores and signs the election (a
    /// secret one with the election key file its definition names), and moves the proposals that made it onto the
    /// ballot to `on_ballot`.
    public static func create(_ text: String, file: String, issuingKey: SigningKey, in store: Store, now: Date = Date()) throws -> Outcome {
        let projects = try projects(in: store)
        guard !projects.isEmpty else {
            throw BuurtstemError(.wrongState, "no proposal is toegelaten: decide the aanvragen first, or create the election from its definition file alone")
        }
        let (definition, electionKeyFile) = try ElectionFile.parseWithKey(text, file: file, store: store,
                                                                          proposals: projects.keys.sorted().map { projects[$0]! })
        let onBallotIds = Set(definition.contests.flatMap(\.projects).map(\.id))
        let onBallot = projects.keys.sorted().filter { onBallotIds.contains(projectId($0)) }
        let leftOut = projects.keys.sorted().filter { !onBallotIds.contains(projectId($0)) }
        // One transaction: a crash can never leave the election without its aanvragen moved, or the reverse.
        let election = try Election.create(definition, electionKeyFile: electionKeyFile, issuingKey: issuingKey, in: store) { db in
            for id in onBallot {
                guard var proposal = try Proposal.fetchOne(db, key: id) else {
                    throw BuurtstemError(.notFound, "there is no proposal \(id)", remedy: .listProposals)
                }
                try proposal.move(to: .onBallot, note: "op de stembrief van \(definition.title) (\(definition.id)) als \(projectId(id))", now: now, db)
            }
        }
        return Outcome(definition: definition, election: election, onBallot: onBallot, leftOut: leftOut)
    }

    /// Moves every proposal on closed election `electionId`'s ballot to gefinancierd or niet gefinancierd by the
    /// published rule's outcome (``ElectionOutcome/compute(election:store:)``, the one tally), each with the
    /// reason from the allocation's explanation in Dutch (the note is published to residents); all in one
    /// transaction. Returns the new status per proposal.
    public static func applyResult(election electionId: String, in store: Store, now: Date = Date()) throws -> [Int64: ProposalStatus] {
        let outcome = try ElectionOutcome.compute(election: electionId, store: store)
        var verdicts: [Int64: (funded: Bool, summary: String)] = [:]
        for allocation in outcome.allocations {
            for explanation in allocation.explanations where explanation.project.hasPrefix("aanvraag-") {
                if let id = Int64(explanation.project.dropFirst("aanvraag-".count)) {
                    verdicts[id] = (allocation.funded.contains(explanation.project), explanation.reason.dutch())
                }
            }
        }
        guard !verdicts.isEmpty else {
            throw BuurtstemError(.notFound, "election \(electionId) has no projects from aanvragen (an election created from the proposals puts them on a ballot)",
                                 remedy: .createElectionFromProposals)
        }
        return try store.write { db in
            var moved: [Int64: ProposalStatus] = [:]
            for (id, verdict) in verdicts.sorted(by: { $0.key < $1.key }) {
                guard var proposal = try Proposal.fetchOne(db, key: id), proposal.status == .onBallot else {
                    throw BuurtstemError(.wrongState, "proposal \(id) is on the ballot of \(electionId) but is not 'op de stembrief' in the store; was the result already applied?")
                }
                let status: ProposalStatus = verdict.funded ? .funded : .notFunded
                try proposal.move(to: status, note: "uitslag van \(outcome.definition.title) (\(electionId)): \(verdict.summary)", now: now, db)
                moved[id] = status
            }
            return moved
        }
    }
}
