import Buurtstem
import BuurtstemRecord
import Foundation
import Testing

/// Issue 18, "cheque-round initiatives can come from proposals too": a toegelaten aanvraag becomes an initiative,
/// and the round's settlement decides it.
@Suite("Proposals into a cheque round")
struct ProposalInitiativeTests {
    /// A toegelaten aanvraag for `area` asking `cents`.
    static func admitted(_ store: Store, title: String, area: String, cents: Int64) throws -> Int64 {
        var draft = ProposalTests.draft(title: title, area: area, amount: cents, costs: [ProposalAmount(name: "Alles", cents: cents)])
        draft.coFunders = []
        let id = try #require(try Proposal.add(draft, to: store).id)
        _ = try Proposal.move(id, to: .inReview, in: store)
        for criterion in ["bewoners-actief", "voldoende-draagvlak", "past-in-wijkperspectief", "geen-regulier-beleid"] {
            _ = try CriterionJudgement.assess(proposal: id, criterion: criterion, assessor: "toetser-1", met: true, reason: "In orde", in: store)
        }
        #expect(try ProposalDecision.decide(proposal: id, in: store).outcome == .admitted)
        return id
    }

    static func add(_ issued: IssuedRound, _ proposal: Int64, buurt: String? = nil) throws -> Initiative {
        try ProposalInitiative.add(proposal: proposal, round: issued.round.id, buurt: buurt, deadline: "2026-06-30",
                                   in: issued.store, now: IssuedRound.during)
    }

