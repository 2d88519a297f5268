/// One thing wrong with an input file, pinned to where it is.
public struct Problem: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The file the problem is in.
    public let file: String
    /// The 1-based line, when the problem is on a line.
    public let line: Int?
    /// The column or field concerned, when there is one.
    public let field: String?
    /// What is wrong and how to fix it.
    public let message: String

    /// A problem in `file` at `line`, in `field`.
    public init(file: String, line: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let field { place += " (\(field))" }
        return "\(place): \(message)"
    }
}

/// An input file that was refused as a whole, with every problem found in it.
///
/// Imports are all or nothing: when this is thrown, nothing from the file was stored.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, in file order.
    public let problems: [Problem]

    /// How many problems are printed before the rest are summarised.
    public static let printLimit = 50

    /// An error listing `problems` (at least one).
    public init(_ problems: [Problem]) {
        precondition(!problems.isEmpty, "an input error lists at least one problem")
        self.problems = problems
    }

    /// An error with a single problem.
    public init(file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        self.init([Problem(file: file, line: line, field: field, message: message)])
    }

    public var description: String {
        let shown = problems.prefix(Self.printLimit).map(\.description)
        var text = shown.joined(separator: "\n")
        if problems.count > Self.printLimit {
            text += "\n... and \(problems.count - Self.printLimit) more problems"
        }
        if problems.count > 1 {
            text += "\n\(problems.count) problems; nothing was stored. Fix them and run the command again."
        } else {
            text += "\nNothing was stored. Fix it and run the command again."
        }
        return text
    }
}
