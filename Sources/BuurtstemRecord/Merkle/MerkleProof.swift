/// Checking Merkle proofs against signed tree heads, by the iterative algorithms of RFC 9162 sections 2.1.3.2
/// and 2.1.4.2. These need only the proof, not the tree: what a resident's receipt check and the verifier use.
public enum MerkleProof {
    /// `true` if `path` proves that `leafHash` is leaf `index` of the tree of `treeSize` leaves with head `root`.
    public static func verifyInclusion(leafHash: [UInt8], index: Int, treeSize: Int, path: [[UInt8]], root: [UInt8]) -> Bool {
        guard index >= 0, index < treeSize else { return false }
        var fn = index, sn = treeSize - 1
        var r = leafHash
        for p in path {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                r = MerkleHash.node(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = MerkleHash.node(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// `true` if `proof` shows the tree of `oldSize` leaves with head `oldRoot` is a prefix of the tree of
    /// `newSize` leaves with head `newRoot`: nothing logged before was changed or removed.
    public static func verifyConsistency(oldSize: Int, oldRoot: [UInt8], newSize: Int, newRoot: [UInt8],
                                         proof: [[UInt8]]) -> Bool {
        guard oldSize >= 0, oldSize <= newSize else { return false }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        if oldSize == 0 { return proof.isEmpty && oldRoot == MerkleHash.empty }
        guard !proof.isEmpty else { return false }
        var path = proof
        if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: 0) }
        var fn = oldSize - 1, sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0], sr = path[0]
        for c in path.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = MerkleHash.node(c, fr)
                sr = MerkleHash.node(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = MerkleHash.node(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == oldRoot && sr == newRoot && sn == 0
    }
}
