/// A request the allocation rules cannot carry out, with what to change.
///
/// The message names a setting in words ("the tie-break"), never a front end's option: the CLI's `allocate` says
/// ``setting`` as its flag, an election definition as its key.
public struct AllocationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A setting of an allocation the error is about.
    public enum Setting: String, Sendable, Equatable, CaseIterable {
        /// The rule (greedy, mes, ...).
        case rule
        /// How a project satisfies a voter (cost, cardinality, cardinal).
        case satisfaction
        /// The completion of Equal Shares.
        case completion
        /// How ties are broken.
        case tieBreak
        /// The seed of the public lot.
        case lotSeed
        /// Groups of projects that exclude one another.
        case exclusions
        /// The ranking weighting (criteria weights and values).
        case weighting

        /// The setting in words, e.g. "the tie-break".
        public var words: String {
            switch self {
            case .rule: "the rule"
            case .satisfaction: "the satisfaction"
            case .completion: "the completion"
            case .tieBreak: "the tie-break"
            case .lotSeed: "the lot seed"
            case .exclusions: "the exclusion groups"
            case .weighting: "the weighting"
            }
        }
    }

    /// What is wrong and how to fix it.
    public let message: String
    /// The setting to change, when one is the cause.
    public let setting: Setting?

    /// An error saying `message`, about `setting` when one is the cause.
    public init(_ message: String, setting: Setting? = nil) {
        self.message = message
        self.setting = setting
    }

    /// The message.
    public var description: String { message }
}
