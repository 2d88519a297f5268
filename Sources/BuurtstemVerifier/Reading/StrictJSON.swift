import Foundation

/// The verifier's strict first reading of a record's JSON text (docs/record.md, "Conventions"): one JSON value
/// (RFC 8259) in UTF-8 without a byte-order mark, no object with the same key twice, and nesting no deeper than
/// ``maximumDepth``. A general JSON decoder reads what passes; this pass refuses what such a decoder would take
/// silently (a duplicate key, of which it keeps one value) or could only take by guessing (a BOM).
enum StrictJSON {
    /// The deepest nesting a record's JSON needs is four; anything much deeper is refused before a decoder
    /// recurses into it.
    static let maximumDepth = 64

    /// Nil when `data` is strict JSON; otherwise what is wrong, where (line and column of the text) and how to fix it.
    static func problem(_ data: Data) -> String? {
        data.withUnsafeBytes { problem($0) }
    }

    /// Nil when `bytes` is strict JSON; otherwise what is wrong and where.
    static func problem(_ bytes: UnsafeRawBufferPointer) -> String? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return "starts with a byte-order mark (BOM): a record's JSON is UTF-8 without one; save the file without it"
        }
        if String(validating: bytes, as: UTF8.self) == nil {
            return "is not valid UTF-8"
        }
        var scanner = Scanner(bytes: bytes)
        do throws(Scanner.Failure) {
            scanner.skipSpace()
            try scanner.value(depth: 0)
            scanner.skipSpace()
            if scanner.at < bytes.count { throw Scanner.Failure(at: scanner.at, "text after the JSON value") }
            return nil
        } catch {
            let (line, column) = position(of: error.at, in: bytes)
            return "is not strict JSON at line \(line), column \(column): \(error.message)"
        }
    }

    /// The 1-based line and column (in bytes) of `offset`.
    private static func position(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (Int, Int) {
        var line = 1, lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        return (line, offset - lineStart + 1)
    }

    /// A recursive-descent reader that keeps nothing but each object's keys.
    private struct Scanner {
        struct Failure: Error {
            let at: Int
            let message: String
            init(at: Int, _ message: String) {
                self.at = at
                self.message = message
            }
        }

        let bytes: UnsafeRawBufferPointer
        var at = 0

        init(bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        var current: UInt8? { at < bytes.count ? bytes[at] : nil }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { at += 1 }
        }

        mutating func expect(_ byte: UInt8) throws(Failure) {
            guard current == byte else {
                throw Failure(at: at, current == nil ? "the text ends early" : "expected '\(Character(Unicode.Scalar(byte)))'")
            }
            at += 1
        }

        mutating func value(depth: Int) throws(Failure) {
            guard depth < StrictJSON.maximumDepth else { throw Failure(at: at, "nested deeper than \(StrictJSON.maximumDepth) levels") }
            guard let byte = current else { throw Failure(at: at, "the text ends where a value should be") }
            switch byte {
            case UInt8(ascii: "{"): try object(depth: depth)
            case UInt8(ascii: "["): try array(depth: depth)
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw Failure(at: at, "not the start of a JSON value")
            }
        }

        mutating func object(depth: Int) throws(Failure) {
            at += 1
            skipSpace()
            if current == UInt8(ascii: "}") {
                at += 1
                return
            }
            var keys = Set<String>()
            while true {
                skipSpace()
                let keyAt = at
                guard current == UInt8(ascii: "\"") else { throw Failure(at: at, "expected a key in double quotes") }
                let key = try string()
                if !keys.insert(key).inserted {
                    throw Failure(at: keyAt, "the key \"\(key.prefix(80))\" appears twice in one object; a record names each field once")
                }
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                if current == UInt8(ascii: ",") {
                    at += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                return
            }
        }

        mutating func array(depth: Int) throws(Failure) {
            at += 1
            skipSpace()
            if current == UInt8(ascii: "]") {
                at += 1
                return
            }
            while true {
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                if current == UInt8(ascii: ",") {
                    at += 1
                    continue
                }
                try expect(UInt8(ascii: "]"))
                return
            }
        }

        mutating func literal(_ word: StaticString) throws(Failure) {
            let count = word.utf8CodeUnitCount
            guard at + count <= bytes.count,
                  (0..<count).allSatisfy({ bytes[at + $0] == word.utf8Start[$0] }) else { throw Failure(at: at, "not a JSON value") }
            at += count
        }

        mutating func digits() -> Int {
            let start = at
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { at += 1 }
            return at - start
        }

        mutating func number() throws(Failure) {
            let start = at
            if current == UInt8(ascii: "-") { at += 1 }
            if current == UInt8(ascii: "0") {
                at += 1
            } else if digits() == 0 {
                throw Failure(at: start, "not a number")
            }
            if current == UInt8(ascii: ".") {
                at += 1
                guard digits() > 0 else { throw Failure(at: start, "not a number") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                at += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { at += 1 }
                guard digits() > 0 else { throw Failure(at: start, "not a number") }
            }
        }

        /// A string's value (escapes resolved), the scanner after its closing quote.
        mutating func string() throws(Failure) -> String {
            let start = at
            at += 1
            var scalars = String.UnicodeScalarView()
            var run = at
            func flush(_ end: Int) {
                scalars.append(contentsOf: String(decoding: UnsafeRawBufferPointer(rebasing: bytes[run..<end]), as: UTF8.self).unicodeScalars)
            }
            while true {
                guard let byte = current else { throw Failure(at: start, "a string is not closed") }
                switch byte {
                case UInt8(ascii: "\""):
                    flush(at)
                    at += 1
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    flush(at)
                    at += 1
                    guard let escape = current else { throw Failure(at: start, "a string is not closed") }
                    at += 1
                    switch escape {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800...0xDBFF).contains(code), current == UInt8(ascii: "\\"), at + 1 < bytes.count, bytes[at + 1] == UInt8(ascii: "u") {
                            at += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw Failure(at: at, "a lone surrogate in a \\u escape") }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw Failure(at: at, "a lone surrogate in a \\u escape") }
                        scalars.append(scalar)
                    default:
                        throw Failure(at: at - 1, "an unknown escape in a string")
                    }
                    run = at
                case 0..<0x20:
                    throw Failure(at: at, "a control character in a string (write it as an escape)")
                default:
                    at += 1
                }
            }
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard at + 4 <= bytes.count else { throw Failure(at: at, "a \\u escape needs four hex digits") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[at]
                let digit: UInt8 = switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
                default: throw Failure(at: at, "a \\u escape needs four hex digits")
                }
                value = value << 4 | UInt32(digit)
                at += 1
            }
            return value
        }
    }
}
