import BuurtstemVerifier
import Foundation
import Testing

/// docs/record.md names every check of `buurtstem-verify` and what it covers: the names in its tables must be
/// exactly the checks the verifier reports, in report order, so an observer who reads the page reads the report.
@Suite("docs/record.md names the verifier's checks")
struct RecordDocTests {
    /// The check names of the table under `heading` in docs/record.md: the first cell of each row, in backquotes.
    static func documentedChecks(under heading: String) throws -> [String] {
        let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/record.md")
        let lines = try String(contentsOf: page, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0 == heading }) else { return [] }
        var names: [String] = []
        for line in lines[(start + 1)...] {
            if line.hasPrefix("#") { break }
            guard line.hasPrefix("| `"), let close = line.dropFirst(3).firstIndex(of: "`") else { continue }
            names.append(String(line[line.index(line.startIndex, offsetBy: 3)..<close]))
        }
        return names
    }

    @Test("the election checks table lists exactly the checks an election's report has, in order")
    func electionChecks() throws {
        let report = RecordVerifier(folder: try TestVectorFolder("election-small").record()).verify()
        let documented = try Self.documentedChecks(under: "### Election checks")
        #expect(documented.count >= 12)
        #expect(documented == report.checks.map(\.name))
    }

    @Test("the cheque round checks table lists exactly the checks a round's report has, in order")
    func chequeRoundChecks() throws {
        let report = ChequeRecordVerifier(folder: try TestVectorFolder("cheque-round-small").record()).verify()
        let documented = try Self.documentedChecks(under: "### Cheque round checks")
        #expect(documented.count >= 7)
        #expect(documented == report.checks.map(\.name))
    }
}

extension RecordDocTests {
    @Test("the proposals checks table lists exactly the checks a proposals record's report has, in order")
    func proposalsChecks() throws {
        let report = ProposalRecordVerifier(folder: try TestVectorFolder("proposals-small").record()).verify()
        let documented = try Self.documentedChecks(under: "### Proposals checks")
        #expect(documented.count >= 9)
        #expect(documented == report.checks.map(\.name))
    }
}
