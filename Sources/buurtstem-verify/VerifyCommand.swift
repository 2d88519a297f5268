import ArgumentParser
import BuurtstemCrypto
import BuurtstemVerifier
import Foundation

/// `buurtstem-verify DIR`: checks a published record without trusting the gemeente's software.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "buurtstem-verify",
        abstract: "Verify a published Buurtstem election, cheque round or proposals record.",
        discussion: """
        Checks every signature, every log against its checkpoints, every ballot against the issued passes and the \
        ballot type, the voids, the counts and the allocation; for a cheque round (a folder with round.json), the \
        signed issued set, every ledger entry, the ledger's checkpoints and the settlement; for a proposals log (a folder \
        with proposals.json), every entry, its checkpoints, and that statuses only move forward, decisions follow from \
        their judged criteria and no assessor judged a proposal they declared an interest in. Exits 0 only if every check passes; otherwise prints \
        each failed check with the file and line or ballot concerned, and exits 1. \
        To check a ballot a kiosk opened ('Controleer deze stem'): buurtstem-verify challenge TEXT-or-FILE --pinned DIR \
        (see 'buurtstem-verify challenge --help').
        """
    )

    @Argument(help: "The record folder (made by 'buurtstem record export' or 'buurtstem cheques export').")
    var record: String

    @Option(name: .customLong("issuing-key"), help: ArgumentHelp(
        "The gemeente's issuing public key (64 hex characters), as the gemeente published it.",
        discussion: "Without it the report names the key that signed the record, for you to compare with the published one.",
        valueName: "hex"))
    var issuingKey: String?

    @Option(help: ArgumentHelp(
        "The pre-publication folder the gemeente published before the polls opened or the first cheque was redeemed.",
        discussion: "Made by 'buurtstem election publish' or 'buurtstem cheques round publish'. The record fails if its definition, issued passes, eligible counts or kiosks (a cheque round: its terms, issued set or initiatives) differ from it.",
        valueName: "dir"))
    var pinned: String?

    @Option(help: ArgumentHelp(
        "The pre-publication's fingerprint, as printed on the letters or cheques (XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-X).",
        discussion: "The record's own prepublication.json must have it, and the record must match that.",
        valueName: "code"))
    var fingerprint: String?

    @Option(name: .customLong("checkpoint"), help: ArgumentHelp(
        "A checkpoint file an observer saved during the day (one checkpoint or a list); may be given many times.",
        discussion: "Each must be signed by its kiosk (a cheque round: by the ledger key, from 'buurtstem cheques checkpoint --json') and consistent with the final log.",
        valueName: "file"))
    var checkpoints: [String] = []

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let folder = URL(fileURLWithPath: record)
        let chequeRound = ChequeRecordVerifier.isChequeRound(folder)
        let proposals = ProposalRecordVerifier.isProposalsRecord(folder)
        guard chequeRound || proposals || FileManager.default.fileExists(atPath: record + "/record.json") else {
            throw ValidationError("\(record) is not a Buurtstem record: it has neither record.json (an election), round.json (a cheque round) nor proposals.json (a proposals log)")
        }
        let interactive = isatty(STDERR_FILENO) == 1
        let counted = chequeRound ? "cheques and ledger entries checked" : "ballots checked"
        let progress: @Sendable (Int, Int) -> Void = { done, total in
            if interactive { FileHandle.standardError.write(Data("\r\(counted): \(done)/\(total)".utf8)) }
        }
        var expected: PublicKey?
        if let issuingKey {
            do { expected = try PublicKey(hex: issuingKey.trimmingCharacters(in: .whitespaces)) } catch {
                throw ValidationError("--issuing-key: \(error.message). Give the gemeente's published issuing public key as 64 hex characters.")
            }
        }
        if pinned != nil && fingerprint != nil {
            throw ValidationError("give --pinned DIR or --fingerprint CODE, not both: --pinned already fixes the fingerprint")
        }
        let pin: PrePublicationPin?
        let observed: [ObserverCheckpoint]
        do {
            pin = try pinned.map { try PrePublicationPin.load(folder: URL(fileURLWithPath: $0)) }
                ?? fingerprint.map { try PrePublicationPin.fingerprint($0) }
            observed = try checkpoints.flatMap { try ObserverCheckpoint.load(URL(fileURLWithPath: $0)) }
        } catch let error as PinError {
            throw ValidationError(error.message)
        }
        if proposals && (pinned != nil || fingerprint != nil || !checkpoints.isEmpty) {
            throw ValidationError("--pinned, --fingerprint and --checkpoint are for election and cheque round records, not a proposals log")
        }
        let report = proposals ? ProposalRecordVerifier(folder: folder, expectedIssuingKey: expected).verify()
            : chequeRound ? ChequeRecordVerifier(folder: folder, expectedIssuingKey: expected, pin: pin, observerCheckpoints: observed).verify(progress: progress)
            : RecordVerifier(folder: folder, expectedIssuingKey: expected, pin: pin, observerCheckpoints: observed).verify(progress: progress)
        if interactive { FileHandle.standardError.write(Data("\r".utf8)) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text)
        }
        if !report.passed { throw ExitCode.failure }
    }
}

extension VerificationReport {
    /// The report for people: one line per check, failures indented below it.
    var text: String {
        var lines = ["Record \(record)"]
        switch (issuingPublicKey, expectedIssuingKey) {
        case let (key?, nil): lines.append("Issuing key \(key): compare it with the key the gemeente published, or pass that with --issuing-key")
        case let (key?, expected?) where key == expected: lines.append("Issuing key \(key): the one given with --issuing-key")
        case let (key?, expected?): lines.append("Issuing key \(key): NOT the one given with --issuing-key (\(expected))")
        case let (nil, expected?): lines.append("Issuing key: none could be read from the record (expected \(expected), given with --issuing-key)")
        case (nil, nil): break
        }
        if let format { lines.append("Format \(format)") }
        if let pinnedFingerprint { lines.append("Pinned pre-publication \(pinnedFingerprint)") }
        for warning in warnings { lines.append("WARNING: \(warning)") }
        for check in checks {
            let status = !check.failures.isEmpty ? "FAIL" : check.notRun != nil ? "NOT RUN" : "PASS"
            lines.append("\(status)  \(check.name) (\(check.items) checked): \(check.detail)")
            if let reason = check.notRun { lines.append("      not run: \(reason)") }
            for failure in check.failures { lines.append("      \(failure)") }
        }
        if passed && !warnings.isEmpty {
            lines.append("Verdict: every check passed, but see the \(warnings.count == 1 ? "warning" : "\(warnings.count) warnings") above: "
                + (pinnedFingerprint == nil ? "NOTHING WAS PINNED." : "what this record proves is limited."))
            return lines.joined(separator: "\n")
        }
        lines.append(passed ? "Verdict: every check passed." : "Verdict: FAILED (\(checks.filter { !$0.failures.isEmpty }.count) of \(checks.count) checks failed, "
            + "\(checks.filter { $0.failures.isEmpty && $0.notRun != nil }.count) not run).")
        return lines.joined(separator: "\n")
    }
}
