import Buurtstem
import BuurtstemRecord
import Foundation
import GRDB
import Testing

/// Aanvragen in the store: intake (one by one and in bulk), statuses that only move forward, the toetsing with
/// belangenverstrengeling, and the log that records every step.
@Suite("Proposals: intake, statuses, toetsing")
struct ProposalTests {
    static func draft(title: String = "Speeltuin Javaplein", area: String = "BU00140101", amount: Int64 = 60_000,
                      costs: [ProposalAmount] = [ProposalAmount(name: "Toestellen", cents: 45_000), ProposalAmount(name: "Plaatsing", cents: 15_000)]) -> ProposalDraft {
        ProposalDraft(title: title, description: "Een speelplek voor de kinderen van de buurt", contact: "anna@example.org",
                      area: area, requestedCents: amount, costs: costs, ownHours: 40, ownCents: 5_000,
                      coFunders: [ProposalAmount(name: "Woonstichting", cents: 10_000)], goals: ["Meer ontmoeting in de buurt"])
    }

    static func criteria(_ store: Store) throws {
        let text = String(decoding: try shippedFile("Budgets/groningen-toetsingscriteria.yaml"), as: UTF8.self)
        try AssessmentCriteria.read(text, file: "criteria.yaml").install(in: store)
    }

    static func logLines(_ store: Store) throws -> [String] {
        let pool = try DatabaseQueue(path: store.path)
        return try pool.read { try String.fetchAll($0, sql: "SELECT CAST(entry AS TEXT) FROM proposalLogEntry ORDER BY sequence") }
    }

    @Test("a proposal moves only forward, one named step at a time; a move back or a skip is refused and logs nothing")
    func statusesOnlyForward() throws {
        let (store, _) = try groningenStore()
        let proposal = try Proposal.add(Self.draft(), to: store)
        let id = try #require(proposal.id)
        #expect(proposal.status == .received)
        // Skipping steps.
        let skip = #expect(throws: BuurtstemError.self) { try Proposal.move(id, to: .funded, in: store) }
        #expect(skip?.message.contains("only forward") == true && skip?.message.contains("'in behandeling'") == true, "\(skip?.message ?? "")")
        // The decision's outcomes are not set by hand.
        #expect(throws: BuurtstemError.self) { try Proposal.move(id, to: .admitted, in: store) }
        _ = try Proposal.move(id, to: .inReview, note: "toetsing gestart", in: store)
        // Backwards.
        let back = #expect(throws: BuurtstemError.self) { try Proposal.move(id, to: .received, in: store) }
        #expect(back?.message.contains("cannot move from 'in behandeling' to 'ontvangen'") == true, "\(back?.message ?? "")")
        // Again to where it is.
        #expect(throws: BuurtstemError.self) { try Proposal.move(id, to: .inReview, in: store) }
        _ = try Proposal.withdraw(id, note: "de initiatiefnemer is verhuisd", in: store)
        let final = #expect(throws: BuurtstemError.self) { try Proposal.move(id, to: .inReview, in: store) }
        #expect(final?.message.contains("it is final") == true)
        #expect(try store.proposal(id).status == .withdrawn)
        // received, co_funding (the draft has a co-funder), in_review, withdrawn: four entries, the refusals left no trace.
        let lines = try Self.logLines(store)
        #expect(lines.count == 4, "\(lines)")
        #expect(lines[1].contains("\"kind\":\"co_funding\""), "\(lines)")
        #expect(lines.allSatisfy { !$0.contains("anna@example.org") }, "the contact never enters the log")
    }

