import ArgumentParser
import BuurtstemRecord
import Foundation

/// `--to` of `buurtstem proposal move` and `--status` of `proposal list` are read as the record's ``ProposalStatus``,
/// so no status travels as a string to be parsed again (issue 20). Any other word is refused by the parser, which
/// names the option and lists the record's names (`allValueStrings`, also shown in the help).
extension ProposalStatus: ExpressibleByArgument {
    /// The status named `argument`, in any case: the record's name (`in_review`, or `in-review`) or the Dutch words
    /// people use (`in behandeling`, `op de stembrief`, and `afgewezen` as well as `getoetst: afgewezen`).
    public init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        let match = Self.allCases.first {
            $0.rawValue == text || $0.rawValue.replacingOccurrences(of: "_", with: "-") == text
                || $0.dutch == text || $0.dutch.replacingOccurrences(of: "getoetst: ", with: "") == text
        }
        guard let match else { return nil }
        self = match
    }
}
