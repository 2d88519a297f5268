import BuurtstemCrypto
import BuurtstemRecord
import Testing

@Suite("Merkle log (RFC 9162)")
struct MerkleTests {
    /// The leaves of Certificate Transparency's reference Merkle tests, and the tree heads of their prefixes.
    static let referenceLeaves: [[UInt8]] = [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57], Array(0x60...0x6f),
    ]
    static let referenceRoots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    static func leaves(_ count: Int) -> [[UInt8]] {
        (0..<count).map { MerkleHash.leaf(Array("ballot \($0)".utf8)) }
    }

    @Test("tree heads equal the reference values, in memory and appended")
    func referenceRoots() {
        let hashes = Self.referenceLeaves.map(MerkleHash.leaf)
        var log = MerkleLog()
        #expect(log.root == MerkleHash.empty)
        #expect(Hex.encode(MerkleHash.empty) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        for size in 1...8 {
            log.append(leafHash: hashes[size - 1])
            #expect(Hex.encode(MerkleTree(leafHashes: Array(hashes.prefix(size))).root) == Self.referenceRoots[size - 1])
            #expect(Hex.encode(log.root) == Self.referenceRoots[size - 1])
        }
    }

    @Test("the appending log agrees with the tree for every size up to 300")
    func logMatchesTree() {
        let hashes = Self.leaves(300)
        var log = MerkleLog()
        for size in 1...300 {
            log.append(leafHash: hashes[size - 1])
            #expect(log.root == MerkleTree(leafHashes: Array(hashes.prefix(size))).root)
            #expect(log.peaks.count == size.nonzeroBitCount)
        }
    }

    @Test("every inclusion proof verifies, and fails for another leaf, index or root")
    func inclusion() {
        let tree = MerkleTree(leafHashes: Self.leaves(37))
        for n in 1...37 {
            let root = tree.root(of: 0..<n)
            for m in 0..<n {
                let proof = tree.inclusionProof(index: m, treeSize: n)
                #expect(MerkleProof.verifyInclusion(leafHash: tree.leaves[m], index: m, treeSize: n, path: proof, root: root))
                #expect(!MerkleProof.verifyInclusion(leafHash: tree.leaves[(m + 1) % 37], index: m, treeSize: n, path: proof, root: root))
                if n > 1 {
                    #expect(!MerkleProof.verifyInclusion(leafHash: tree.leaves[m], index: (m + 1) % n, treeSize: n, path: proof, root: root))
                    #expect(!MerkleProof.verifyInclusion(leafHash: tree.leaves[m], index: m, treeSize: n, path: proof, root: tree.root(of: 0..<n - 1)))
                }
            }
        }
        #expect(!MerkleProof.verifyInclusion(leafHash: tree.leaves[0], index: 3, treeSize: 3, path: [], root: tree.root))
    }

    @Test("every consistency proof verifies, and fails when an old leaf was changed")
    func consistency() {
        let hashes = Self.leaves(33)
        let tree = MerkleTree(leafHashes: hashes)
        var altered = hashes
        altered[0] = MerkleHash.leaf(Array("changed".utf8))
        let alteredTree = MerkleTree(leafHashes: altered)
        for n in 1...33 {
            for m in 0...n {
                let proof = tree.consistencyProof(oldSize: m, newSize: n)
                let oldRoot = tree.root(of: 0..<m), newRoot = tree.root(of: 0..<n)
                #expect(MerkleProof.verifyConsistency(oldSize: m, oldRoot: oldRoot, newSize: n, newRoot: newRoot, proof: proof))
                if m > 0 && m < n {
                    #expect(!MerkleProof.verifyConsistency(oldSize: m, oldRoot: alteredTree.root(of: 0..<m), newSize: n,
                                                           newRoot: newRoot, proof: proof))
                    #expect(!MerkleProof.verifyConsistency(oldSize: m, oldRoot: oldRoot, newSize: n,
                                                           newRoot: alteredTree.root(of: 0..<n), proof: proof))
                }
            }
        }
    }
}
