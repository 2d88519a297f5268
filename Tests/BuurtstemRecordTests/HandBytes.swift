/// docs/record.md's encodings ("Conventions"), written out here with plain appends: the tests that rebuild a signed
/// or hashed kind by hand compare the record library's bytes with the page's description, never with the library's
/// own writer, so a changed byte in either shows.
struct HandBytes {
    /// The bytes so far.
    private(set) var bytes: [UInt8] = []

    /// Empty bytes (a statement or context without a tag).
    init() {}

    /// Bytes starting with `str(tag)`, as every message does.
    init(tag: String) { str(tag) }

    /// `u8(n)`.
    mutating func u8(_ value: UInt8) { bytes.append(value) }

    /// `u32(n)`: 4 bytes, big-endian.
    mutating func u32(_ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }

    /// `u32(n)` of a count.
    mutating func u32(_ value: Int) { u32(UInt32(value)) }

    /// `u64(n)`: 8 bytes, big-endian.
    mutating func u64(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(value >> UInt64(shift) & 0xff)) }
    }

    /// `i64(n)`: two's complement, 8 bytes big-endian.
    mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }

    /// `str(s)`: u32 length, then the UTF-8 bytes.
    mutating func str(_ text: String) { lengthPrefixed(Array(text.utf8)) }

    /// `bytes(b)`: u32 length, then the bytes.
    mutating func lengthPrefixed(_ value: [UInt8]) {
        u32(value.count)
        bytes += value
    }

    /// `raw(b)`: the bytes as they are.
    mutating func raw(_ value: [UInt8]) { bytes += value }

    /// `points(P_1 … P_k)`: u32(k), then each point's 32 bytes.
    mutating func points(_ encodings: [[UInt8]]) {
        u32(encodings.count)
        for encoding in encodings { raw(encoding) }
    }
}
