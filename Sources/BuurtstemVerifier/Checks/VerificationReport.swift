import BuurtstemCrypto

/// What `buurtstem-verify` found: every check with its outcome, and each failure with where it is.
public struct VerificationReport: Sendable, Codable {
    /// One failure of a check.
    public struct Failure: Sendable, Codable, Equatable, CustomStringConvertible {
        /// The file concerned (inside the record folder).
        public let file: String
        /// The line, when the failure is on one (ballots and passes are one per line).
        public let line: Int?
        /// What is wrong.
        public let message: String

        public var description: String {
            "\(file)\(line.map { ":\($0)" } ?? ""): \(message)"
        }
    }

    /// One check.
    public struct Check: Sendable, Codable {
        /// Its name, e.g. "ballot signatures".
        public let name: String
        /// What it checks, in a sentence.
        public let detail: String
        /// Failures; empty when the check passed.
        public var failures: [Failure]
        /// How many items it looked at.
        public var items: Int
        /// Why the check could not run (an earlier step it needs could not be read or trusted); nil when it ran. A
        /// check that did not run never counts as passed.
        public var notRun: String?

        /// `true` when it ran and nothing failed.
        public var passed: Bool { failures.isEmpty && notRun == nil }
    }

    /// The record folder.
    public let record: String
    /// The issuing key the record names (hex): its index's, or for a cheque round without a readable index,
    /// round.json's. What an observer compares with the key the gemeente publishes, unless they pinned it.
    public var issuingPublicKey: String?
    /// The key the observer said to expect (`--issuing-key`, hex); a record signed by another key fails.
    public var expectedIssuingKey: String?
    /// The checks in the order they ran.
    public var checks: [Check] = []

    /// `true` only when every check passed.
    public var passed: Bool { !checks.isEmpty && checks.allSatisfy(\.passed) }

    /// How many failures are kept per check (the count is still reported).
    static let failureLimit = 100
}

/// Collects the checks while the verifier runs.
final class ReportBuilder {
    private(set) var report: VerificationReport
    private var index: [String: Int] = [:]
    /// The checks that ran: looked at something, failed, or were marked as run.
    private var started = Set<String>()

    /// A report on the record in folder `record`; `expectedKey` is the issuing key the observer gave, shown even
    /// when no file of the record can be read.
    init(record: String, expectedKey: PublicKey? = nil) {
        report = VerificationReport(record: record)
        report.expectedIssuingKey = expectedKey?.hex
    }

    /// Declares a check (once), so it appears in the report even with nothing to fail.
    func declare(_ name: String, _ detail: String) {
        guard index[name] == nil else { return }
        index[name] = report.checks.count
        report.checks.append(.init(name: name, detail: detail, failures: [], items: 0))
    }

    /// Counts `count` items looked at by `name`.
    func counted(_ name: String, _ count: Int = 1) {
        declare(name, name)
        started.insert(name)
        if let at = index[name] { report.checks[at].items += count }
    }

    /// Marks `name` as not run, with the reason (what it would need that is missing); a later failure of it stays
    /// listed too.
    func notRun(_ name: String, _ reason: String) {
        declare(name, name)
        started.insert(name)
        if let at = index[name], report.checks[at].notRun == nil { report.checks[at].notRun = reason }
    }

    /// Marks every declared check that never ran as not run because of `reason`: the report never shows a check
    /// that looked at nothing as passed.
    func finish(_ reason: String) {
        for check in report.checks where !started.contains(check.name) { notRun(check.name, reason) }
    }

    /// Notes the issuing key the record names.
    func issuingKey(_ key: PublicKey) {
        report.issuingPublicKey = key.hex
    }

    /// Records a failure of `name`.
    func fail(_ name: String, file: String, line: Int? = nil, _ message: String) {
        declare(name, name)
        started.insert(name)
        guard let at = index[name] else { return }
        if report.checks[at].failures.count < VerificationReport.failureLimit {
            report.checks[at].failures.append(.init(file: file, line: line, message: message))
        } else if report.checks[at].failures.count == VerificationReport.failureLimit {
            report.checks[at].failures.append(.init(file: file, line: nil, message: "... and more failures of this check (only the first \(VerificationReport.failureLimit) are listed)"))
        }
    }
}
