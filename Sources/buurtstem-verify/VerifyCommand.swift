import ArgumentParser
import BuurtstemVerifier
import Foundation

/// `buurtstem-verify DIR`: checks a published record without trusting the gemeente's software.
@main
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "buurtstem-verify",
        abstract: "Verify a published Buurtstem election record.",
        discussion: """
        Checks every signature, every log against its checkpoints, every ballot against the issued passes and the \
        ballot type, the voids, the counts and the allocation. Exits 0 only if every check passes; otherwise prints \
        each failed check with the file and line or ballot concerned, and exits 1.
        """
    )

    @Argument(help: "The record folder (made by 'buurtstem record export').")
    var record: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: record + "/record.json") else {
            throw ValidationError("\(record) is not a Buurtstem record: it has no record.json")
        }
        let interactive = isatty(STDERR_FILENO) == 1
        let report = RecordVerifier(folder: URL(fileURLWithPath: record)).verify { done, total in
            if interactive { FileHandle.standardError.write(Data("\rballots checked: \(done)/\(total)".utf8)) }
        }
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
        for check in checks {
            lines.append("\(check.passed ? "PASS" : "FAIL")  \(check.name) (\(check.items) checked): \(check.detail)")
            for failure in check.failures { lines.append("      \(failure)") }
        }
        lines.append(passed ? "Verdict: every check passed." : "Verdict: FAILED (\(checks.filter { !$0.passed }.count) of \(checks.count) checks).")
        return lines.joined(separator: "\n")
    }
}
