import Foundation

/// The JSON that `--json` prints: sorted keys and ISO 8601 dates, so output is stable for scripts and diffs.
public enum JSONOutput {
    /// Encodes `value` as pretty-printed JSON.
    public static func string<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
