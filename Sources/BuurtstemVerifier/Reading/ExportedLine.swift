import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// Reads the lines of `passes.jsonl` and `ballots/KIOSK.jsonl` in the exact form the exporter writes them
/// (docs/record.md, "Elections"): keys sorted, no whitespace, no escapes in strings, integers without leading zeros
/// (hex in lower case only, as docs/record.md requires: a line with upper-case hex goes to the decoder, which refuses it).
///
/// A million-ballot record is two million lines; a general JSON decoder spends more time on them than the
/// signature checks leave to spare. These readers accept only that form and return nil for anything else,
/// which the caller then hands to `JSONDecoder`: so any valid JSON still reads, and when the fast path does read a
/// line it gives exactly the values `JSONDecoder` would (a property test checks this).
enum ExportedLine {
    /// `{"area":…,"pass":…,"signature":…}` as the token of election `election`, or nil if not in the exact form.
    static func pass(_ line: Data, election: String) -> PassToken? {
        line.withUnsafeBytes { raw -> PassToken? in
            var s = ByteCursor(raw)
            guard s.literal(#"{"area":"#), let area = s.string(),
                  s.literal(#","pass":"#), let pass = s.hex(PublicKey.byteCount),
                  s.literal(#","signature":"#), let signature = s.hex(Signature.byteCount),
                  s.literal("}"), s.atEnd,
                  let key = try? PublicKey(bytes: pass), let sig = try? Signature(bytes: signature) else { return nil }
            return PassToken(election: election, area: area, pass: key, signature: sig)
        }
    }

    /// `{"area":…,"choices":[{"project":…,"value":…},…],"pass":…,"sequence":…,"signature":…,"time_ms":…}` as a
    /// ballot of `election` cast at `kiosk`, or nil if not in the exact form.
    static func ballot(_ line: Data, election: String, kiosk: String) -> Ballot? {
        line.withUnsafeBytes { raw -> Ballot? in
            var s = ByteCursor(raw)
            guard s.literal(#"{"area":"#), let area = s.string(), s.literal(#","choices":["#) else { return nil }
            var choices: [Choice] = []
            if !s.literal("]") {
                repeat {
                    guard s.literal(#"{"project":"#), let project = s.string(), s.literal(#","value":"#),
                          let value = s.unsigned(max: UInt64(UInt32.max)), s.literal("}") else { return nil }
                    choices.append(Choice(project: project, value: UInt32(value)))
                } while s.literal(",")
                guard s.literal("]") else { return nil }
            }
            guard s.literal(#","pass":"#), let pass = s.hex(PublicKey.byteCount),
                  s.literal(#","sequence":"#), let sequence = s.unsigned(max: UInt64.max),
                  s.literal(#","signature":"#), let signature = s.hex(Signature.byteCount),
                  s.literal(#","time_ms":"#), let time = s.signed(),
                  s.literal("}"), s.atEnd,
                  let key = try? PublicKey(bytes: pass), let sig = try? Signature(bytes: signature) else { return nil }
            return Ballot(election: election, area: area, pass: key, choices: choices, kiosk: kiosk, sequence: sequence,
                          timeMillis: time, signature: sig)
        }
    }
}

extension ExportedLine {
    /// A cursor over one line's bytes; every method consumes its token or returns nil/false (the caller then
    /// abandons the line, so a half-consumed token does not matter).
    struct ByteCursor {
        private let bytes: UnsafeRawBufferPointer
        private var at = 0

        init(_ bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        var atEnd: Bool { at == bytes.count }

        /// Consumes `text` if the line continues with exactly it.
        mutating func literal(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard bytes.count - at >= count,
                  memcmp(bytes.baseAddress! + at, text.utf8Start, count) == 0 else { return false }
            at += count
            return true
        }

        /// A string without escapes or control characters, in valid UTF-8 (what JSON allows unescaped, less `\`).
        mutating func string() -> String? {
            guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { return nil }
            let start = at + 1
            var end = start
            while end < bytes.count {
                let byte = bytes[end]
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                end += 1
            }
            guard end < bytes.count else { return nil }
            at = end + 1
            return String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        /// A quoted string of exactly `count` bytes in hex.
        mutating func hex(_ count: Int) -> [UInt8]? {
            guard bytes.count - at >= 2 * count + 2, bytes[at] == UInt8(ascii: "\""),
                  bytes[at + 1 + 2 * count] == UInt8(ascii: "\""),
                  !bytes[(at + 1)..<(at + 1 + 2 * count)].contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "F")).contains($0) }),
                  let decoded = Hex.decode(utf8: UnsafeRawBufferPointer(rebasing: bytes[(at + 1)..<(at + 1 + 2 * count)]))
            else { return nil }
            at += 2 * count + 2
            return decoded
        }

        /// A non-negative integer up to `max`: digits, no leading zero (except `0` itself), no sign, fraction or
        /// exponent.
        mutating func unsigned(max: UInt64) -> UInt64? {
            let start = at
            var value: UInt64 = 0
            while at < bytes.count, case let digit = bytes[at] &- UInt8(ascii: "0"), digit < 10 {
                let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
                guard !overflow1, !overflow2, sum <= max else { return nil }
                value = sum
                at += 1
            }
            let digits = at - start
            guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
            // A fraction or exponent would make it a JSON number JSONDecoder might still read: not this form.
            if at < bytes.count, bytes[at] == UInt8(ascii: ".") || bytes[at] | 0x20 == UInt8(ascii: "e") { return nil }
            return value
        }

        /// An `Int64`: like ``unsigned(max:)`` with an optional `-` (not `-0`).
        mutating func signed() -> Int64? {
            if literal("-") {
                guard let magnitude = unsigned(max: UInt64(Int64.max) + 1), magnitude > 0 else { return nil }
                return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            }
            return unsigned(max: UInt64(Int64.max)).map(Int64.init)
        }
    }
}
