/// A problem in a Pabulib `.pb` file: where it is and how to fix it.
///
/// Like ``AllocationError``, the message names an allocation setting in words, never a front end's option; when
/// choosing a setting differently fixes it, ``setting`` says which, and the CLI names its flag.
public struct PabulibError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file name (or a label such as `<memory>` for bytes that came from elsewhere).
    public let file: String
    /// The 1-based line of the problem, or `nil` when it concerns the file as a whole.
    public let line: Int?
    /// The section (`META`, `PROJECTS`, `VOTES`) and column or key concerned, when there is one.
    public let field: String?
    /// What is wrong and how to fix it.
    public let message: String
    /// The allocation setting to give or change instead, when that is the fix (the rule, the exclusion groups).
    public let setting: AllocationError.Setting?

    /// A problem at `line` (if known) in `file`, about `field` (if any), fixed by choosing `setting` when given.
    public init(file: String, line: Int?, field: String?, message: String, setting: AllocationError.Setting? = nil) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        self.setting = setting
    }

    /// `file:line: field: message`, the form editors and terminals recognise.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let field { text += "\(field): " }
        return text + message
    }
}

/// A problem the reader recovered from (a repeated project on a ballot, text after a closing quote): the same
/// parts as an error, reported on stderr and in `--json` `warnings` while the file is still read.
public typealias PabulibWarning = PabulibError
