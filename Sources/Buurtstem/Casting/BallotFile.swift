import BuurtstemRecord

/// Paper ballots entered from a file (`buurtstem vote --file`, and the demo's paper ballots): one ballot per line,
/// `CODE CHOICES`, `#` starts a comment. Each line goes through `BallotBox.cast` on its own, so an interrupted run
/// loses nothing it acknowledged and a refused line does not stop the others.
public enum BallotFile {
    /// What became of one line.
    public struct Outcome: Sendable {
        /// The line number, from 1.
        public let line: Int
        /// The receipt of a ballot stored, or nil when refused.
        public let receipt: Receipt?
        /// Why the line was refused, or nil.
        public let refusal: (any Error)?
    }

    /// Casts each ballot line of `text` at `kiosk` of `election` through `box`, reporting every line's outcome to
    /// `each` after its commit; returns the number refused.
    @discardableResult
    public static func cast(_ text: String, election: String, kiosk: String, type: BallotType, box: BallotBox,
                            each: (Outcome) throws -> Void) throws -> Int {
        var refused = 0
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?
                .trimmingCharacters(in: .whitespaces) ?? ""
            guard !line.isEmpty else { continue }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            let outcome: Outcome
            do {
                guard parts.count == 2 else { throw BuurtstemError(.badInput, "write the pass code, a space and the choices on the line ('CODE CHOICES')") }
                let receipt = try box.cast(election: election, kiosk: kiosk, code: parts[0], choices: try BallotRules.parse(parts[1], type: type))
                outcome = Outcome(line: index + 1, receipt: receipt, refusal: nil)
            } catch {
                refused += 1
                outcome = Outcome(line: index + 1, receipt: nil, refusal: error)
            }
            try each(outcome)
        }
        return refused
    }
}
