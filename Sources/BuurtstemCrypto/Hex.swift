/// Lower-case hexadecimal encoding, the form in which hashes and keys appear in files and output: the one hex
/// coder of every target (`package`: ours alone use it, docs/architecture.md "Access").
package enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Encodes bytes as lower-case hex.
    package static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex (either case); `nil` if the text has an odd length or a non-hex character.
    package static func decode(_ text: some StringProtocol) -> [UInt8]? {
        // A verifier decodes two keys and a signature per line of a million-line record: read a native string's
        // UTF-8 in place instead of copying it into an array first.
        if let decoded = text.utf8.withContiguousStorageIfAvailable({ decode(utf8: UnsafeRawBufferPointer($0)) }) {
            return decoded
        }
        return Array(text.utf8).withUnsafeBytes { decode(utf8: $0) }
    }

    /// Decodes hex (either case) held as UTF-8 bytes, for readers that scan a file's bytes without making strings.
    package static func decode(utf8: UnsafeRawBufferPointer) -> [UInt8]? {
        guard utf8.count % 2 == 0 else { return nil }
        var valid = true
        let out = [UInt8](unsafeUninitializedCapacity: utf8.count / 2) { buffer, initialised in
            initialised = 0
            while initialised < buffer.count {
                guard let high = value(utf8[2 * initialised]), let low = value(utf8[2 * initialised + 1]) else {
                    valid = false
                    return
                }
                buffer[initialised] = high << 4 | low
                initialised += 1
            }
        }
        return valid ? out : nil
    }

    /// `true` when `text` is written the way records write hex: only `0`-`9` and `a`-`f` (the decoders take either
    /// case; a record's reader refuses upper case, docs/record.md "Conventions").
    package static func isLowercase(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    private static func value(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
