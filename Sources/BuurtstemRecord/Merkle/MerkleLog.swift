/// An append-only Merkle log that keeps only the roots of its complete subtrees (at most log2(n) hashes),
/// so a million-entry log is appended to and verified in constant memory per entry.
///
/// Its ``root`` equals `MerkleTree(leafHashes:).root` over the same leaves (RFC 9162's MTH).
public struct MerkleLog: Sendable, Equatable {
    /// Roots of the complete subtrees covering the leaves, largest (leftmost) first.
    public private(set) var peaks: [[UInt8]] = []
    /// Number of leaves appended.
    public private(set) var size: Int = 0

    /// An empty log.
    public init() {}

    /// Appends a leaf's hash (`MerkleHash.leaf` of the entry's bytes).
    public mutating func append(leafHash: [UInt8]) {
        var hash = leafHash
        var count = size
        // Each trailing one bit of the old size is a complete subtree of equal height to merge with.
        while count & 1 == 1 {
            hash = MerkleHash.node(peaks.removeLast(), hash)
            count >>= 1
        }
        peaks.append(hash)
        size += 1
    }

    /// The tree head over all leaves appended so far.
    public var root: [UInt8] {
        guard var hash = peaks.last else { return MerkleHash.empty }
        for peak in peaks.dropLast().reversed() {
            hash = MerkleHash.node(peak, hash)
        }
        return hash
    }
}
