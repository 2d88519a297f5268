extension AllocationOptions {
    /// Options from the `buurtstem allocate` flag vocabulary, e.g. `["--rule", "mes", "--completion", "add1"]`
    /// (the `flags` arrays of the Pabulib reference outcomes). Output flags (`--json`, `--explain`) are ignored.
    public init(flags: [String]) throws(AllocationError) {
        var rule: AllocationRule?
        var options = AllocationOptions(rule: .greedy)
        var index = 0
        func value(_ flag: String) throws(AllocationError) -> String {
            guard index + 1 < flags.count else { throw AllocationError("\(flag) needs a value") }
            index += 1
            return flags[index]
        }
        func parse<T: RawRepresentable & CaseIterable>(_ text: String, as: T.Type, _ flag: String) throws(AllocationError) -> T
            where T.RawValue == String
        {
            guard let parsed = T(rawValue: text) else {
                throw AllocationError("\(flag) \(text) is unknown; use one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return parsed
        }
        while index < flags.count {
            let flag = flags[index]
            switch flag {
            case "--rule": rule = try parse(try value(flag), as: AllocationRule.self, flag)
            case "--satisfaction": options.satisfaction = try parse(try value(flag), as: Satisfaction.self, flag)
            case "--completion": options.completion = try parse(try value(flag), as: Completion.self, flag)
            case "--tie-break":
                switch try value(flag) {
                case "lexico": options.tieBreak = .lexico
                case "cost-votes": options.tieBreak = .costVotes
                case let other: throw AllocationError("--tie-break \(other) is unknown; use lexico or cost-votes")
                }
            case "--json", "--explain": break
            default: throw AllocationError("unknown flag \(flag)")
            }
            index += 1
        }
        guard let rule else { throw AllocationError("--rule is required") }
        options.rule = rule
        self = options
    }
}
