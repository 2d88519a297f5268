import BuurtstemVerifier
import Foundation
import Testing

/// The committed cheque round vectors (`TestVectors/cheque-round-small`, made by `scripts/make-cheque-vectors.sh`):
/// the settled record passes, and each tampered copy fails exactly the checks `expected.json` lists.
@Suite("Cheque round test vectors")
struct ChequeTestVectorTests {
    static let vectors = TestVectorFolder("cheque-round-small")

    @Test("the committed settled round passes every check")
    func recordPasses() throws {
        // Seven checks: files, round, issued set, initiatives, ledger entries, ledger checkpoints, settlement.
        try Self.vectors.expectRecordPasses(minimumChecks: 7) { ChequeRecordVerifier(folder: $0).verify() }
    }

    @Test("every committed cheque round variant fails exactly the expected checks")
    func variantsFail() throws {
        try Self.vectors.expectVariantsFail(minimumVariants: 8) { ChequeRecordVerifier(folder: $0).verify() }
    }
}
