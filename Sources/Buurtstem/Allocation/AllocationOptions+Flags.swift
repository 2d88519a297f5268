extension AllocationOptions {
    /// Options from the `buurtstem allocate` flag vocabulary, e.g. `["--rule", "mes", "--completion", "add1"]`
    /// (the `flags` arrays of the Pabulib reference outcomes). `--tie-break cost-votes-lot --lot-seed HEX` selects
    /// the public lot. `--exclusive A,B` (repeatable) adds a group of projects that exclude one another.
    /// `--explain` sets `explain`; `--json` is ignored.
    public init(flags: [String]) throws(AllocationError) {
        var rule: AllocationRule?
        var options = AllocationOptions(rule: .greedy)
        var index = 0
        var lot = false
        var seed: [UInt8]?
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
                case "cost-votes-lot": lot = true
                case let other: throw AllocationError("--tie-break \(other) is unknown; use lexico, cost-votes or cost-votes-lot")
                }
            case "--lot-seed":
                let text = try value(flag)
                guard let bytes = Self.bytes(hex: text), !bytes.isEmpty else {
                    throw AllocationError("--lot-seed \(text) is not hexadecimal; give the published seed as hex digits")
                }
                seed = bytes
            case "--exclusive":
                options.constraints.exclusions.append(Self.exclusionGroup(try value(flag)))
            case "--explain": options.explain = true
            case "--json": break
            default: throw AllocationError("unknown flag \(flag)")
            }
            index += 1
        }
        guard let rule else { throw AllocationError("--rule is required") }
        switch (lot, seed) {
        case (true, let seed?): options.tieBreak = .costVotesLot(seed: seed)
        case (true, nil): throw AllocationError("--tie-break cost-votes-lot needs --lot-seed HEX, the published seed")
        case (false, _?): throw AllocationError("--lot-seed only applies to --tie-break cost-votes-lot")
        case (false, nil): break
        }
        options.rule = rule
        self = options
    }

    /// The project ids of `--exclusive A,B,C`, without blanks at either end.
    public static func exclusionGroup(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingBlanks }.filter { !$0.isEmpty }
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
