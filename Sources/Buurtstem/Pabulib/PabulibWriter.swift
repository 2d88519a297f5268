import Foundation

/// Writes a `PabulibInstance` as a `.pb` file that `PabulibReader` reads back to the same instance.
/// The VOTES rows are the instance's `votes`: an instance read with `PabulibReader(keepVoteRows: false)` has none.
///
/// Fields are written as stored; a field is quoted (with `"` doubled) only when it contains `;`, `"`, a line
/// break: the same minimal quoting the Pabulib files themselves use.
public struct PabulibWriter: Sendable {
    /// The line terminator; Pabulib files use `\n` or `\r\n`.
    public var lineEnding: String

    /// A writer ending lines with `lineEnding`.
    public init(lineEnding: String = "\n") {
        self.lineEnding = lineEnding
    }

    /// The file's bytes.
    public func bytes(_ instance: PabulibInstance) -> [UInt8] {
        Array(text(instance).utf8)
    }

    /// The file's text.
    public func text(_ instance: PabulibInstance) -> String {
        var out = ""
        func row(_ fields: [String]) {
            out += fields.map(Self.quoted).joined(separator: ";")
            out += lineEnding
        }
        out += "META" + lineEnding
        row(["key", "value"])
        for entry in instance.meta { row([entry.key, entry.value]) }
        out += "PROJECTS" + lineEnding
        row(instance.projectColumns)
        for project in instance.projects { row(project.fields) }
        out += "VOTES" + lineEnding
        row(instance.voteColumns)
        for vote in instance.votes { row(vote.fields) }
        return out
    }

    /// `field` quoted if the reader would otherwise split or trim it differently.
    static func quoted(_ field: String) -> String {
        let special: Set<UInt8> = [UInt8(ascii: ";"), UInt8(ascii: "\""), 10, 13]
        let needsQuotes = field.utf8.contains { special.contains($0) }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
