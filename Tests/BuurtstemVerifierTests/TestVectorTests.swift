import BuurtstemVerifier
import Foundation
import Testing

@Suite("Test vectors")
struct TestVectorTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TestVectors/election-small")

    struct Expected: Decodable {
        struct Variant: Decodable {
            let variant: String
            let change: String
            let failed_checks: [String]
        }
        let record: String
        let variants: [Variant]
    }

    static func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
    }

    @Test("the committed record passes every check")
    func recordPasses() throws {
        let report = RecordVerifier(folder: Self.folder.appendingPathComponent(try Self.expected().record)).verify()
        #expect(report.passed, "\(report.checks.filter { !$0.passed }.map(\.failures))")
        #expect(report.checks.count >= 12)
    }

    @Test("every committed variant fails exactly the expected checks")
    func variantsFail() throws {
        let expected = try Self.expected()
        #expect(expected.variants.count >= 6)
        for variant in expected.variants {
            let report = RecordVerifier(folder: Self.folder.appendingPathComponent(variant.variant)).verify()
            #expect(!report.passed, "\(variant.variant) passed")
            #expect(report.checks.filter { !$0.passed }.map(\.name) == variant.failed_checks, "\(variant.variant): \(variant.change)")
        }
    }
}
