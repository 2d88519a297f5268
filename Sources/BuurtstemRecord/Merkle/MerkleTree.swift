/// A Merkle tree over a list of leaf hashes, held in memory: roots, inclusion proofs and consistency proofs
/// exactly as RFC 9162 section 2.1 defines them.
///
/// For logs too large to hold, ``MerkleLog`` computes the same roots while appending in O(log n) memory.
public struct MerkleTree: Sendable {
    /// The leaf hashes (`MerkleHash.leaf` of each entry's bytes), in log order.
    public let leaves: [[UInt8]]

    /// A tree over `leaves` (already hashed).
    public init(leafHashes leaves: [[UInt8]]) {
        self.leaves = leaves
    }

    /// Number of leaves.
    public var size: Int { leaves.count }

    /// The tree head MTH(D[0:size]).
    public var root: [UInt8] { root(of: 0..<leaves.count) }

    /// MTH of a range of leaves.
    public func root(of range: Range<Int>) -> [UInt8] {
        switch range.count {
        case 0: return MerkleHash.empty
        case 1: return leaves[range.lowerBound]
        default:
            let k = MerkleHash.split(range.count)
            return MerkleHash.node(root(of: range.lowerBound..<range.lowerBound + k),
                                   root(of: range.lowerBound + k..<range.upperBound))
        }
    }

    /// The audit path PATH(index, D[0:treeSize]) proving leaf `index` is in the tree of the first `treeSize` leaves.
    public func inclusionProof(index: Int, treeSize: Int? = nil) -> [[UInt8]] {
        let n = treeSize ?? size
        precondition(index >= 0 && index < n && n <= size, "leaf \(index) is not in a tree of \(n) leaves")
        return path(index, 0..<n)
    }

    private func path(_ m: Int, _ range: Range<Int>) -> [[UInt8]] {
        guard range.count > 1 else { return [] }
        let k = MerkleHash.split(range.count)
        let mid = range.lowerBound + k
        if m < k {
            return path(m, range.lowerBound..<mid) + [root(of: mid..<range.upperBound)]
        }
        return path(m - k, mid..<range.upperBound) + [root(of: range.lowerBound..<mid)]
    }

    /// The consistency proof PROOF(oldSize, D[0:newSize]): the tree of `oldSize` leaves is a prefix of that of `newSize`.
    public func consistencyProof(oldSize: Int, newSize: Int? = nil) -> [[UInt8]] {
        let n = newSize ?? size
        precondition(oldSize >= 0 && oldSize <= n && n <= size, "cannot prove \(oldSize) leaves consistent with \(n)")
        guard oldSize > 0, oldSize < n else { return [] }
        return subproof(oldSize, 0..<n, complete: true)
    }

    private func subproof(_ m: Int, _ range: Range<Int>, complete: Bool) -> [[UInt8]] {
        if m == range.count { return complete ? [] : [root(of: range)] }
        let k = MerkleHash.split(range.count)
        let mid = range.lowerBound + k
        if m <= k {
            return subproof(m, range.lowerBound..<mid, complete: complete) + [root(of: mid..<range.upperBound)]
        }
        return subproof(m - k, mid..<range.upperBound, complete: false) + [root(of: range.lowerBound..<mid)]
    }
}
