import BuurtstemCrypto
import Foundation

/// Reads and writes the ceremony's JSON files (docs/record.md, "The ceremony's files"): UTF-8 without a byte-order
/// mark, one object, no unknown fields, hex in lower case, every point and scalar canonical.
public enum TrusteeFileJSON {
    /// The largest ceremony file read (a dealing of the most trustees at the highest threshold is far smaller).
    public static let maximumBytes = 8 * 1_048_576

    /// The file's bytes as written: pretty-printed JSON with sorted keys and a final newline, so equal values
    /// give equal files.
    public static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding these value types (strings, integers, arrays) cannot fail.
        return Array(try! encoder.encode(value)) + [UInt8(ascii: "\n")]
    }

    /// Decodes `bytes`, read from `file`, as a `T`; every problem names the file and the field.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], file: String) throws(TrusteeFileError) -> T {
        guard bytes.count <= maximumBytes else {
            throw TrusteeFileError(file: file, "the file has \(bytes.count) bytes, more than a ceremony file can have: is it the right file?")
        }
        guard !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else {
            throw TrusteeFileError(file: file, "the file starts with a byte-order mark: save it as UTF-8 without one")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw TrusteeFileError(file: file, "the file is not UTF-8 text: is it the right file?")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            if case let .dataCorrupted(context) = error, context.codingPath.isEmpty {
                throw TrusteeFileError(file: file, "the file is not JSON (\(context.underlyingError.map { "\($0)" } ?? context.debugDescription)): "
                    + "it was damaged or is not a ceremony file; ask for it again")
            }
            throw TrusteeFileError.decoding(error, file: file)
        } catch {
            throw TrusteeFileError(file: file, "\(error)")
        }
    }

    /// `commitments[1].x` for a coding path.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text.isEmpty ? "the top" : text
    }
}

/// A coding key for any field name or array position.
struct AnyCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

extension Decoder {
    /// The object's container, refusing fields other than `Key`'s and a `format` other than `format`.
    func strictContainer<Key: CodingKey & CaseIterable>(
        _ type: Key.Type, format: String, what: String
    ) throws -> KeyedDecodingContainer<Key> {
        try refuseUnknownKeys(Key.self, what: what)
        let all = try container(keyedBy: AnyCodingKey.self)
        let formatKey = AnyCodingKey(stringValue: "format")
        let found = try all.decode(String.self, forKey: formatKey)
        guard found == format else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: codingPath + [formatKey],
                debugDescription: "the format is '\(found.prefix(80))' where \(what) has '\(format)': is it the right file?"))
        }
        return try container(keyedBy: Key.self)
    }
}

extension Decoder {
    /// Refuses an object with fields other than `Key`'s: a misspelt or added field is an error, never ignored.
    func refuseUnknownKeys<Key: CodingKey & CaseIterable>(_ type: Key.Type, what: String) throws {
        let allowed = Set(Key.allCases.map(\.stringValue))
        for key in try container(keyedBy: AnyCodingKey.self).allKeys where !allowed.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: codingPath + [key],
                debugDescription: "unknown field '\(key.stringValue)' in \(what): remove it (allowed: \(allowed.sorted().joined(separator: ", ")))"))
        }
    }
}

extension KeyedDecodingContainer {
    /// Lower-case hex of `count` bytes (any length when nil).
    func decodeHex(_ key: Key, count: Int? = nil) throws -> [UInt8] {
        try Self.hex(try decode(String.self, forKey: key), count: count, path: codingPath + [key])
    }

    /// A list of lower-case hex strings of `count` bytes each.
    func decodeHexList(_ key: Key, count: Int? = nil) throws -> [[UInt8]] {
        try decodeList(key) { text, path in try Self.hex(text, count: count, path: path) }
    }

    /// A canonical ristretto255 point other than the identity.
    func decodePoint(_ key: Key) throws -> Ristretto255.Point {
        try Self.point(try decode(String.self, forKey: key), path: codingPath + [key])
    }

    /// A list of canonical ristretto255 points, none the identity.
    func decodePoints(_ key: Key) throws -> [Ristretto255.Point] {
        try decodeList(key) { text, path in try Self.point(text, path: path) }
    }

    /// A canonical scalar (less than ℓ).
    func decodeScalar(_ key: Key) throws -> Ristretto255.Scalar {
        try Self.scalar(try decode(String.self, forKey: key), path: codingPath + [key])
    }

    /// A list of canonical scalars.
    func decodeScalars(_ key: Key) throws -> [Ristretto255.Scalar] {
        try decodeList(key) { text, path in try Self.scalar(text, path: path) }
    }

    /// A list of strings, each read by `read` with its own coding path (`field[i]`).
    private func decodeList<T>(_ key: Key, _ read: (String, [any CodingKey]) throws -> T) throws -> [T] {
        try decode([String].self, forKey: key).enumerated().map { position, text in
            try read(text, codingPath + [key, AnyCodingKey(intValue: position)])
        }
    }

    /// An index 1...`maximum`.
    func decodeIndex(_ key: Key, maximum: Int) throws -> Int {
        let value = try decode(Int.self, forKey: key)
        guard (1...maximum).contains(value) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [key],
                                                   debugDescription: "\(value) is not between 1 and \(maximum): the file was damaged or changed; ask for it again"))
        }
        return value
    }

    private static func hex(_ text: String, count: Int?, path: [any CodingKey]) throws -> [UInt8] {
        guard Hex.isLowercase(text), let bytes = Hex.decode(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path,
                                                   debugDescription: "'\(text.prefix(80))' is not lower-case hex: the file was damaged or changed; ask for it again"))
        }
        if let count, bytes.count != count {
            throw DecodingError.dataCorrupted(.init(codingPath: path,
                                                   debugDescription: "the value has \(bytes.count) bytes where \(count) are expected (\(2 * count) hex digits): the file was damaged or changed; ask for it again"))
        }
        return bytes
    }

    private static func point(_ text: String, path: [any CodingKey]) throws -> Ristretto255.Point {
        try canonical(text, path: path, { Ristretto255.Point(canonical: $0) }) { bytes in
            bytes.allSatisfy { $0 == 0 } ? "is the identity (all zeros), which no key or commitment may be"
                : "is not the canonical encoding of a ristretto255 point"
        }
    }

    private static func scalar(_ text: String, path: [any CodingKey]) throws -> Ristretto255.Scalar {
        try canonical(text, path: path, Ristretto255.Scalar.init(canonical:)) { _ in "is not a reduced scalar (it is ℓ or more)" }
    }

    /// 32 bytes of hex parsed by `parse`, or refused with what `problem` says of them.
    private static func canonical<T>(
        _ text: String, path: [any CodingKey], _ parse: ([UInt8]) -> T?, problem: ([UInt8]) -> String
    ) throws -> T {
        let bytes = try hex(text, count: Ristretto255.encodedLength, path: path)
        guard let value = parse(bytes) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path,
                                                   debugDescription: "'\(text.prefix(16))...' \(problem(bytes)): the file was damaged or forged; ask its author for it again"))
        }
        return value
    }
}

extension KeyedEncodingContainer {
    /// Writes `bytes` as lower-case hex.
    mutating func encodeHex(_ bytes: [UInt8], forKey key: Key) throws {
        try encode(Hex.encode(bytes), forKey: key)
    }

    /// Writes `list` as lower-case hex strings.
    mutating func encodeHexList(_ list: [[UInt8]], forKey key: Key) throws {
        try encode(list.map { Hex.encode($0) }, forKey: key)
    }
}
