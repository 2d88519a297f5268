import BuurtstemVerifier
import Foundation
import Testing

/// One folder of committed test vectors in `TestVectors/`: a record, tampered variants of it and `expected.json`
/// with the checks each variant must fail. Read from the source tree, not from a test bundle, so the tests check the
/// very files that other verifiers are told to use.
struct TestVectorFolder: Sendable {
    /// `expected.json`: the record's verdict and, per variant, its change and the checks it fails in report order.
    struct Expected: Decodable {
        /// One tampered copy of the record.
        struct Variant: Decodable {
            let variant: String
            let change: String
            let failed_checks: [String]
        }
        let record: String
        let verdict_of_record: String
        let variants: [Variant]
    }

    /// The folder, e.g. `TestVectors/election-small`.
    let folder: URL

    /// The vectors in `TestVectors/name` of this source tree.
    init(_ name: String) {
        folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("TestVectors").appendingPathComponent(name)
    }

    /// The parsed `expected.json`.
    func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
    }

    /// The untampered record's folder.
    func record() throws -> URL {
        folder.appendingPathComponent(try expected().record)
    }

    /// Expects `verify` to pass the record on at least `minimumChecks` checks.
    func expectRecordPasses(minimumChecks: Int, verify: (URL) -> VerificationReport) throws {
        #expect(try expected().verdict_of_record == "pass")
        let report = verify(try record())
        #expect(report.passed, "\(report.checks.filter { !$0.passed }.map(\.failures))")
        #expect(report.checks.count >= minimumChecks)
    }

    /// Expects `verify` to fail every variant on exactly the checks `expected.json` lists, at least `minimumVariants`
    /// variants, and every folder in `variants/` to be listed (a variant left out would be checked by no one).
    func expectVariantsFail(minimumVariants: Int, verify: (URL) -> VerificationReport) throws {
        let expected = try expected()
        #expect(expected.variants.count >= minimumVariants)
        let folders = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("variants").path)
        #expect(Set(folders.map { "variants/\($0)" }) == Set(expected.variants.map(\.variant)))
        for variant in expected.variants {
            let report = verify(folder.appendingPathComponent(variant.variant))
            #expect(!report.passed, "\(variant.variant) passed")
            // The checks with failures; a check that could not run is not a pass either, but not one of these.
            #expect(report.checks.filter { !$0.failures.isEmpty }.map(\.name) == variant.failed_checks, "\(variant.variant): \(variant.change)")
        }
    }
}
