import BuurtstemCrypto
import Foundation

/// Checks a published cheque round record (docs/record.md, "Cheque rounds") without the engine: the signed issued
/// set, every ledger entry against the issued set and the round's rules, the ledger's checkpoints, and the
/// settlement recomputed from the ledger.
///
/// The issued set and the ledger are streamed in batches; what stays in memory is one small entry per issued cheque
/// (needed to check that a redeemed code was issued and is redeemed once) and the initiatives.
public struct ChequeRecordVerifier: Sendable {
    /// The record folder.
    public let folder: URL
    /// Lines read and checked per batch (bounds memory; hashes within a batch are computed on all cores).
    public var batchSize = 8192
    /// The gemeente's issuing key as the observer got it from the gemeente (not from the record); when set, a
    /// record signed by any other key fails.
    public var expectedIssuingKey: PublicKey?
    /// The round's pre-publication the observer kept (`--pinned`) or its fingerprint (`--fingerprint`); nil when
    /// nothing was pinned, which the report then says loudly.
    public var pin: PrePublicationPin?
    /// Checkpoints of the redemption ledger an observer saved while the round ran (`--checkpoint`): each must be
    /// signed by the ledger key and the final ledger must still begin with what it fixed.
    public var observerCheckpoints: [ObserverCheckpoint] = []

    /// A verifier for the cheque round record in `folder`.
    public init(folder: URL, expectedIssuingKey: PublicKey? = nil, pin: PrePublicationPin? = nil,
                observerCheckpoints: [ObserverCheckpoint] = []) {
        self.folder = folder
        self.expectedIssuingKey = expectedIssuingKey
        self.pin = pin
        self.observerCheckpoints = observerCheckpoints
    }

    /// `true` if `folder` holds a cheque round's record (it has `round.json`) rather than an election's.
    public static func isChequeRound(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(ChequeRecord.round).path)
    }

    /// Runs every check; `progress` gets (lines checked, lines in the issued set and the ledger) as it goes.
    public func verify(progress: @Sendable (Int, Int) -> Void = { _, _ in }) -> VerificationReport {
        let report = ReportBuilder(record: folder.path, expectedKey: expectedIssuingKey)
        var run = ChequeRun(folder: folder, report: report, batchSize: batchSize, expectedIssuingKey: expectedIssuingKey, pin: pin,
                            observerCheckpoints: observerCheckpoints)
        run.all(progress: progress)
        return report.report
    }
}
