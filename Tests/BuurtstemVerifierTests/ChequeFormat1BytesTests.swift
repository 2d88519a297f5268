import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing
@testable import BuurtstemVerifier

/// The format 1 cheque kinds of docs/record.md ("Cheque rounds"): the issued leaf v1, the issuance v1 and the
/// redemption v1, rebuilt by hand from the page for every item of the committed format 1 record
/// (`TestVectors/cheque-round-small`) and compared with both encoders that still use them: the engine's (a round
/// issued before cheque keys keeps redeeming in format 1) and the verifier's reader. The published signature, leaf
/// hashes and tree heads are witnesses neither encoder made today: published format 1 records stay verifiable only
/// while these bytes never change.
@Suite("Cheque format 1: issued leaf, issuance and redemption bytes, built by hand from docs/record.md")
struct ChequeFormat1BytesTests {
    static let record = TestVectorFolder("cheque-round-small").folder.appendingPathComponent("record")

    /// A JSON file of the record as plain values, so the hand-built bytes depend on no decoder of ours.
    static func object(_ name: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: record.appendingPathComponent(name))) as? [String: Any])
    }

    /// The lines of a `.jsonl` file of the record, each as its raw text and its plain values.
    static func lines(_ name: String) throws -> [(text: String, fields: [String: Any])] {
        try String(contentsOf: record.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map { line in
            (String(line), try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]))
        }
    }

    /// How the verifier reads the record's files.
    static func verifierRead<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(T.self, from: Data(json.utf8))
    }

    static func hex(_ value: Any?) throws -> [UInt8] {
        let text = try #require(value as? String)
        return try #require(Hex.decode(text))
    }

    static func int(_ value: Any?) throws -> Int64 { Int64(try #require(value as? Int)) }

    /// SHA-256(0x00 || bytes): a leaf's hash in an RFC 9162 tree.
    static func leafHash(_ bytes: [UInt8]) -> [UInt8] { SHA.sha256([0x00] + bytes) }

    @Test("the record is of format 1: no cheque keys in the issued set, no signatures in the ledger")
    func formatOne() throws {
        #expect(try Self.object("round.json")["format"] as? String == "buurtstem-cheque-round/1")
        #expect(try Self.lines("issued-cheques.jsonl").allSatisfy { $0.fields["cheque_key"] == nil })
        #expect(try Self.lines("ledger.jsonl").allSatisfy { $0.fields["cheque_key"] == nil && $0.fields["signature"] == nil })
    }

    @Test("issued leaf v1: str(tag) || str(round_id) || raw(code_hash, 32) || str(buurt); the tree head is issued.json's root")
    func issuedLeaves() throws {
        let round = try #require(try Self.object("round.json")["round_id"] as? String)
        let cheques = try Self.lines("issued-cheques.jsonl")
        #expect(cheques.count == 46)
        var leafHashes: [[UInt8]] = []
        for cheque in cheques {
            let codeHash = try Self.hex(cheque.fields["code_hash"])
            let buurt = try #require(cheque.fields["buurt"] as? String)
            var leaf = HandBytes(tag: "buurtstem/cheque-issued/v1")
            leaf.str(round)
            leaf.raw(codeHash)
            leaf.str(buurt)
            #expect(ChequeCode.issuedLeafBytes(round: round, codeHash: codeHash, publicKey: nil, buurt: buurt) == leaf.bytes, "\(cheque.text)")
            #expect(try Self.verifierRead(ChequeRecord.IssuedLine.self, cheque.text).leafBytes(round: round) == leaf.bytes, "\(cheque.text)")
            leafHashes.append(Self.leafHash(leaf.bytes))
        }
        #expect(MerkleTree(leafHashes: leafHashes).root == (try Self.hex(try Self.object("issued.json")["root"])))
    }

    @Test("issuance v1: the round's terms and the set's count, total, root, ledger key and time; the published signature verifies")
    func issuance() throws {
        let roundText = try String(contentsOf: Self.record.appendingPathComponent("round.json"), encoding: .utf8)
        let issuedText = try String(contentsOf: Self.record.appendingPathComponent("issued.json"), encoding: .utf8)
        let round = try Self.object("round.json")
        let issued = try Self.object("issued.json")
        func signed(tag: String) throws -> [UInt8] {
            var bytes = HandBytes(tag: tag)
            bytes.str(try #require(round["gemeente_code"] as? String))
            bytes.str(try #require(round["round_id"] as? String))
            bytes.u64(UInt64(try Self.int(round["snapshot"])))
            bytes.str(try #require(round["scope"] as? String))
            bytes.u64(UInt64(try Self.int(round["value_cents"])))
            bytes.str(try #require(round["issue_date"] as? String))
            bytes.str(try #require(round["valid_until"] as? String))
            bytes.i64(try Self.int(round["valid_from_ms"]))
            bytes.i64(try Self.int(round["expires_ms"]))
            bytes.u64(UInt64(try Self.int(issued["count"])))
            bytes.u64(UInt64(try Self.int(issued["total_cents"])))
            bytes.raw(try Self.hex(issued["root"]))
            bytes.raw(try Self.hex(issued["ledger_public_key"]))
            bytes.i64(try Self.int(issued["issued_at_ms"]))
            return bytes.bytes
        }
        let hand = try signed(tag: "buurtstem/cheque-issuance/v1")
        let signer = try PublicKey(bytes: try Self.hex(issued["signer"]))
        let signature = try Signature(bytes: try Self.hex(issued["signature"]))
        #expect(signer.bytes == (try Self.hex(round["issuing_public_key"])))
        #expect(signer.isValidSignature(signature, for: hand))
        // The tag keeps the formats apart: the same set read as format 2 does not verify.
        #expect(!signer.isValidSignature(signature, for: try signed(tag: "buurtstem/cheque-issuance/v2")))

        // The verifier's reader of round.json and issued.json.
        let verifierRound = try Self.verifierRead(ChequeRecord.Round.self, roundText)
        #expect(try Self.verifierRead(ChequeRecord.Issued.self, issuedText).signedBytes(round: verifierRound) == hand)

        // The engine's: a round stored before cheque keys (format 1) checks its issued set with these bytes.
        let engineRound = try JSONDecoder().decode(ChequeRound.self, from: JSONSerialization.data(withJSONObject: [
            "id": round["round_id"]!, "snapshotId": round["snapshot"]!, "valueCents": round["value_cents"]!,
            "issueDate": round["issue_date"]!, "validUntil": round["valid_until"]!, "validFromMillis": round["valid_from_ms"]!,
            "expiresMillis": round["expires_ms"]!, "scope": round["scope"]!, "createdAt": 0,
        ]))
        let engine = ChequeIssuance.signedBytes(
            gemeente: try #require(round["gemeente_code"] as? String), round: engineRound, count: try Self.int(issued["count"]),
            totalCents: try Self.int(issued["total_cents"]), root: try Self.hex(issued["root"]),
            ledgerKey: try Self.hex(issued["ledger_public_key"]), issuedAtMillis: try Self.int(issued["issued_at_ms"]), format: 1)
        #expect(engine == hand)
    }

    @Test("redemption v1: each ledger entry's bytes hash to its leaf_hash, and the entries' tree head is the checkpoints' and the settlement's")
    func redemptions() throws {
        let round = try #require(try Self.object("round.json")["round_id"] as? String)
        let entries = try Self.lines("ledger.jsonl")
        #expect(entries.count == 5)
        var leafHashes: [[UInt8]] = []
        for entry in entries {
            let fields = entry.fields
            let codeHash = try Self.hex(fields["code_hash"])
            let channel = try #require(fields["channel"] as? String)
            var bytes = HandBytes(tag: "buurtstem/cheque-redemption/v1")
            bytes.str(round)
            bytes.u64(UInt64(try Self.int(fields["sequence"])))
            bytes.raw(codeHash)
            bytes.u64(UInt64(try Self.int(fields["initiative"])))
            bytes.str(channel)
            bytes.u64(UInt64(try Self.int(fields["value_cents"])))
            bytes.i64(try Self.int(fields["time_ms"]))
            // Format 1: the leaf is the entry itself, no signature after it.
            #expect(Self.leafHash(bytes.bytes) == (try Self.hex(fields["leaf_hash"])), "\(entry.text)")
            leafHashes.append(Self.leafHash(bytes.bytes))

            let line = try Self.verifierRead(ChequeRecord.LedgerLine.self, entry.text)
            #expect(line.entryBytes(round: round) == bytes.bytes && line.leafBytes(round: round) == bytes.bytes, "\(entry.text)")
            #expect(line.signatureHolds(round: round) == nil)
            let engine = Redemption.canonicalBytes(
                round: round, sequence: try Self.int(fields["sequence"]), codeHash: codeHash, chequePublicKey: nil,
                initiative: try Self.int(fields["initiative"]), channel: try #require(RedemptionChannel(rawValue: channel)),
                valueCents: try Self.int(fields["value_cents"]), timeMillis: try Self.int(fields["time_ms"]))
            #expect(engine == bytes.bytes, "\(entry.text)")
        }
        let tree = MerkleTree(leafHashes: leafHashes)
        let checkpoints = try Self.lines("checkpoints.jsonl")
        #expect(checkpoints.count == 2)
        for checkpoint in checkpoints {
            let size = Int(try Self.int(checkpoint.fields["size"]))
            #expect(tree.root(of: 0..<size) == (try Self.hex(checkpoint.fields["root"])), "\(checkpoint.text)")
        }
        let settlement = try Self.object("settlement.json")
        #expect(try Self.int(settlement["ledger_size"]) == 5 && tree.root == (try Self.hex(settlement["ledger_root"])))
    }
}
