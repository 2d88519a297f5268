import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

/// A secret election's record values (issue 16): the v4 definition bytes, the canonical choice bytes, the width and
/// the v3 ballot with its proof bound to the pass.
@Suite("Secret elections in the record")
struct SecretBallotRecordTests {
    static let key = Ristretto255.Point.base(.random())

    static func definition(secret: Bool) -> ElectionDefinition {
        let base = ContestConstraintsTests.definition(nil)
        return ElectionDefinition(
            id: base.id, title: base.title, gemeente: base.gemeente, registerSnapshot: base.registerSnapshot, eligibility: base.eligibility,
            ballot: base.ballot, allocation: base.allocation, pollsOpenMillis: base.pollsOpenMillis, pollsCloseMillis: base.pollsCloseMillis,
            contests: base.contests,
            secretBallot: secret ? SecretBallot(publicKey: key, threshold: 2, trustees: 3, electionKeySHA256: [UInt8](repeating: 7, count: 32), width: 1) : nil)
    }

    @Test("v4 bytes are v3's with the v4 tag and the key, t, n, key file hash and width appended; a public definition keeps its bytes")
    func definitionBytes() throws {
        let open = Self.definition(secret: false), secret = Self.definition(secret: true)
        #expect(open.canonicalBytes == ContestConstraintsTests.definition(nil).canonicalBytes)
        #expect(!open.isSecret && secret.isSecret)
        let tag3 = ByteWriter(tag: ElectionDefinition.tagV3).bytes, tag4 = ByteWriter(tag: ElectionDefinition.tagV4).bytes
        // v3 layout of the same definition, forced by an empty constraints value, then the secret fields.
        let v3 = ContestConstraintsTests.definition(ContestConstraints(minimum: nil)).canonicalBytes
        var tail = ByteWriter()
        tail.append(raw: Self.key.bytes)
        tail.append(u32: 2)
        tail.append(u32: 3)
        tail.append(raw: [UInt8](repeating: 7, count: 32))
        tail.append(u32: 1)
        #expect(secret.canonicalBytes == tag4 + v3.dropFirst(tag3.count) + tail.bytes)
        let json = try JSONEncoder().encode(secret)
        #expect(try JSONDecoder().decode(ElectionDefinition.self, from: json) == secret)
        #expect(!String(decoding: try JSONEncoder().encode(open), as: UTF8.self).contains("secret_ballot"))
    }

    @Test("choice bytes round-trip, and anything else is refused")
    func choiceBytes() {
        let choices = [Choice(project: "KW-01", value: 1), Choice(project: "KW-05", value: 3)]
        let bytes = ChoiceBytes.encode(choices)
        #expect(bytes.count == 4 + (4 + 5 + 4) * 2)
        #expect(ChoiceBytes.decode(bytes) == choices)
        #expect(ChoiceBytes.decode(bytes + [0]) == nil)
        #expect(ChoiceBytes.decode(Array(bytes.dropLast())) == nil)
        #expect(ChoiceBytes.decode([0, 0, 0, 0]) == [])
        #expect(ChoiceBytes.decode([0xff, 0xff, 0xff, 0xff]) == nil)
    }

    @Test("the width fits the longest ballot the definition allows")
    func width() {
        let projects = (1...12).map { Project(id: "KW-\($0 < 10 ? "0" : "")\($0)", title: "", description: "", costCents: 1, area: nil, category: nil) }
        let contest = Contest(area: "WK001401", budgetCents: 10, projects: projects)
        // approval max 3: 4 + 3 × 13 = 43 bytes → 2 points; knapsack: all 12, 160 bytes → 6 points; choose-1: 17 → 1.
        #expect(SecretBallot.width(ballot: .approval(min: 1, max: 3), contests: [contest]) == 2)
        #expect(SecretBallot.width(ballot: .knapsack, contests: [contest]) == 6)
        #expect(SecretBallot.width(ballot: .chooseOne, contests: [contest]) == 1)
    }

    @Test("a v3 ballot's signature and proof hold, and its proof fails under another pass")
    func encryptedBallot() throws {
        let pass = SigningKey(), other = SigningKey()
        let hash = [UInt8](repeating: 1, count: 32)
        let points = try PlaintextEncoding.encode(ChoiceBytes.encode([Choice(project: "A", value: 1)]), width: 1)
        let encryption = ProvenEncryption.encrypt(points, publicKey: Self.key,
                                                  context: EncryptedBallot.encryptionContext(definitionHash: hash, pass: pass.publicKey))
        let ballot = EncryptedBallot(election: "e", definitionHash: hash, area: "WK001401", passKey: pass, encryption: encryption, kiosk: "k", sequence: 0)
        #expect(ballot.isValidSignature && ballot.isValidProof(publicKey: Self.key))
        let copied = EncryptedBallot(election: "e", definitionHash: hash, area: "WK001401", passKey: other, encryption: encryption, kiosk: "k", sequence: 1)
        #expect(copied.isValidSignature && !copied.isValidProof(publicKey: Self.key))
        #expect(ballot.leafHash == MerkleHash.leaf(ballot.signedBytes + ballot.signature.bytes))
    }
}
