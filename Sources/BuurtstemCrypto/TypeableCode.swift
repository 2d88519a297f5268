/// Codes a person types: Crockford base32, grouped with hyphens, ending in a check character.
///
/// The alphabet `0123456789ABCDEFGHJKMNPQRSTVWXYZ` leaves out I, L, O and U; when reading, `I` and `L` count as
/// `1` and `O` as `0`, case is ignored and hyphens and spaces are skipped. The check character is a weighted sum
/// over GF(32) (each character's value times a distinct power of a primitive element), so every single
/// mistyped character and every swap of two characters is detected, for codes up to 30 characters.
/// Each kind of code has its own `CodeFormat`, whose name enters the check: a cheque code does not
/// pass the check as a stempas code.
public struct CodeFormat: Sendable, Hashable {
    /// A short name for error messages ("stempas", "cheque").
    public let name: String
    /// How many random bytes a code carries.
    public let byteCount: Int
    /// Characters per hyphen-separated group when printing.
    public let groupSize: Int

    /// A format for codes of `byteCount` random bytes.
    public init(name: String, byteCount: Int, groupSize: Int = 4) {
        precondition(byteCount > 0 && (byteCount * 8 + 4) / 5 < 31, "a code holds 1 to 18 bytes")
        self.name = name
        self.byteCount = byteCount
        self.groupSize = groupSize
    }

    /// Number of data characters, without the check character.
    public var dataLength: Int { (byteCount * 8 + 4) / 5 }

    /// The 128-bit stempas code: 26 data characters and a check character.
    public static let stempas = CodeFormat(name: "stempas", byteCount: 16, groupSize: 3)
    /// The 80-bit cheque code: 16 data characters and a check character.
    public static let cheque = CodeFormat(name: "cheque", byteCount: 10, groupSize: 4)
}

/// Why a typed code was not accepted.
public struct CodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the code.
    public enum Kind: Sendable, Equatable {
        /// A character that cannot occur in a code, at a 1-based position among the code's characters.
        case invalidCharacter(Character, position: Int)
        /// Too few or too many characters.
        case wrongLength(found: Int, expected: Int)
        /// All characters are valid but the check character does not match: a typing error.
        case checkMismatch
    }

    /// What is wrong.
    public let kind: Kind
    /// The kind of code ("stempas", "cheque").
    public let format: String

    /// An error of `kind` for a code of the named format.
    public init(kind: Kind, format: String) {
        self.kind = kind
        self.format = format
    }

    public var description: String {
        switch kind {
        case let .invalidCharacter(char, position):
            "the \(format) code has '\(char)' at position \(position), which does not occur in codes; "
                + "codes use digits and the letters A-Z without U: check that character"
        case let .wrongLength(found, expected):
            "the \(format) code has \(found) characters but should have \(expected): "
                + "check for a missing or extra character"
        case .checkMismatch:
            "the \(format) code has a typing error: its check character does not match; "
                + "compare each character with the printed code"
        }
    }
}

/// A code's random bytes, and its typeable form.
public struct TypeableCode: Sendable, Hashable {
    /// The random bytes the code carries.
    public let bytes: [UInt8]
    /// The format it is written in.
    public let format: CodeFormat

    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// A fresh random code.
    public static func random(_ format: CodeFormat) -> TypeableCode {
        TypeableCode(bytes: SecureRandom.bytes(count: format.byteCount), format: format)
    }

    /// Wraps bytes that already exist (for example, re-reading a stored secret).
    public init(bytes: [UInt8], format: CodeFormat) {
        precondition(bytes.count == format.byteCount, "a \(format.name) code carries \(format.byteCount) bytes")
        self.bytes = bytes
        self.format = format
    }

    /// The characters without grouping: data characters followed by the check character.
    public var compact: String {
        let values = Self.dataValues(bytes, length: format.dataLength)
        let check = Self.checkValue(values, format: format)
        return String(decoding: (values + [check]).map { Self.alphabet[Int($0)] }, as: UTF8.self)
    }

    /// The printed form: groups of `groupSize` characters separated by hyphens.
    public var formatted: String {
        let chars = Array(compact)
        return stride(from: 0, to: chars.count, by: format.groupSize)
            .map { String(chars[$0..<min($0 + format.groupSize, chars.count)]) }
            .joined(separator: "-")
    }

    /// Reads a typed code, reporting an invalid character, a wrong length or a typing error as such.
    public init(parsing text: String, format: CodeFormat) throws(CodeError) {
        var values: [UInt8] = []
        var position = 0
        for char in text {
            if char == "-" || char == " " || char == "\t" { continue }
            position += 1
            guard let value = Self.value(of: char) else {
                throw CodeError(kind: .invalidCharacter(char, position: position), format: format.name)
            }
            values.append(value)
        }
        let expected = format.dataLength + 1
        guard values.count == expected else {
            throw CodeError(kind: .wrongLength(found: values.count, expected: expected), format: format.name)
        }
        let data = Array(values.dropLast())
        guard Self.checkValue(data, format: format) == values.last!, let bytes = Self.bytes(from: data, count: format.byteCount)
        else { throw CodeError(kind: .checkMismatch, format: format.name) }
        self.bytes = bytes
        self.format = format
    }

    // MARK: - Base32

    private static func value(of char: Character) -> UInt8? {
        guard let ascii = char.asciiValue else { return nil }
        var upper = ascii
        if upper >= UInt8(ascii: "a") && upper <= UInt8(ascii: "z") { upper -= 32 }
        switch upper {
        case UInt8(ascii: "I"), UInt8(ascii: "L"): return 1
        case UInt8(ascii: "O"): return 0
        default: return alphabet.firstIndex(of: upper).map { UInt8($0) }
        }
    }

    /// Splits bytes into 5-bit values, big-endian, padding the last value with zero bits.
    private static func dataValues(_ bytes: [UInt8], length: Int) -> [UInt8] {
        var values: [UInt8] = []
        values.reserveCapacity(length)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                values.append(UInt8(buffer >> UInt32(bits) & 31))
            }
        }
        if bits > 0 { values.append(UInt8(buffer << UInt32(5 - bits) & 31)) }
        return values
    }

    /// Joins 5-bit values back into bytes; `nil` if the padding bits are not zero (a mistyped last character).
    private static func bytes(from values: [UInt8], count: Int) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        var buffer: UInt32 = 0
        var bits = 0
        for value in values {
            buffer = buffer << 5 | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(buffer >> UInt32(bits) & 0xff))
            }
        }
        guard out.count == count, buffer & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        return out
    }

    // MARK: - Check character over GF(32)

    /// The check value: the format's name and each character, weighted by successive powers of
    /// the primitive element x of GF(2^5) = GF(2)[x] / (x^5 + x^2 + 1), summed in the field.
    private static func checkValue(_ values: [UInt8], format: CodeFormat) -> UInt8 {
        var seed: UInt8 = 0
        for byte in format.name.utf8 { seed = gfMultiply(seed ^ (byte & 31), 3) }
        var sum = seed
        var weight: UInt8 = 2  // x
        for value in values {
            sum ^= gfMultiply(value, weight)
            weight = gfMultiply(weight, 2)
        }
        return sum
    }

    private static func gfMultiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var a = a, b = b, product: UInt8 = 0
        while b != 0 {
            if b & 1 != 0 { product ^= a }
            a <<= 1
            if a & 0x20 != 0 { a ^= 0x25 }  // reduce by x^5 + x^2 + 1
            b >>= 1
        }
        return product
    }
}
