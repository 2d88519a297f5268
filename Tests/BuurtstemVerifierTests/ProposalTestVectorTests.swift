import BuurtstemVerifier
import Foundation
import Testing

/// The committed proposals vectors (`TestVectors/proposals-small`, made by `scripts/make-proposal-vectors.sh`): the
/// record passes, and each tampered copy fails exactly the checks `expected.json` lists.
@Suite("Proposals test vectors")
struct ProposalTestVectorTests {
    static let vectors = TestVectorFolder("proposals-small")

    @Test("the committed proposals record passes every check")
    func recordPasses() throws {
        // Nine checks: files, header, log entries, log checkpoints, statuses, decisions, recusals, payments, proposals.
        try Self.vectors.expectRecordPasses(minimumChecks: 9) { ProposalRecordVerifier(folder: $0).verify() }
    }

    @Test("every committed proposals variant fails exactly the expected checks")
    func variantsFail() throws {
        try Self.vectors.expectVariantsFail(minimumVariants: 8) { ProposalRecordVerifier(folder: $0).verify() }
    }

    @Test("the verifier names the rule each forged entry breaks")
    func messages() {
        func failures(_ variant: String, _ check: String) -> [String] {
            ProposalRecordVerifier(folder: Self.vectors.folder.appendingPathComponent("variants/\(variant)")).verify()
                .checks.first { $0.name == check }?.failures.map(\.message) ?? []
        }
        #expect(failures("status-backwards", "statuses") == ["proposal 1 moves from 'completed' to 'in_execution': a status moves only forward, one named step at a time"])
        #expect(failures("payment-above-funded", "payments") == ["proposal 1 is paid while 'completed': only a funded proposal or one in execution is paid",
                                                                 "proposal 1's payments add up to 600100 cents, above its funded 600000 cents"])
        #expect(failures("recused-judgement", "recusals").first?.contains("toetser-2 judged 'bewoners-actief' of proposal 1 after declaring an interest") == true)
        #expect(failures("wijkteam-without-reasons", "decisions") == ["the wijkteam decides proposal 1 without reasons: its note is empty",
                                                                     "the wijkteam's decision on proposal 1 does not name the recusal of toetser-2"])
    }
}
