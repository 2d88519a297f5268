import BuurtstemRecord
import Foundation

extension Run {
    /// The Pabulib files of the record (`pabulib/AREA.pb`, records exported since Buurtstem writes them) against the
    /// record itself: a derived file may not say anything the record does not.
    ///
    /// Declared only when the index lists such files: older records have none, and their absence loses nothing
    /// (each can be derived again from the record).
    mutating func checkPabulibExport() {
        guard let index, let definition else { return }
        let listed = index.files.map(\.name).filter { RecordIndexCheck.pabulibArea(of: $0) != nil }
        guard !listed.isEmpty else { return }
        let check = Self.pabulibExport
        report.declare(check, "every pabulib/AREA.pb states its contest's budget, projects, costs, counts, counted ballots and funded set as the record does")
        guard let data = try? Data(contentsOf: url(ElectionRecordFile.result)),
              let result = try? decoder.decode(ElectionResult.self, from: data) else {
            report.notRun(check, "the signed result could not be read (see the result check)")
            return
        }
        let contests = Dictionary(definition.contests.map { ($0.area, $0) }) { first, _ in first }
        let results = Dictionary(result.contests.map { ($0.area, $0) }) { first, _ in first }
        for name in listed {
            report.counted(check)
            let area = RecordIndexCheck.pabulibArea(of: name)!
            guard let contest = contests[area], let contestResult = results[area] else {
                report.fail(check, file: name, "names area \(area), which has no contest in the definition")
                continue
            }
            guard let bytes = try? Data(contentsOf: url(name)), let text = String(data: bytes, encoding: .utf8) else {
                report.fail(check, file: name, "is not readable UTF-8 text")
                continue
            }
            let expected = expectedContests[area]?.counted ?? []
            for problem in PabulibFileCheck(text: text).problems(contest: contest, result: contestResult, ballot: definition.ballot, counted: expected) {
                report.fail(check, file: name, line: problem.line, problem.message)
            }
        }
        for contest in definition.contests where !listed.contains(ElectionRecordFile.pabulib(area: contest.area)) {
            report.fail(check, file: ElectionRecordFile.index, "lists Pabulib files, but none for contest \(contest.area)")
        }
    }
}
