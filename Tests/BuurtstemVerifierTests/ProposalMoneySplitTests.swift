import Buurtstem
import PropertyBased
import Testing
@testable import BuurtstemVerifier

/// The verifier's split of a proposal's money between its funders is written apart from the engine's (`CentSplit`):
/// both must give the same cents for every amount and every set of pledges, or the money check fails honest records.
@Suite("Proposal money split: the verifier's largest-remainder rule equals the engine's")
struct ProposalMoneySplitTests {
    @Test("property: for any amount and weights, the verifier's parts equal CentSplit's and add up to the amount")
    func sameAsEngine() async {
        await propertyCheck(count: 2000, input: Gen.int64(in: 0...1_000_000_000), Gen.int64(in: 0...1_000_000_000).array(of: 1...5)) { cents, weights in
            guard weights.contains(where: { $0 > 0 }) else { return }
            let verifier = ProposalRun.split(UInt64(cents), weights: weights.map(UInt64.init))
            let engine = CentSplit.split(cents, weights: weights)
            #expect(verifier.map(Int64.init) == engine, "\(cents) by \(weights)")
            #expect(verifier.reduce(0, +) == UInt64(cents))
        }
    }

    @Test("the worked example of docs/record.md: 50.000 cents at 5:1 give the extra cent to the larger remainder")
    func workedExample() {
        #expect(ProposalRun.split(50_000, weights: [500_000, 100_000]) == [41_667, 8_333])
        // Equal remainders: the funder listed first (the gemeente) gets the cent.
        #expect(ProposalRun.split(1, weights: [1, 1]) == [1, 0])
    }
}
