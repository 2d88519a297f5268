import BuurtstemVerifier
import Foundation
import Testing

/// The committed election vectors (`TestVectors/election-small`): the record passes, and each tampered copy fails
/// exactly the checks `expected.json` lists.
@Suite("Test vectors")
struct TestVectorTests {
    static let vectors = TestVectorFolder("election-small")

    @Test("the committed record passes every check")
    func recordPasses() throws {
        try Self.vectors.expectRecordPasses(minimumChecks: 12) { RecordVerifier(folder: $0).verify() }
    }

    @Test("every committed variant fails exactly the expected checks")
    func variantsFail() throws {
        try Self.vectors.expectVariantsFail(minimumVariants: 6) { RecordVerifier(folder: $0).verify() }
    }
}
