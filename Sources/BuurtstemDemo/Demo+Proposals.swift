import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

extension Demo {
    /// What the demo's round of aanvragen did.
    package struct ProposalsReport: Sendable, Codable {
        /// How many proposals ended in one status.
        package struct StatusCount: Sendable, Codable {
            /// The status.
            package let status: ProposalStatus
            /// How many.
            package let count: Int
        }

        /// Proposals per status at the end, in the order of the steps.
        package let statuses: [StatusCount]
        /// The decisions, by proposal id: outcome and reasons in Dutch.
        package let decisions: [Int64: String]
        /// A refused judgement by an assessor who declared an interest, and the message.
        package let recusalRefusal: String
        /// The admitted aanvraag the wijkteam decided on directly (gefinancierd, with its signed reasons), not on
        /// the ballot.
        package let wijkteam: ProposalDecision.WijkteamDecision
        /// The admitted aanvragen the stemdag's ballot held (as project `aanvraag-<id>`).
        package let onBallot: [Int64]
        /// Those the vote funded (gefinancierd), by the published rule's outcome.
        package let funded: [Int64]
        /// Those the vote did not fund.
        package let notFunded: [Int64]
        /// Paid per proposal, in cents.
        package let paidCents: [Int64: Int64]
        /// Returned by the stopped proposal, in cents.
        package let returnedCents: Int64
        /// The proposals record's folder.
        package let recordFolder: String
        /// Log entries in the record.
        package let entries: Int
    }

    /// The aanvragen up to the stemdag: what the toetsing decided.
    struct ProposalIntake {
        /// The decisions, by proposal id: outcome and reasons in Dutch.
        let decisions: [Int64: String]
        /// The message of the refused judgement by the recused assessor.
        let recusalRefusal: String
        /// The wijkteam's direct decision.
        let wijkteam: ProposalDecision.WijkteamDecision
    }

    /// Twenty aanvragen in two wijken, before the stemdag: the toetsing against four criteria with one assessor
    /// recused, three rejected with reasons, one withdrawn; the wijkteam decides one admitted aanvraag directly
    /// (gefinancierd, with its reasons); the other admitted ones stay toegelaten for the stemdag's ballot.
    func receiveProposals(store: Store, steps: StepLog) throws -> ProposalIntake {
        // The criteria as a gemeente writes them (the format of Budgets/groningen-toetsingscriteria.yaml).
        let criteriaFile = folder.appendingPathComponent("toetsingscriteria.yaml")
        var criteriaText = "id: demo-wijkbudget\ntitle: Toetsingscriteria wijkbudget\ncriteria:\n"
        for (id, name, question) in [
            ("bewoners-actief", "Bewoners actief", "Voeren bewoners het initiatief zelf uit?"),
            ("voldoende-draagvlak", "Voldoende draagvlak", "Steunen genoeg buurtbewoners het?"),
            ("past-in-wijkperspectief", "Past in het wijkperspectief", "Draagt het bij aan een doel uit het wijkperspectief?"),
            ("geen-regulier-beleid", "Geen regulier beleid", "Is het iets anders dan wat de gemeente toch al moet doen?"),
        ] {
            criteriaText += "  - id: \(id)\n    name: \(name)\n    question: \(question)\n"
        }
        try Data(criteriaText.utf8).write(to: criteriaFile)
        let criteria = try AssessmentCriteria.read(criteriaText, file: criteriaFile.path)
        try steps.run("aanvragen: put 4 toetsingscriteria in force") { try criteria.install(in: store) }
        let buurten = try store.read { db in
            try Buurt.filter(["WK001407", "WK001406"].contains(Column("wijkCode"))).order(Column("code")).fetchAll(db)
        }
        let titles = ["Bankjes bij de vijver", "Moestuin achter de school", "Speeltuin Javaplein", "Buurtfeest in september",
                      "Straat schilderen", "Geveltuinen", "Taalcafé", "Buitenbibliotheek", "Jeu de boules-baan", "Kerstmarkt",
                      "Fietsenstalling", "Zwerfvuilactie", "Muurschildering", "Repair café", "Ouderenmiddag", "Voetbalkooi",
                      "Onderhoud van de stoep", "Bloembakken", "Burenhulp-app", "Wandelroute"]
        let ids: [Int64] = try steps.run("aanvragen: receive 20 in two wijken, with cost breakdowns and eigen inbreng") {
            try titles.enumerated().map { index, title in
                let buurt = buurten.isEmpty ? nil : buurten[index % buurten.count]
                let cents = Int64(500 + 350 * index) * 100
                let draft = ProposalDraft(
                    title: title, description: "\(title): een initiatief van bewoners.", contact: "initiatiefnemer\(index + 1)@example.org",
                    area: buurt?.code ?? (index % 2 == 0 ? "WK001407" : "WK001406"), requestedCents: cents,
                    costs: [ProposalAmount(name: "Materiaal", cents: cents * 3 / 4), ProposalAmount(name: "Uitvoering", cents: cents - cents * 3 / 4)],
                    ownHours: Int64(10 + index * 5), ownCents: index % 3 == 0 ? 5_000 : 0,
                    coFunders: index % 4 == 0 ? [ProposalAmount(name: "Woningcorporatie", cents: 10_000)] : [], goals: ["Meer ontmoeting in de wijk"])
                return try Proposal.add(draft, to: store).id!
            }
        }
        let withdrawn = ids[8], recused = ids[2]
        let rejections: [Int64: (String, String)] = [
            ids[4]: ("geen-regulier-beleid", "Straten schilderen is onderhoud door de gemeente; het hoort niet bij het wijkbudget."),
            ids[11]: ("voldoende-draagvlak", "Er zijn vier handtekeningen; voor een actie in de hele wijk vragen we er twintig."),
            ids[16]: ("geen-regulier-beleid", "Het onderhoud van de stoep is regulier beleid van de gemeente."),
        ]
        var refusal = ""
        var decisions: [Int64: String] = [:]
        try steps.run("aanvragen: toetsing (one withdrawn, one assessor recused, three rejected with reasons)") {
            _ = try Proposal.withdraw(withdrawn, note: "de initiatiefnemer is verhuisd", in: store)
            for id in ids where id != withdrawn {
                _ = try Proposal.move(id, to: .inReview, note: "toetsing gestart", in: store)
            }
            _ = try InterestDeclaration.declare(proposal: recused, assessor: "toetser-2", statement: "woont aan het Javaplein", in: store)
            do {
                _ = try CriterionJudgement.assess(proposal: recused, criterion: "bewoners-actief", assessor: "toetser-2", met: true, reason: "Ja", in: store)
            } catch let error as BuurtstemError {
                refusal = error.message
            }
            for id in ids where id != withdrawn {
                for (position, criterion) in criteria.criteria.enumerated() {
                    let failed = rejections[id]?.0 == criterion.id
                    let assessor = id == recused || position % 2 == 0 ? "toetser-1" : "toetser-2"
                    _ = try CriterionJudgement.assess(proposal: id, criterion: criterion.id, assessor: assessor, met: !failed,
                                                      reason: failed ? rejections[id]!.1 : "\(criterion.name): in orde.", in: store)
                }
                let decision = try ProposalDecision.decide(proposal: id, in: store)
                decisions[id] = decision.reasons
            }
        }
        // The wandelroute runs through both buurten of its wijk and must be ready before the spring: the wijkteam
        // decides on it itself rather than waiting for the stemdag ("or a wijkteam decides directly").
        let wijkteam = try steps.run("aanvragen: the wijkteam decides one admitted aanvraag directly, with its reasons (as 'proposal decide-by-wijkteam')") {
            try ProposalDecision.decideByWijkteam(
                proposal: ids[19], funded: true,
                reasons: "De wandelroute verbindt de buurten van de wijk en moet voor het voorjaar klaar zijn, voor de stemdag; ze voldoet aan alle criteria en het wijkbudget heeft er ruimte voor.",
                in: store)
        }
        return ProposalIntake(decisions: decisions, recusalRefusal: refusal, wijkteam: wijkteam)
    }