    @Test("a store from before co_funding entries logs its proposals' co-funders once when it is opened (#18)")
    func coFundingMigration() throws {
        let (store, _) = try groningenStore()
        _ = try Proposal.add(Self.draft(), to: store)
        // As an older version left it: no co_funding entry, and migration v10 not yet applied.
        let pool = try DatabaseQueue(path: store.path)
        try pool.write { db in
            try db.execute(sql: "DELETE FROM proposalLogEntry WHERE kind = 'co_funding'")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v10: co-funders in the proposals log'")
        }
        let older = try Self.logLines(store)
        #expect(older.count == 1 && !older[0].contains("co_funding"), "\(older)")
        let reopened = try Store.open(path: store.path)
        let lines = try Self.logLines(reopened)
        #expect(lines.count == 2 && lines[1].contains("\"kind\":\"co_funding\"") && lines[1].contains("\"name\":\"Woonstichting\""), "\(lines)")
        let problems = try reopened.check()
        #expect(problems.isEmpty, "\(problems)")
        // Opened again: nothing more is logged.
        #expect(try Self.logLines(try Store.open(path: store.path)).count == 2)
    }

    @Test("co-funders pledging more than the requested amount, or named twice, are refused at intake")
    func coFundersAtMostRequested() throws {
        let (store, _) = try groningenStore()
        var draft = Self.draft()
        draft.coFunders = [ProposalAmount(name: "Woonstichting", cents: draft.requestedCents), ProposalAmount(name: "Fonds", cents: 1)]
        let over = #expect(throws: InputError.self) { try Proposal.add(draft, to: store) }
        #expect(over?.problems.contains { $0.message.contains("more than the requested") } == true, "\(String(describing: over))")
        draft.coFunders = [ProposalAmount(name: "Fonds", cents: 1), ProposalAmount(name: "Fonds", cents: 2)]
        let twice = #expect(throws: InputError.self) { try Proposal.add(draft, to: store) }
        #expect(twice?.problems.contains { $0.message.contains("named twice") } == true, "\(String(describing: twice))")
        #expect(try Self.logLines(store).isEmpty)
    }

