import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

@Suite("Checkpoints")
struct CheckpointTests {
    @Test("the signed bytes are exactly tag, log id, size, root and time, length-prefixed and big-endian")
    func signedBytes() {
        let root = [UInt8](repeating: 0xab, count: 32)
        let bytes = Checkpoint.signedBytes(logId: "log", size: 5, root: root, timeMillis: 1_000)
        var expected: [UInt8] = [0, 0, 0, 23] + Array("buurtstem/checkpoint/v1".utf8)
        expected += [0, 0, 0, 3] + Array("log".utf8)
        expected += [0, 0, 0, 0, 0, 0, 0, 5] + root + [0, 0, 0, 0, 0, 0, 0x03, 0xe8]
        #expect(bytes == expected)
    }

    @Test("a checkpoint verifies; any changed field or another signer does not; JSON round-trips")
    func verification() throws {
        let key = SigningKey()
        let checkpoint = Checkpoint(logId: "election/x/kiosk/a", size: 3, root: MerkleHash.leaf([1]), timeMillis: 1_790_000_000_000, signedBy: key)
        #expect(checkpoint.isValid)
        let changes = [
            Checkpoint(logId: "election/x/kiosk/b", size: 3, root: checkpoint.root, timeMillis: checkpoint.timeMillis, signer: key.publicKey, signature: checkpoint.signature),
            Checkpoint(logId: checkpoint.logId, size: 2, root: checkpoint.root, timeMillis: checkpoint.timeMillis, signer: key.publicKey, signature: checkpoint.signature),
            Checkpoint(logId: checkpoint.logId, size: 3, root: MerkleHash.leaf([2]), timeMillis: checkpoint.timeMillis, signer: key.publicKey, signature: checkpoint.signature),
            Checkpoint(logId: checkpoint.logId, size: 3, root: checkpoint.root, timeMillis: checkpoint.timeMillis + 1, signer: key.publicKey, signature: checkpoint.signature),
            Checkpoint(logId: checkpoint.logId, size: 3, root: checkpoint.root, timeMillis: checkpoint.timeMillis, signer: SigningKey().publicKey, signature: checkpoint.signature),
        ]
        for changed in changes { #expect(!changed.isValid) }
        let json = try JSONEncoder().encode(checkpoint)
        #expect(String(decoding: json, as: UTF8.self).contains("\"root\":\"\(Hex.encode(checkpoint.root))\""))
        #expect(try JSONDecoder().decode(Checkpoint.self, from: json) == checkpoint)
    }
}
