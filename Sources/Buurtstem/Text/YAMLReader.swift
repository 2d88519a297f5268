import Foundation
import Yams

/// Strict reading of a YAML document for definitions people edit by hand: every value is looked up by key with
/// its line number kept, unknown keys are problems (a typo must not be silently ignored), and all problems are
/// collected so one run reports them all.
final class YAMLReader {
    /// A mapping being read; remembers which keys were asked for.
    struct Mapping {
        let node: Node
        let pairs: [(key: String, value: Node, line: Int)]
        let path: String

        /// The line of the mapping itself.
        var line: Int { node.mark?.line ?? 0 }
    }

    let file: String
    private(set) var problems: [Problem] = []
    private var used: [String: Set<String>] = [:]
    private var mappings: [Mapping] = []

    private init(file: String) {
        self.file = file
    }

    /// Reads the document's root mapping.
    static func root(_ text: String, file: String) throws -> (YAMLReader, Mapping) {
        let reader = YAMLReader(file: file)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw InputError(file: file, line: Self.line(of: error), "this is not valid YAML: \(Self.reason(of: error))")
        }
        guard let node, let mapping = reader.mapping(node, path: "") else {
            throw InputError(file: file, line: 1, "the file should be a YAML mapping of 'key: value' lines")
        }
        return (reader, mapping)
    }

    /// Adds a problem at `line`.
    func problem(_ line: Int?, _ field: String?, _ message: String) {
        problems.append(Problem(file: file, line: line, field: field, message: message))
    }

    /// Wraps `node` as a mapping, reporting a problem when it is not one.
    func mapping(_ node: Node, path: String) -> Mapping? {
        guard case let .mapping(map) = node else {
            problem(node.mark?.line, path, "'\(path)' should be a mapping of 'key: value' lines")
            return nil
        }
        var pairs: [(String, Node, Int)] = []
        var seen: Set<String> = []
        for (key, value) in map {
            let name = key.string ?? ""
            if !seen.insert(name).inserted {
                problem(key.mark?.line, join(path, name), "'\(name)' is given twice; keep one")
            }
            pairs.append((name, value, key.mark?.line ?? 0))
        }
        let mapping = Mapping(node: node, pairs: pairs, path: path)
        mappings.append(mapping)
        return mapping
    }

    /// The value node of `key`, marking the key as known.
    func value(_ mapping: Mapping, _ key: String, required: Bool = true) -> (node: Node, line: Int)? {
        used[mapping.path + "@\(mapping.line)", default: []].insert(key)
        if let pair = mapping.pairs.first(where: { $0.key == key }) { return (pair.value, pair.line) }
        if required { problem(mapping.line, join(mapping.path, key), "'\(key)' is missing under '\(mapping.path.isEmpty ? "the top level" : mapping.path)'") }
        return nil
    }

    /// A non-empty string.
    func string(_ mapping: Mapping, _ key: String, required: Bool = true) -> String? {
        guard let (node, line) = value(mapping, key, required: required) else { return nil }
        guard case let .scalar(scalar) = node, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
            problem(line, join(mapping.path, key), "'\(key)' should be a non-empty text")
            return nil
        }
        return scalar.string.trimmingCharacters(in: .whitespaces)
    }

    /// A whole number in `range`.
    func integer(_ mapping: Mapping, _ key: String, in range: ClosedRange<Int>, required: Bool = true) -> Int? {
        guard let (node, line) = value(mapping, key, required: required) else { return nil }
        guard case let .scalar(scalar) = node, let number = Int(scalar.string), range.contains(number) else {
            problem(line, join(mapping.path, key), "'\(key)' should be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return number
    }

    /// An amount in euros, exactly, as cents.
    func money(_ mapping: Mapping, _ key: String) -> Int64? {
        guard let (node, line) = value(mapping, key) else { return nil }
        guard case let .scalar(scalar) = node, let cents = Money.cents(scalar.string), cents >= 0 else {
            problem(line, join(mapping.path, key), "'\(key)' should be an amount in euros such as 85000 or 85000.50")
            return nil
        }
        return cents
    }

    /// A point in time with its UTC offset, ISO 8601 (`2026-11-28T09:00:00+01:00`), as milliseconds since 1970.
    func time(_ mapping: Mapping, _ key: String) -> Int64? {
        guard let (node, line) = value(mapping, key) else { return nil }
        let formatter = ISO8601DateFormatter()
        guard case let .scalar(scalar) = node, let date = formatter.date(from: scalar.string) else {
            problem(line, join(mapping.path, key), "'\(key)' should be a date and time with offset, e.g. 2026-11-28T09:00:00+01:00")
            return nil
        }
        return Int64(date.timeIntervalSince1970 * 1000)
    }

    /// A list of mappings.
    func list(_ mapping: Mapping, _ key: String, required: Bool = true) -> [Mapping] {
        guard let (node, line) = value(mapping, key, required: required) else { return [] }
        guard case let .sequence(sequence) = node else {
            problem(line, join(mapping.path, key), "'\(key)' should be a list of items, each starting with '- '")
            return []
        }
        return sequence.enumerated().compactMap { self.mapping($1, path: "\(join(mapping.path, key))[\($0 + 1)]") }
    }

    /// Reports every key that was never asked for: a misspelt key must not be ignored.
    func reportUnknownKeys() {
        for mapping in mappings {
            let known = used[mapping.path + "@\(mapping.line)", default: []]
            for pair in mapping.pairs where !known.contains(pair.key) {
                let allowed = known.sorted().joined(separator: ", ")
                problem(pair.line, join(mapping.path, pair.key), "unknown key '\(pair.key)'; allowed here: \(allowed)")
            }
        }
    }

    private func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            mark.line
        default: nil
        }
    }

    private static func reason(of error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _):
            problem
        default: "\(error)"
        }
    }
}
