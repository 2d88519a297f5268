import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

/// The ceremony's files (docs/record.md, "The ceremony's files"): written and read back equal, and refused with the
/// file and the field when a value is not canonical.
@Suite("Trustee ceremony files")
struct TrusteeFileTests {
    /// A 2-of-3 ceremony with its cards, keys and dealings.
    struct Fixture {
        let keys = (0..<3).map { _ in TrusteeKeys() }
        var cards: [TrusteeCardFile] { keys.enumerated().map { TrusteeCardFile(name: "trustee \($0.offset + 1)", keys: $0.element) } }
        var ceremony: TrusteeCeremony {
            try! TrusteeCeremony(threshold: 2, cards: cards.enumerated().map { $0.element.card(index: $0.offset + 1) },
                                 context: Array("pb-2027".utf8))
        }
    }

    func roundTrip<T: Codable & Equatable>(_ value: T) throws {
        let bytes = TrusteeFileJSON.encode(value)
        #expect(bytes.last == UInt8(ascii: "\n"))
        #expect(try TrusteeFileJSON.decode(T.self, from: bytes, file: "f.json") == value)
        #expect(TrusteeFileJSON.encode(try TrusteeFileJSON.decode(T.self, from: bytes, file: "f.json")) == bytes)
    }

    /// The error reading `text` as a `T`, or nil.
    func refusal<T: Decodable>(_ type: T.Type, _ text: String) -> TrusteeFileError? {
        do {
            _ = try TrusteeFileJSON.decode(T.self, from: Array(text.utf8), file: "f.json")
            return nil
        } catch {
            return error
        }
    }

    @Test("every file reads back as written, byte for byte")
    func roundTrips() throws {
        let fixture = Fixture()
        let ceremony = fixture.ceremony
        for card in fixture.cards { try roundTrip(card) }
        let ceremonyFile = TrusteeCeremonyFile(election: "pb-2027", ceremony: ceremony, cards: fixture.cards)
        try roundTrip(ceremonyFile)
        #expect(try ceremonyFile.ceremony(file: "c.json") == ceremony)
        let dealings = try (1...3).map { try TrusteeDealing.deal(in: ceremony, keys: fixture.keys[$0 - 1], index: $0) }
        for dealing in dealings { try roundTrip(TrusteeDealingFile(election: "pb-2027", ceremonyHash: ceremony.hash, dealing: dealing)) }
        let key = try ElectionKey(ceremony: ceremony, dealings: dealings)
        try roundTrip(ElectionKeyFile(election: "pb-2027", ceremonyHash: ceremony.hash, key: key,
                                      dealings: [.init(dealer: 1, sha256: [UInt8](repeating: 7, count: 32))]))
        let complaint = TrusteeComplaintFile(election: "pb-2027", ceremonyHash: ceremony.hash,
                                             complaint: TrusteeComplaint(dealer: 1, recipient: 2, reason: .doesNotMatchCommitments),
                                             key: fixture.keys[1].signingKey)
        try roundTrip(complaint)
        #expect(complaint.isSigned(in: ceremony))
    }

    @Test("identity points, non-reduced scalars, upper-case hex, unknown fields and other formats are refused by field")
    func refusals() throws {
        let zero = String(repeating: "0", count: 64)
        let ell = "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010"
        let base = Ristretto255.Point.base(.one).description
        let key = """
        {"format": "buurtstem-election-key/1", "election": "e", "ceremony_hash": "\(zero)", "threshold": 1, "trustees": 1,
         "public_key": "PK", "verification_keys": ["\(base)"], "dealings": []}
        """
        #expect(refusal(ElectionKeyFile.self, key.replacingOccurrences(of: "PK", with: base)) == nil)
        #expect(refusal(ElectionKeyFile.self, key.replacingOccurrences(of: "PK", with: zero))?.field == "public_key")
        #expect(refusal(ElectionKeyFile.self, key.replacingOccurrences(of: "PK", with: base.uppercased()))?.field == "public_key")
        #expect(refusal(ElectionKeyFile.self, key.replacingOccurrences(of: "PK", with: base)
            .replacingOccurrences(of: "\"threshold\": 1", with: "\"threshold\": 2"))?.field == "threshold")
        #expect(refusal(ElectionKeyFile.self, key.replacingOccurrences(of: "PK", with: base)
            .replacingOccurrences(of: "\"dealings\"", with: "\"extra\": 0, \"dealings\""))?.field == "extra")
        #expect(refusal(ElectionKeyFile.self, key.replacingOccurrences(of: "PK", with: base)
            .replacingOccurrences(of: "election-key/1", with: "election-key/9"))?.field == "format")
        #expect(refusal(ElectionKeyFile.self, "not json")?.field == nil)
        // A nested proof: a non-reduced scalar and an unknown field are refused by their path.
        let fixture = Fixture()
        let ceremony = fixture.ceremony
        let dealing = try TrusteeDealing.deal(in: ceremony, keys: fixture.keys[0], index: 1)
        let dealingText = String(decoding: TrusteeFileJSON.encode(TrusteeDealingFile(election: "pb-2027", ceremonyHash: ceremony.hash,
                                                                                      dealing: dealing)), as: UTF8.self)
        let challenge = "\"\(Hex.encode(dealing.proof.challenge.bytes))\""
        #expect(dealingText.contains(challenge))
        #expect(refusal(TrusteeDealingFile.self, dealingText) == nil)
        let refused = refusal(TrusteeDealingFile.self, dealingText.replacingOccurrences(of: challenge, with: "\"\(ell)\""))
        #expect(refused?.field == "proof.challenge")
        #expect(refused?.description.contains("not a reduced scalar") == true)
        #expect(refusal(TrusteeDealingFile.self, dealingText.replacingOccurrences(of: challenge, with: "\(challenge), \"x\": 1"))?.field == "proof.x")
    }

    @Test("a card with an identity key, a changed name or a line break in its name says which field")
    func cardProblems() throws {
        let keys = TrusteeKeys()
        let card = TrusteeCardFile(name: "A", keys: keys)
        #expect(card.problem == nil)
        let zeroBox = TrusteeCardFile(name: "A", boxKey: try BoxPublicKey(bytes: [UInt8](repeating: 0, count: 32)),
                                      signingKey: card.signingKey, signature: card.signature)
        #expect(zeroBox.problem?.field == "box_public_key")
        let identity = TrusteeCardFile(name: "A", boxKey: card.boxKey, signingKey: try PublicKey(bytes: [1] + [UInt8](repeating: 0, count: 31)),
                                       signature: card.signature)
        #expect(identity.problem?.field == "signing_public_key")
        #expect(TrusteeCardFile(name: "B", boxKey: card.boxKey, signingKey: card.signingKey, signature: card.signature).problem?.field == "signature")
        #expect(TrusteeCardFile(name: "A\nB", keys: keys).problem?.field == "name")
    }
}
