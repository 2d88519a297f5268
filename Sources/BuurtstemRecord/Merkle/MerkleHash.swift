import BuurtstemCrypto

/// The hashes of an RFC 9162 (Certificate Transparency 2.0) Merkle tree over SHA-256.
///
/// The one-byte prefixes keep a leaf from ever being taken for an inner node (second-preimage resistance).
public enum MerkleHash {
    /// The root of the empty tree: SHA-256 of no bytes.
    public static let empty: [UInt8] = SHA.sha256([])

    /// A leaf's hash: SHA-256(0x00 || bytes).
    public static func leaf(_ bytes: [UInt8]) -> [UInt8] {
        var input = [UInt8]()
        input.reserveCapacity(bytes.count + 1)
        input.append(0x00)
        input.append(contentsOf: bytes)
        return SHA.sha256(input)
    }

    /// An inner node's hash: SHA-256(0x01 || left || right).
    public static func node(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var input = [UInt8]()
        input.reserveCapacity(65)
        input.append(0x01)
        input.append(contentsOf: left)
        input.append(contentsOf: right)
        return SHA.sha256(input)
    }

    /// The largest power of two strictly below `n` (n >= 2): where RFC 9162 splits a tree of n leaves.
    static func split(_ n: Int) -> Int {
        precondition(n >= 2, "only a tree of two or more leaves is split")
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }
}