    @Test("every step the engine allows is one the record's rule allows, and a final step has none")
    func stepsTable() {
        #expect(ProposalStatus.received.nextSteps == [.inReview, .withdrawn])
        #expect(ProposalStatus.funded.nextSteps == [.inExecution])
        for status in [ProposalStatus.rejected, .notFunded, .completed, .stopped, .withdrawn] { #expect(status.nextSteps.isEmpty) }
        for status in ProposalStatus.allCases { #expect(!status.nextSteps.contains(status)) }
    }

    @Test("a draft with a wrong sum, an unknown area and no contact is refused with every problem, and nothing is stored")
    func badDraft() throws {
        let (store, _) = try groningenStore()
        var draft = Self.draft(area: "BU99999999", amount: 70_000)
        draft.contact = ""
        let error = #expect(throws: InputError.self) { try Proposal.add(draft, to: store) }
        let fields = Set(error?.problems.compactMap(\.field) ?? [])
        #expect(fields == ["area", "costs", "contact"], "\(error?.description ?? "")")
        #expect(error?.problems.allSatisfy { $0.file == "the proposal" } == true)
        #expect(error?.description.contains("add up to EUR 600.00, not the requested EUR 700.00") == true, "\(error?.description ?? "")")
        #expect(try ProposalDetails.list(in: store).isEmpty)
        #expect(try Self.logLines(store).isEmpty)
    }

    @Test("an import stores every line or, with any bad line, none, naming each line and column")
    func importAllOrNothing() throws {
        let (store, _) = try groningenStore()
        let bad = [UInt8](csv: """
            title,description,contact,area,amount,costs,own_hours,own_money,co_funders,goals
            Buurtfeest,Feest op het plein,piet@example.org,BU00140102,450.00,Tent=300;Muziek=150,20,,,"Ontmoeting;Samen"
            Bankjes,,,BU00140103,800,Bankjes=800,,,,
            Moestuin,,kees@example.org,WK009999,300,Zaad=300,x,,,
            Muurschildering,,ria@example.org,BU00140100,1.000,Verf=1000,,,Corporatie,
            """)
        let error = #expect(throws: InputError.self) { try ProposalImport.run(bad, file: "aanvragen.csv", into: store) }
        let found = (error?.problems ?? []).map { "\($0.line ?? 0):\($0.field ?? "")" }
        #expect(found.contains("3:contact") && found.contains("4:area") && found.contains("4:own_hours"), "\(found)")
        #expect(found.contains("5:amount") && found.contains("5:co_funders"), "\(found)")
        #expect(!found.contains { $0.hasPrefix("2:") }, "line 2 is fine: \(found)")
        #expect(error?.problems.allSatisfy { $0.file == "aanvragen.csv" } == true)
        #expect(try ProposalDetails.list(in: store).isEmpty, "nothing stored")

        let good = [UInt8](csv: """
            title,contact,area,amount,costs,goals
            Buurtfeest,piet@example.org,BU00140102,450.00,Tent=300;Muziek=150,Ontmoeting
            Bankjes,jan@example.org,WK001402,800,Bankjes=800,
            """)
        let summary = try ProposalImport.run(good, file: "aanvragen.csv", into: store)
        #expect(summary.ids == [1, 2] && summary.requestedCents == 125_000)
        let listed = try ProposalDetails.list(in: store)
        #expect(listed.map(\.title) == ["Buurtfeest", "Bankjes"] && listed.allSatisfy { $0.contact == nil })
        #expect(try ProposalDetails.list(in: store, includeContact: true).map(\.contact) == ["piet@example.org", "jan@example.org"])
        #expect(listed[0].costs.map(\.cents) == [30_000, 15_000] && listed[0].goals == ["Ontmoeting"])
    }

    @Test("the toetsing: a recused assessor is refused, every criterion must be judged, the outcome and reasons follow from the judgements")
    func toetsing() throws {
        let (store, _) = try groningenStore()
        try Self.criteria(store)
        let admitted = try #require(try Proposal.add(Self.draft(), to: store).id)
        let rejected = try #require(try Proposal.add(Self.draft(title: "Schilderen van de brug"), to: store).id)
        for id in [admitted, rejected] { _ = try Proposal.move(id, to: .inReview, in: store) }
        _ = try InterestDeclaration.declare(proposal: admitted, assessor: "toetser-2", statement: "lid van de speeltuinvereniging", in: store)
        let recused = #expect(throws: BuurtstemError.self) {
            try CriterionJudgement.assess(proposal: admitted, criterion: "bewoners-actief", assessor: "toetser-2", met: true, reason: "Ja", in: store)
        }
        #expect(recused?.message.contains("belangenverstrengeling") == true, "\(recused?.message ?? "")")
        #expect(throws: BuurtstemError.self) {
            try CriterionJudgement.assess(proposal: admitted, criterion: "bewoners-actief", assessor: "Anna de Vries", met: true, reason: "Ja", in: store)
        }
        #expect(throws: BuurtstemError.self) {
            try CriterionJudgement.assess(proposal: admitted, criterion: "onbekend", assessor: "toetser-1", met: true, reason: "Ja", in: store)
        }
        let criteria = ["bewoners-actief", "voldoende-draagvlak", "past-in-wijkperspectief", "geen-regulier-beleid"]
        for criterion in criteria.dropLast() {
            _ = try CriterionJudgement.assess(proposal: admitted, criterion: criterion, assessor: "toetser-1", met: true, reason: "Voldoet: \(criterion)", in: store)
        }
        let early = #expect(throws: BuurtstemError.self) { try ProposalDecision.decide(proposal: admitted, in: store) }
        #expect(early?.message.contains("'geen-regulier-beleid'") == true, "\(early?.message ?? "")")
        // Criteria do not change during a toetsing.
        #expect(throws: BuurtstemError.self) { try Self.criteria(store) }
        _ = try CriterionJudgement.assess(proposal: admitted, criterion: "geen-regulier-beleid", assessor: "toetser-3", met: true, reason: "Geen onderhoud", in: store)
        #expect(throws: BuurtstemError.self) {
            try CriterionJudgement.assess(proposal: admitted, criterion: "geen-regulier-beleid", assessor: "toetser-1", met: false, reason: "Toch wel", in: store)
        }
        let yes = try ProposalDecision.decide(proposal: admitted, in: store)
        #expect(yes.outcome == .admitted)
        #expect(yes.reasons.contains("toetser-2 heeft niet meebeoordeeld wegens belangenverstrengeling"), "\(yes.reasons)")

        for criterion in criteria {
            let met = criterion != "geen-regulier-beleid"
            _ = try CriterionJudgement.assess(proposal: rejected, criterion: criterion, assessor: "toetser-1", met: met,
                                              reason: met ? "In orde" : "Schilderwerk aan de brug is onderhoud door de gemeente", in: store)
        }
        let no = try ProposalDecision.decide(proposal: rejected, in: store)
        #expect(no.outcome == .rejected)
        #expect(no.reasons == "Afgewezen, omdat de aanvraag niet voldoet aan:\n- Geen regulier beleid: Schilderwerk aan de brug is onderhoud door de gemeente")
        #expect(try store.proposal(rejected).status == .rejected)
        #expect(throws: BuurtstemError.self) { try Proposal.withdraw(rejected, in: store) }
        // Admitted moves on; the shown history has every step.
        _ = try Proposal.move(admitted, to: .decidedByWijkteam, note: "het wijkteam besluit zelf", in: store)
        let shown = try ProposalDetails.show(admitted, in: store)
        #expect(shown.status == .decidedByWijkteam && shown.decision == yes.reasons && shown.contact == nil)
        // Its history starts with received and its co-funders ("medefinanciers: ..."), then the toetsing's steps.
        #expect(shown.history?.count == 10 && shown.history?[1].text.hasPrefix("medefinanciers: ") == true, "\(shown.history ?? [])")
    }

    @Test("payments only to a funded proposal, never above its amount; what is not paid flows back when it stops")
    func payments() throws {
        let (store, _) = try groningenStore()
        try Self.criteria(store)
        let id = try #require(try Proposal.add(Self.draft(), to: store).id)
        #expect(throws: BuurtstemError.self) { try ProposalPayment.pay(proposal: id, amountCents: 100, milestone: "Te vroeg", in: store) }
        _ = try Proposal.move(id, to: .inReview, in: store)
        for criterion in ["bewoners-actief", "voldoende-draagvlak", "past-in-wijkperspectief", "geen-regulier-beleid"] {
            _ = try CriterionJudgement.assess(proposal: id, criterion: criterion, assessor: "toetser-1", met: true, reason: "In orde", in: store)
        }
        _ = try ProposalDecision.decide(proposal: id, in: store)
        for step in [ProposalStatus.onBallot, .funded] { _ = try Proposal.move(id, to: step, in: store) }
        _ = try ProposalPayment.pay(proposal: id, amountCents: 45_000, milestone: "Toestellen geleverd", evidence: "foto-1.jpg", in: store)
        let over = #expect(throws: BuurtstemError.self) {
            try ProposalPayment.pay(proposal: id, amountCents: 15_001, milestone: "Plaatsing", in: store)
        }
        #expect(over?.message.contains("at most € 150,00 is left") == true, "\(over?.message ?? "")")
        _ = try Proposal.move(id, to: .inExecution, in: store)
        _ = try ProposalPayment.pay(proposal: id, amountCents: 5_000, milestone: "Eerste deel plaatsing", in: store)
        _ = try Proposal.move(id, to: .stopped, note: "de grond bleek vervuild", in: store)
        #expect(throws: BuurtstemError.self) { try ProposalPayment.pay(proposal: id, amountCents: 100, milestone: "Na het stoppen", in: store) }
        let shown = try ProposalDetails.show(id, in: store)
        #expect(shown.paidCents == 50_000 && shown.returnedCents == 10_000)
        #expect(try store.check() == [])

        // The store's check is the oracle: a status changed behind the log's back, or a payment not logged, is found.
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { db in
            try db.execute(sql: "UPDATE proposal SET status = 'funded' WHERE id = ?", arguments: [id])
            try db.execute(sql: "INSERT INTO proposalPayment (proposalId, amountCents, milestone, evidence, timeMillis) VALUES (?, 20000, 'x', '', 0)", arguments: [id])
        }
        try queue.close()
        let problems = try store.check()
        #expect(problems.contains("proposal \(id): stored as 'funded', but its log entries leave it 'stopped'"), "\(problems)")
        #expect(problems.contains("proposal \(id): 3 payment(s) stored, 2 logged"), "\(problems)")
        #expect(problems.contains("proposal \(id): 70000 cents paid, above the funded 60000"), "\(problems)")
    }

    @Test("funded for less than requested (a cap): a reason is required, the log says so, payments and what flows back follow the lower amount (#18)")
    func fundedForLess() throws {
        let (store, _) = try groningenStore()
        try Self.criteria(store)
        let id = try #require(try Proposal.add(Self.draft(), to: store).id)
        _ = try Proposal.move(id, to: .inReview, in: store)
        for criterion in ["bewoners-actief", "voldoende-draagvlak", "past-in-wijkperspectief", "geen-regulier-beleid"] {
            _ = try CriterionJudgement.assess(proposal: id, criterion: criterion, assessor: "toetser-1", met: true, reason: "In orde", in: store)
        }
        _ = try ProposalDecision.decide(proposal: id, in: store)
        _ = try Proposal.move(id, to: .onBallot, in: store)
        let noReason = #expect(throws: BuurtstemError.self) { try Proposal.fund(id, amountCents: 40_000, in: store) }
        #expect(noReason?.message.contains("needs a reason") == true)
        #expect(throws: BuurtstemError.self) { try Proposal.fund(id, amountCents: 60_001, reason: "meer", in: store) }
        #expect(throws: BuurtstemError.self) { try Proposal.fund(id, amountCents: 0, reason: "niets", in: store) }
        #expect(try store.proposal(id).status == .onBallot)
        _ = try Proposal.fund(id, amountCents: 40_000, reason: "het wijkbudget had nog EUR 400 over", in: store)
        let over = #expect(throws: BuurtstemError.self) { try ProposalPayment.pay(proposal: id, amountCents: 40_001, milestone: "Alles", in: store) }
        #expect(over?.message.contains("above the funded € 400,00") == true, "\(over?.message ?? "")")
        _ = try ProposalPayment.pay(proposal: id, amountCents: 30_000, milestone: "Toestellen", in: store)
        _ = try Proposal.move(id, to: .inExecution, in: store)
        _ = try Proposal.move(id, to: .stopped, note: "gestopt", in: store)
        let shown = try ProposalDetails.show(id, in: store)
        #expect(shown.fundedCents == 40_000 && shown.fundingReason == "het wijkbudget had nog EUR 400 over" && shown.returnedCents == 10_000)
        #expect(shown.history?.contains { $0.text == "gefinancierd voor € 400,00: het wijkbudget had nog EUR 400 over" } == true)
        // Per wijk the lower amount is what was committed: paid + returned = committed, to the cent.
        let wijk = try #require(try ProposalsOverview.load(store: store).wijken.first)
        #expect(wijk.committedCents == 40_000 && wijk.paidCents == 30_000 && wijk.returnedCents == 10_000 && wijk.openCents == 0)
        // Who pays what: the Woonstichting pledged EUR 100 of the EUR 600 asked, the gemeente the rest (5 : 1); each
        // amount split in whole cents by the largest remainders, adding up per funder and per wijk.
        #expect(wijk.funders == [
            ProposalFunderMoney(funder: "Gemeente Groningen", committedCents: 33_333, paidCents: 25_000, returnedCents: 8_333),
            ProposalFunderMoney(funder: "Woonstichting", committedCents: 6_667, paidCents: 5_000, returnedCents: 1_667),
        ], "\(wijk.funders)")
        #expect(try ProposalsOverview.load(store: store).funders == wijk.funders)
        // The raad's year view: the wijk's aanvragen of this year, what became of them and who pays what; the total too.
        let thisYear = try ReportPeriod.year(Calendar(identifier: .gregorian).component(.year, from: Date()))
        let year = try YearReport.load(period: thisYear, store: store)
        let line = try #require(year.wijken.first { $0.proposals.received > 0 }).proposals
        #expect(line.received == 1 && line.admitted == 1 && line.rejected == 0 && line.funded == 1)
        #expect(line.committedCents == 40_000 && line.paidCents == 30_000 && line.returnedCents == 10_000 && line.funders == wijk.funders)
        #expect(year.total.proposals == line)
        let lastYear = try YearReport.load(period: try ReportPeriod.year(thisYear.from.prefix(4).compactMap { $0.wholeNumberValue }.reduce(0) { $0 * 10 + $1 } - 1), store: store)
        #expect(lastYear.total.proposals.received == 0)
        #expect(try store.check() == [])
    }

    @Test("after the stemdag the aanvragen on the ballot become gefinancierd or niet gefinancierd by the published rule")
    func fundedByTheVote() throws {
        var admitted: [Int64] = []
        let fixture = try StemdagFixture(fromProposals: { store in
            try Self.criteria(store)
            for (title, cents) in [("Bankjes", Int64(30_000)), ("Kunstwerk", Int64(17_500_000))] {
                let id = try #require(try Proposal.add(Self.draft(title: title, area: "BU00140101", amount: cents,
                                                                  costs: [ProposalAmount(name: "Alles", cents: cents)]), to: store).id)
                _ = try Proposal.move(id, to: .inReview, in: store)
                for criterion in ["bewoners-actief", "voldoende-draagvlak", "past-in-wijkperspectief", "geen-regulier-beleid"] {
                    _ = try CriterionJudgement.assess(proposal: id, criterion: criterion, assessor: "toetser-1", met: true, reason: "In orde", in: store)
                }
                _ = try ProposalDecision.decide(proposal: id, in: store)
                admitted.append(id)
            }
        })
        #expect(admitted.allSatisfy { (try? fixture.store.proposal($0).status) == .onBallot })
        #expect(throws: BuurtstemError.self) { try ProposalBallot.applyResult(election: "test-kw", in: fixture.store) }
        // Bankjes (EUR 300) gets the votes; Kunstwerk (EUR 175,000 of the EUR 180,000 budget) none, and greedy funds
        // the unvoted projects cheapest first, so it no longer fits.
        let box = BallotBox(store: fixture.store)
        for code in fixture.codes.prefix(5) {
            _ = try box.cast(election: "test-kw", kiosk: "bibliotheek", code: code,
                             choices: [Choice(project: ProposalBallot.projectId(admitted[0]), value: 1)])
        }
        let keys = fixture.kioskKeys
        _ = try Polls.close(election: "test-kw", store: fixture.store, timeMillis: 1) { keys[$0.name]! }
        let moved = try ProposalBallot.applyResult(election: "test-kw", in: fixture.store)
        #expect(moved == [admitted[0]: .funded, admitted[1]: .notFunded])
        let history = try ProposalDetails.show(admitted[1], in: fixture.store).history ?? []
        #expect(history.last?.text.hasPrefix("van 'op de stembrief' naar 'niet gefinancierd': uitslag van") == true, "\(history)")
        // The signed note is published to residents: the reason in Dutch, never the engine's English summary.
        let note = history.last?.text ?? ""
        #expect(note.contains("): niet gefinancierd: 0 stemmen, plaats ") && note.contains("er was € 175.000,00 nodig"), "\(note)")
        #expect(!note.contains("not funded"), "\(note)")
        #expect(throws: BuurtstemError.self) { try ProposalBallot.applyResult(election: "test-kw", in: fixture.store) }
        #expect(try fixture.store.check() == [])
    }

    @Test("a criteria file with a duplicate id, a bad id and an unknown key is refused with each line")
    func badCriteria() throws {
        let text = """
            id: test
            title: Test
            criteria:
              - id: draagvlak
                name: Draagvlak
                question: Steun?
              - id: draagvlak
                name: Nog eens
                question: Steun?
              - id: Bewoners Actief
                name: Bewoners
                question: Actief?
                weight: 2
            """
        let error = #expect(throws: InputError.self) { try AssessmentCriteria.read(text, file: "c.yaml") }
        let lines = error?.problems.compactMap(\.line) ?? []
        #expect(error?.problems.count == 3 && lines.count == 3, "\(error?.description ?? "")")
        #expect(error?.description.contains("weight") == true)
    }
}