    @Test("a toegelaten aanvraag becomes an initiative; settling the round funds it or not, with the amounts in Dutch")
    func settledByTheRound() throws {
        let issued = try IssuedRound.make(scope: .buurt)
        try ProposalTests.criteria(issued.store)
        let reached = try Self.admitted(issued.store, title: "Buurtmoestuin", area: "BU00140102", cents: 1500)
        let short = try Self.admitted(issued.store, title: "Zitbanken", area: "WK001401", cents: 10_000)
        let one = try Self.add(issued, reached)
        #expect(one.buurtCode == "BU00140102" && one.title == "Buurtmoestuin" && one.targetCents == 1500 && one.contact == "anna@example.org")
        let two = try Self.add(issued, short, buurt: "BU00140103")
        #expect(try issued.store.proposal(reached).status == .onBallot)
        let note = try ProposalDetails.show(reached, in: issued.store).history?.last?.text ?? ""
        #expect(note.contains("initiatief \(one.id!) in chequeronde 2026-voorjaar (buurt BU00140102)"), "\(note)")
        #expect(try ProposalInitiative.proposals(round: issued.round.id, in: issued.store) == [one.id!: reached, two.id!: short])

        // Only the settlement decides it: a plain move is refused, pointing to the settlement.
        let plain = #expect(throws: BuurtstemError.self) { try Proposal.move(reached, to: .funded, in: issued.store) }
        #expect(plain?.remedy == .settleCheques(round: issued.round.id), "\(String(describing: plain))")
        #expect(throws: BuurtstemError.self) { try ProposalBallot.applyResult(election: "2026-voorjaar", in: issued.store) }
        for (initiative, codes) in [(one, issued.codes(in: "BU00140102").prefix(2)), (two, issued.codes(in: "BU00140103").prefix(1))] {
            let redeemer = try ChequeRedeemer(store: issued.store, initiative: initiative.id!)
            for code in codes { _ = try redeemer.redeem(code: code, channel: .online, now: IssuedRound.during).get() }
        }
        _ = try ChequeSettlement.settle(round: issued.round.id, in: issued.store, issuingKey: issued.issuingKey,
                                        ledgerKey: issued.ledgerKey, now: ChequeSettlementTests.afterExpiry)
        #expect(try issued.store.proposal(reached).status == .funded)
        #expect(try issued.store.proposal(short).status == .notFunded)
        let funded = try ProposalDetails.show(reached, in: issued.store)
        #expect(funded.history?.last?.text == "van 'op de stembrief' naar 'gefinancierd': afrekening van chequeronde 2026-voorjaar: initiatief \(one.id!) "
            + "haalde € 15,00 op met 2 cheques, het doel was € 15,00; het doel is gehaald: gefinancierd", "\(funded.history ?? [])")
        let notFunded = try ProposalDetails.show(short, in: issued.store).history?.last?.text ?? ""
        #expect(notFunded.contains("haalde € 7,50 op met 1 cheque, het doel was € 100,00; het doel is niet gehaald: niet gefinancierd"), "\(notFunded)")
        #expect(try issued.store.check().isEmpty)
    }

    @Test("refused: not toegelaten, already on a ballot, the wrong buurt, a settled round; a refusal changes nothing")
    func refusals() throws {
        let issued = try IssuedRound.make(scope: .buurt)
        try ProposalTests.criteria(issued.store)
        let received = try #require(try Proposal.add(ProposalTests.draft(), to: issued.store).id)
        let notYet = #expect(throws: BuurtstemError.self) { try Self.add(issued, received) }
        #expect(notYet?.kind == .wrongState && notYet?.remedy == .startReview(proposal: received), "\(String(describing: notYet))")
        #expect(notYet?.message.contains("only a toegelaten aanvraag becomes an initiative") == true)

        let buurt = try Self.admitted(issued.store, title: "Bloembakken", area: "BU00140101", cents: 800)
        let elsewhere = #expect(throws: BuurtstemError.self) { try Self.add(issued, buurt, buurt: "BU00140102") }
        #expect(elsewhere?.message.contains("is for buurt BU00140101") == true, "\(String(describing: elsewhere))")
        let wijk = try Self.admitted(issued.store, title: "Wandelroute", area: "WK001401", cents: 5000)
        let unnamed = #expect(throws: BuurtstemError.self) { try Self.add(issued, wijk) }
        #expect(unnamed?.message.contains("name a buurt of that wijk") == true, "\(String(describing: unnamed))")
        let otherWijk = #expect(throws: BuurtstemError.self) { try Self.add(issued, wijk, buurt: "BU00140200") }
        #expect(otherWijk?.message.contains("is not a buurt of wijk WK001401") == true, "\(String(describing: otherWijk))")
        let badDay = #expect(throws: BuurtstemError.self) {
            try ProposalInitiative.add(proposal: buurt, round: issued.round.id, buurt: nil, deadline: "2027-01-01", in: issued.store, now: IssuedRound.during)
        }
        #expect(badDay?.message.contains("outside round") == true)
        #expect(try issued.store.proposal(buurt).status == .admitted && (try InitiativeStanding.list(in: issued.store, round: nil)).isEmpty)

        _ = try Self.add(issued, buurt)
        let twice = #expect(throws: BuurtstemError.self) { try Self.add(issued, buurt) }
        #expect(twice?.message.contains("already on a ballot") == true && twice?.remedy == .showProposal(proposal: buurt), "\(String(describing: twice))")
        _ = try Proposal.move(wijk, to: .decidedByWijkteam, note: "het wijkteam besluit zelf", in: issued.store)
        #expect(throws: BuurtstemError.self) { try Self.add(issued, wijk, buurt: "BU00140102") }

        _ = try ChequeSettlement.settle(round: issued.round.id, in: issued.store, issuingKey: issued.issuingKey,
                                        ledgerKey: issued.ledgerKey, now: IssuedRound.during, beforeExpiry: true)
        let late = try Self.admitted(issued.store, title: "Zitbank", area: "BU00140102", cents: 500)
        let settled = #expect(throws: BuurtstemError.self) { try Self.add(issued, late) }
        #expect(settled?.message.contains("is settled") == true, "\(String(describing: settled))")
        #expect(try issued.store.proposal(late).status == .admitted)
        #expect(try InitiativeStanding.list(in: issued.store, round: nil).count == 1)
        #expect(try issued.store.check().isEmpty)
    }
}
