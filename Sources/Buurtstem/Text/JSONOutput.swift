import BuurtstemCrypto
import Foundation

/// The JSON that `--json` prints: sorted keys, ISO 8601 dates and hex bytes, so output is stable for scripts and diffs.
package enum JSONOutput {
    /// Encodes `value` as pretty-printed JSON.
    package static func string<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // Hashes and keys read as hex everywhere a person sees them.
        encoder.dataEncodingStrategy = .custom { data, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Hex.encode(data))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
