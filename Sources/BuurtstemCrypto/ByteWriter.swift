/// Builds the canonical byte strings that hashes and signatures cover (see `docs/record.md`).
///
/// Every variable-length field is prefixed with its length as a 32-bit big-endian integer and every integer is
/// big-endian of fixed width, so two different field lists can never produce the same bytes.
///
/// `package`, not `public`: the record library, the engine and the verifier share it, but no one outside this
/// package builds signed bytes with it (docs/architecture.md, "Access").
package struct ByteWriter: Sendable {
    /// The bytes written so far.
    package private(set) var bytes: [UInt8] = []

    /// Starts an empty byte string.
    package init() {}

    /// Starts a byte string with the domain-separation `tag` (length-prefixed UTF-8).
    package init(tag: String) {
        append(string: tag)
    }

    /// Appends a length-prefixed UTF-8 string.
    package mutating func append(string: String) {
        append(bytes: Array(string.utf8))
    }

    /// Appends length-prefixed bytes.
    package mutating func append(bytes value: [UInt8]) {
        append(u32: UInt32(value.count))
        bytes.append(contentsOf: value)
    }

    /// Appends bytes as they are, without a length (for fixed-size fields such as keys and hashes).
    package mutating func append(raw value: [UInt8]) {
        bytes.append(contentsOf: value)
    }

    /// Appends an unsigned 8-bit integer.
    package mutating func append(u8 value: UInt8) {
        bytes.append(value)
    }

    /// Appends a 32-bit unsigned integer, big-endian.
    package mutating func append(u32 value: UInt32) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends a 64-bit unsigned integer, big-endian.
    package mutating func append(u64 value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends a 64-bit signed integer, big-endian two's complement.
    package mutating func append(i64 value: Int64) {
        append(u64: UInt64(bitPattern: value))
    }
}
