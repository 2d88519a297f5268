import BuurtstemCrypto

extension AllocationOptions {
    /// Options from the `buurtstem allocate` flag vocabulary, e.g. `["--rule", "mes", "--completion", "add1"]`
    /// (the `flags` arrays of the Pabulib reference outcomes). `--tie-break cost-votes-lot --lot-seed HEX` selects
    /// the public lot. `--exclusive A,B` (repeatable) adds a group of projects that exclude one another.
    /// `--explain` sets `explain`; `--json` is ignored. An error names the setting in words and as ``AllocationError/setting``,
    /// not the flag: the flags are this list's vocabulary, a front end says them in its own.
    public init(flags: [String]) throws(AllocationError) {
        var rule: AllocationRule?
        var options = AllocationOptions(rule: .greedy)
        var index = 0
        var lot = false
        var seed: [UInt8]?
        func value(_ setting: AllocationError.Setting) throws(AllocationError) -> String {
            guard index + 1 < flags.count else { throw AllocationError("\(setting.words) needs a value", setting: setting) }
            index += 1
            return flags[index]
        }
        func parse<T: RawRepresentable & CaseIterable>(_ setting: AllocationError.Setting, as: T.Type) throws(AllocationError) -> T
            where T.RawValue == String
        {
            let text = try value(setting)
            guard let parsed = T(rawValue: text) else {
                throw AllocationError("\(setting.words) \(text) is unknown; use one of \(T.allCases.map(\.rawValue).joined(separator: ", "))",
                                      setting: setting)
            }
            return parsed
        }
        while index < flags.count {
            let flag = flags[index]
            switch flag {
            case "--rule": rule = try parse(.rule, as: AllocationRule.self)
            case "--satisfaction": options.satisfaction = try parse(.satisfaction, as: Satisfaction.self)
            case "--completion": options.completion = try parse(.completion, as: Completion.self)
            case "--tie-break":
                switch try value(.tieBreak) {
                case "lexico": options.tieBreak = .lexico
                case "cost-votes": options.tieBreak = .costVotes
                case "cost-votes-lot": lot = true
                case let other:
                    throw AllocationError("the tie-break \(other) is unknown; use lexico, cost-votes or cost-votes-lot", setting: .tieBreak)
                }
            case "--lot-seed":
                let text = try value(.lotSeed)
                guard let bytes = Hex.decode(text), !bytes.isEmpty else {
                    throw AllocationError("the lot seed \(text) is not hexadecimal; give the published seed as hex digits", setting: .lotSeed)
                }
                seed = bytes
            case "--exclusive":
                options.constraints.exclusions.append(Self.exclusionGroup(try value(.exclusions)))
            case "--explain": options.explain = true
            case "--json": break
            default: throw AllocationError("'\(flag)' is not an allocation setting; use the rule, satisfaction, completion, tie-break, lot seed or exclusion groups")
            }
            index += 1
        }
        guard let rule else { throw AllocationError("the rule is required", setting: .rule) }
        switch (lot, seed) {
        case (true, let seed?): options.tieBreak = .costVotesLot(seed: seed)
        case (true, nil): throw AllocationError("the tie-break cost-votes-lot needs the lot seed, the published seed in hex", setting: .lotSeed)
        case (false, _?): throw AllocationError("the lot seed only applies to the tie-break cost-votes-lot", setting: .lotSeed)
        case (false, nil): break
        }
        options.rule = rule
        self = options
    }

    /// The project ids of `--exclusive A,B,C`, without blanks at either end.
    public static func exclusionGroup(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingBlanks }.filter { !$0.isEmpty }
    }
}