    /// After the stemdag: the aanvragen on its ballot become gefinancierd or niet gefinancierd by its outcome; the
    /// wijkteam's aanvraag and the first funded by the vote are paid in instalments and completed, the second funded
    /// by the vote is stopped with the rest flowing back; then the proposals record.
    func runProposalExecution(_ intake: ProposalIntake, election: String, store: Store, issuingKey: SigningKey,
                              steps: StepLog) throws -> ProposalsReport {
        let verdicts = try steps.run("aanvragen: apply the stemdag's outcome (gefinancierd or niet gefinancierd, with the reason)") {
            try ProposalBallot.applyResult(election: election, in: store)
        }
        let funded = verdicts.keys.sorted().filter { verdicts[$0] == .funded }
        // With very few households the vote may fund fewer than two; the demo then pays what it funded.
        let paid = [intake.wijkteam.proposal] + funded.prefix(1), stopped = funded.dropFirst(1).first
        var paidCents: [Int64: Int64] = [:]
        try steps.run("aanvragen: two funded (the wijkteam's and the vote's) paid in instalments, one stopped") {
            for id in paid + (stopped.map { [$0] } ?? []) {
                _ = try Proposal.move(id, to: .inExecution, in: store)
            }
            for id in paid {
                let requested = try store.proposal(id).requestedCents
                _ = try ProposalPayment.pay(proposal: id, amountCents: requested / 2, milestone: "Eerste deel geleverd", evidence: "foto-\(id)-1.jpg", in: store)
                _ = try ProposalPayment.pay(proposal: id, amountCents: requested - requested / 2, milestone: "Opgeleverd", evidence: "foto-\(id)-2.jpg", in: store)
                _ = try Proposal.move(id, to: .completed, note: "opgeleverd", in: store)
                paidCents[id] = requested
            }
            if let stopped {
                let requested = try store.proposal(stopped).requestedCents
                _ = try ProposalPayment.pay(proposal: stopped, amountCents: requested / 4, milestone: "Materiaal gekocht", in: store)
                _ = try Proposal.move(stopped, to: .stopped, note: "de vergunning werd geweigerd", in: store)
                paidCents[stopped] = requested / 4
            }
        }
        let returned = try stopped.map { try ProposalDetails.show($0, in: store).returnedCents ?? 0 } ?? 0
        let recordFolder = URL(fileURLWithPath: store.path).deletingLastPathComponent().appendingPathComponent("record-proposals")
        let summary = try steps.run("aanvragen: export the signed proposals record") {
            try ProposalRecordExport.export(from: store, to: recordFolder, issuingKey: issuingKey)
        }
        let list = try ProposalDetails.list(in: store)
        let statuses = ProposalStatus.allCases.map { status in ProposalsReport.StatusCount(status: status, count: list.filter { $0.status == status }.count) }
            .filter { $0.count > 0 }
        return ProposalsReport(statuses: statuses, decisions: intake.decisions, recusalRefusal: intake.recusalRefusal,
                               wijkteam: intake.wijkteam, onBallot: verdicts.keys.sorted(), funded: funded, notFunded: verdicts.keys.sorted().filter { verdicts[$0] != .funded },
                               paidCents: paidCents,
                               returnedCents: returned, recordFolder: recordFolder.path, entries: summary.entries)
    }
}
