import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// Checks a gemeente's published proposals record (docs/record.md, "Proposals") without the engine: the signed
/// index, every log entry and its leaf hash, the checkpoints against the log, and the rules a gemeente holding its
/// own key could still break by re-signing: statuses move only forward, every decision has its criteria judged and
/// follows from them with reasons, no assessor judged a proposal they declared an interest in, payments stay within
/// the funded amount, and the money per wijk and per funder in `money.json` is what the log's entries give, to the cent.
///
/// The log is read whole into memory: a gemeente's proposals log has thousands of entries, not millions.
public struct ProposalRecordVerifier: Sendable {
    /// The record folder.
    public let folder: URL
    /// The gemeente's issuing key as the observer got it from the gemeente; when set, any other key fails.
    public var expectedIssuingKey: PublicKey?

    /// A verifier for the proposals record in `folder`.
    public init(folder: URL, expectedIssuingKey: PublicKey? = nil) {
        self.folder = folder
        self.expectedIssuingKey = expectedIssuingKey
    }

    /// `true` if `folder` holds a proposals record (it has `proposals.json`).
    public static func isProposalsRecord(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(ProposalRecordFile.header).path)
    }

    /// Runs every check.
    public func verify() -> VerificationReport {
        let report = ReportBuilder(record: folder.path, expectedKey: expectedIssuingKey)
        var run = ProposalRun(folder: folder, report: report, expectedIssuingKey: expectedIssuingKey)
        run.all()
        return report.report
    }
}
