import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

/// `TestVectors/election-small/bytes.json`: for one item of every signed kind in the small record, the exact bytes
/// docs/record.md says are signed or hashed, so someone writing a verifier in another language can compare their
/// encoding byte by byte before running whole records.
///
/// The test rebuilds every vector from the record's files and requires the committed file to match: if an encoding
/// changes, the vectors (and the record format) changed. `BUURTSTEM_WRITE_VECTORS=1` rewrites the file instead.
@Suite("Byte vectors: the signed and hashed bytes of the small record")
struct ByteVectorTests {
    /// One vector: what it is, where it comes from, and the bytes and values derived from it (hex).
    struct Vector: Codable, Equatable {
        var name: String
        var source: String
        /// The exact bytes that are signed or hashed.
        var bytes: String?
        var sha256: String?
        var signer: String?
        var signature: String?
        /// SHA-256(0x00 || bytes || signature): the entry's leaf hash in its Merkle tree.
        var leafHash: String?
        var trackingCode: String?
        /// A value computed from several items (a tree head, the lot seed, a lot key).
        var value: String?
        /// A Merkle proof (RFC 9162), hashes in order.
        var proof: [String]?
        var index: Int?
        var treeSize: Int?
        var oldSize: Int?
        var oldRoot: String?
    }

    /// The file's content.
    struct Document: Codable, Equatable {
        var about: String
        var vectors: [Vector]
    }

    static let folder = TestVectorTests.vectors.folder
    static let record = folder.appendingPathComponent("record")

    static func read<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: record.appendingPathComponent(name)))
    }

    static func lines<T: Decodable>(_ type: T.Type, _ name: String) throws -> [T] {
        try String(decoding: Data(contentsOf: record.appendingPathComponent(name)), as: UTF8.self)
            .split(separator: "\n").map { try JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }

    static func hex(_ bytes: [UInt8]) -> String { Hex.encode(bytes) }

    /// Every vector, computed from the record with the record library.
    static func make() throws -> Document {
        let index = try read(RecordIndex.self, ElectionRecordFile.index)
        let definitionFile = try read(DefinitionFile.self, ElectionRecordFile.definition)
        let definition = definitionFile.definition
        let commitment = try read(IssuedPassCommitment.self, ElectionRecordFile.commitment)
        let kiosks = try read([KioskRegistration].self, ElectionRecordFile.kiosks)
        let result = try read(ElectionResult.self, ElectionRecordFile.result)
        let issuer = hex(index.issuingPublicKey.bytes)
        let tokens = try lines(PassLine.self, ElectionRecordFile.passes).map { $0.token(election: definition.id) }
        let kiosk = try #require(kiosks.first)
        let ballots = try lines(BallotLine.self, ElectionRecordFile.ballots(kiosk: kiosk.name))
            .map { $0.ballot(election: definition.id, kiosk: kiosk.name) }
        let checkpoints = try read([Checkpoint].self, ElectionRecordFile.checkpoints(kiosk: kiosk.name))
        let token = tokens[0], ballot = ballots[0]
        let passTree = MerkleTree(leafHashes: tokens.map { MerkleHash.leaf($0.signedBytes + $0.signature.bytes) })
        let ballotTree = MerkleTree(leafHashes: ballots.map(\.leafHash))
        var vectors: [Vector] = [
            Vector(name: "definition: canonical bytes, their SHA-256 (definition_hash) and the manifest signature",
                   source: ElectionRecordFile.definition, bytes: hex(definition.canonicalBytes), sha256: hex(definition.hash),
                   signer: issuer, signature: hex(definitionFile.manifestSignature.bytes)),
            Vector(name: "issued-pass commitment: signed bytes", source: ElectionRecordFile.commitment,
                   bytes: hex(commitment.signedBytes), signer: issuer, signature: hex(commitment.signature.bytes)),
            Vector(name: "pass token: signed bytes and its leaf hash in the issued-pass tree", source: "\(ElectionRecordFile.passes):1",
                   bytes: hex(token.signedBytes), signer: issuer, signature: hex(token.signature.bytes),
                   leafHash: hex(MerkleHash.leaf(token.signedBytes + token.signature.bytes))),
            Vector(name: "issued-pass tree head over every pass line in order (the commitment's root)", source: ElectionRecordFile.passes,
                   value: hex(passTree.root), treeSize: passTree.size),
            Vector(name: "inclusion proof of the second pass in the issued-pass tree", source: "\(ElectionRecordFile.passes):2",
                   leafHash: hex(passTree.leaves[1]), value: hex(passTree.root), proof: passTree.inclusionProof(index: 1).map(hex),
                   index: 1, treeSize: passTree.size),
            Vector(name: "kiosk registration: signed bytes", source: "\(ElectionRecordFile.kiosks)[0]",
                   bytes: hex(kiosk.signedBytes), signer: issuer, signature: hex(kiosk.signature.bytes)),
            Vector(name: "ballot: signed bytes (the entry is them followed by the signature), leaf hash and tracking code",
                   source: "\(ElectionRecordFile.ballots(kiosk: kiosk.name)):1", bytes: hex(ballot.signedBytes),
                   signer: hex(ballot.pass.bytes), signature: hex(ballot.signature.bytes), leafHash: hex(ballot.leafHash),
                   trackingCode: TrackingCode.code(leafHash: ballot.leafHash)),
            Vector(name: "inclusion proof of the third ballot in its kiosk's log", source: "\(ElectionRecordFile.ballots(kiosk: kiosk.name)):3",
                   leafHash: hex(ballotTree.leaves[2]), value: hex(ballotTree.root), proof: ballotTree.inclusionProof(index: 2).map(hex),
                   index: 2, treeSize: ballotTree.size),
        ]
        for checkpoint in checkpoints {
            vectors.append(Vector(name: "checkpoint at \(checkpoint.size) ballots: signed bytes", source: ElectionRecordFile.checkpoints(kiosk: kiosk.name),
                                  bytes: hex(checkpoint.signedBytes), signer: hex(checkpoint.signer.bytes), signature: hex(checkpoint.signature.bytes),
                                  value: hex(checkpoint.root), treeSize: Int(checkpoint.size)))
        }
        let oldSize = ballotTree.size / 2
        vectors.append(Vector(name: "consistency proof of the log's first \(oldSize) ballots with all of them", source: ElectionRecordFile.ballots(kiosk: kiosk.name),
                              value: hex(ballotTree.root), proof: ballotTree.consistencyProof(oldSize: oldSize).map(hex),
                              treeSize: ballotTree.size, oldSize: oldSize, oldRoot: hex(ballotTree.root(of: 0..<oldSize))))
        vectors.append(Vector(name: "lot seed from the final log heads", source: "\(ElectionRecordFile.result) logs", value: hex(ElectionResult.lotSeed(logs: result.logs))))
        for project in definition.contests[0].projects {
            vectors.append(Vector(name: "public-lot key of project \(project.id): SHA-256(lot seed || UTF-8 id)", source: ElectionRecordFile.definition,
                                  bytes: hex(result.lotSeed.bytes + Array(project.id.utf8)), sha256: hex(SHA.sha256(result.lotSeed.bytes + Array(project.id.utf8)))))
        }
        vectors.append(Vector(name: "result: signed bytes", source: ElectionRecordFile.result, bytes: hex(result.signedBytes), signer: issuer,
                              signature: hex(result.signature.bytes)))
        vectors.append(Vector(name: "record index: signed bytes", source: ElectionRecordFile.index,
                              bytes: hex(RecordIndex.signedBytes(format: index.format, kind: index.kind, election: index.election, gemeente: index.gemeente, files: index.files)),
                              signer: issuer, signature: hex(index.signature.bytes)))
        vectors += try boundVectors(definition: definition, commitment: commitment, kiosks: kiosks, ballot: ballot, index: index)
        return Document(about: "The exact bytes docs/record.md defines, for one item of each kind in record/ (hex). "
                            + "Written by Tests/BuurtstemVerifierTests/ByteVectorTests.swift, which checks them on every run.",
                        vectors: vectors)
    }

    /// Format 2 (issue 15), added after the format 1 vectors above, which stay as they were. The small record is of
    /// format 1, so these are made from its fields with throwaway keys derived from fixed bytes (so the file is
    /// stable): a test issuing key (seed 32 x 0x01) and a test pass key (stempas secret 16 x 0x02).
    static func boundVectors(definition: ElectionDefinition, commitment: IssuedPassCommitment, kiosks: [KioskRegistration],
                             ballot: Ballot, index: RecordIndex) throws -> [Vector] {
        let issuing = try SigningKey(seed: [UInt8](repeating: 1, count: 32))
        let passKey = PassToken.passKey(secret: [UInt8](repeating: 2, count: 16))
        let bound = Ballot(election: definition.id, definitionHash: definition.hash, area: ballot.area, passKey: passKey,
                           choices: ballot.choices, kiosk: ballot.kiosk, sequence: ballot.sequence, timeMillis: ballot.timeMillis)
        let prePublication = PrePublication(
            election: definition.id, gemeente: definition.gemeente, definitionHash: definition.hash, total: commitment.total,
            root: commitment.root, areas: commitment.areas.map { .init(area: $0.area, eligible: $0.count + 3, issued: $0.count) },
            kiosks: kiosks.map { .init(name: $0.name, publicKey: $0.kiosk) }, publishedAtMillis: definition.pollsOpenMillis - 86_400_000,
            issuingKey: issuing)
        let indexBytes = RecordIndex.signedBytes(format: RecordIndex.formatNameBound, kind: index.kind, election: index.election,
                                                 gemeente: index.gemeente, files: index.files)
        return [
            Vector(name: "format 2: ballot v2 (the first ballot's fields, signed by a test pass key over the definition hash): signed bytes, leaf hash, tracking code",
                   source: "\(ElectionRecordFile.ballots(kiosk: ballot.kiosk)):1 and \(ElectionRecordFile.definition)", bytes: hex(bound.signedBytes),
                   signer: hex(passKey.publicKey.bytes), signature: hex(bound.signature.bytes), leafHash: hex(bound.leafHash),
                   trackingCode: TrackingCode.code(leafHash: bound.leafHash)),
            Vector(name: "format 2: pre-publication (this record's definition, commitment and kiosks; eligible = issued + 3; published a day before the polls open; test issuing key): signed bytes, SHA-256 and fingerprint",
                   source: "\(ElectionRecordFile.definition), \(ElectionRecordFile.commitment), \(ElectionRecordFile.kiosks)",
                   bytes: hex(prePublication.signedBytes), sha256: hex(prePublication.hash), signer: hex(issuing.publicKey.bytes),
                   signature: hex(prePublication.signature.bytes), value: prePublication.fingerprint),
            Vector(name: "format 2: record index signed bytes (this record's files, format buurtstem-record/2; test issuing key)",
                   source: ElectionRecordFile.index, bytes: hex(indexBytes), signer: hex(issuing.publicKey.bytes),
                   signature: hex(issuing.signature(for: indexBytes).bytes)),
        ]
    }

    static let url = folder.appendingPathComponent("bytes.json")

    @Test("bytes.json holds exactly the bytes the record library makes from the small record")
    func vectorsMatch() throws {
        let made = try Self.make()
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if ProcessInfo.processInfo.environment["BUURTSTEM_WRITE_VECTORS"] == "1" {
            try (encoder.encode(made) + Data("\n".utf8)).write(to: Self.url)
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let committed = try decoder.decode(Document.self, from: Data(contentsOf: Self.url))
        #expect(committed.vectors.count == made.vectors.count)
        for (stored, computed) in zip(committed.vectors, made.vectors) {
            #expect(stored == computed, "\(stored.name)")
        }
    }

    /// What each vector claims, from the file alone: signatures verify over the bytes, hashes and leaf hashes
    /// recompute with plain SHA-256 (0x00 prefix for a leaf), proofs check by RFC 9162 against the stated heads.
    @Test("every vector is self-consistent: signatures verify, leaf hashes and proofs recompute")
    func vectorsHold() throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let document = try decoder.decode(Document.self, from: Data(contentsOf: Self.url))
        func bytes(_ text: String?) throws -> [UInt8] { try #require(text.flatMap { Hex.decode($0) }) }
        #expect(document.vectors.count >= 14)
        for vector in document.vectors {
            if let signer = vector.signer {
                let key = try PublicKey(bytes: try bytes(signer))
                #expect(key.isValidSignature(try Signature(bytes: try bytes(vector.signature)), for: try bytes(vector.bytes)), "\(vector.name)")
            }
            if let sha = vector.sha256 { #expect(SHA.sha256(try bytes(vector.bytes)) == (try bytes(sha)), "\(vector.name)") }
            if vector.bytes != nil, vector.signature != nil, let leaf = vector.leafHash {
                #expect(SHA.sha256([0] + (try bytes(vector.bytes)) + (try bytes(vector.signature))) == (try bytes(leaf)), "\(vector.name)")
            }
            if let proof = vector.proof, let size = vector.treeSize {
                let path = try proof.map { try bytes($0) }
                if let index = vector.index {
                    #expect(MerkleProof.verifyInclusion(leafHash: try bytes(vector.leafHash), index: index, treeSize: size, path: path,
                                                        root: try bytes(vector.value)), "\(vector.name)")
                }
                if let oldSize = vector.oldSize {
                    #expect(MerkleProof.verifyConsistency(oldSize: oldSize, oldRoot: try bytes(vector.oldRoot), newSize: size,
                                                          newRoot: try bytes(vector.value), proof: path), "\(vector.name)")
                }
            }
        }
    }

    /// One vector rebuilt by hand from docs/record.md's encoding rules (str = u32 big-endian length and UTF-8,
    /// raw = the bytes as they are), not by the record library: the library and the page agree.
    @Test("the pass token and checkpoint bytes follow docs/record.md's rules, built by hand")
    func handBuilt() throws {
        func str(_ text: String) -> [UInt8] {
            let bytes = Array(text.utf8), count = UInt32(bytes.count)
            return [UInt8(count >> 24), UInt8(count >> 16 & 0xff), UInt8(count >> 8 & 0xff), UInt8(count & 0xff)] + bytes
        }
        func u64(_ value: UInt64) -> [UInt8] { (0..<8).reversed().map { UInt8(value >> (8 * UInt64($0)) & 0xff) } }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let vectors = try decoder.decode(Document.self, from: Data(contentsOf: Self.url)).vectors
        let definition = try Self.read(DefinitionFile.self, ElectionRecordFile.definition).definition
        let pass = try #require(try Self.lines(PassLine.self, ElectionRecordFile.passes).first)
        // token bytes = str("buurtstem/stempas/v1") || str(election) || str(area) || raw(pass public key)
        let token = str("buurtstem/stempas/v1") + str(definition.id) + str(pass.area) + pass.pass.bytes
        #expect(vectors.first { $0.source == "passes.jsonl:1" }?.bytes == Hex.encode(token))
        let checkpoint = try #require(try Self.read([Checkpoint].self, "checkpoints/bibliotheek.json").last)
        // checkpoint bytes = str("buurtstem/checkpoint/v1") || str(log_id) || u64(size) || raw(root) || i64(time_ms)
        let bytes = str("buurtstem/checkpoint/v1") + str(checkpoint.logId) + u64(checkpoint.size) + checkpoint.root
            + u64(UInt64(bitPattern: checkpoint.timeMillis))
        #expect(vectors.contains { $0.name.hasPrefix("checkpoint at \(checkpoint.size)") && $0.bytes == Hex.encode(bytes) })

        // Format 2. ballot v2 = str("buurtstem/ballot/v2") || str(election) || raw(definition_hash) || str(area)
        //   || raw(pass) || u32(choices) || per choice str(project) || u32(value) || str(kiosk) || u64(sequence) || i64(time_ms)
        func u32(_ value: UInt32) -> [UInt8] { (0..<4).reversed().map { UInt8(value >> (8 * UInt32($0)) & 0xff) } }
        let ballot = try #require(try Self.lines(BallotLine.self, "ballots/bibliotheek.jsonl").first)
        let passKey = PassToken.passKey(secret: [UInt8](repeating: 2, count: 16))
        var v2 = str("buurtstem/ballot/v2") + str(definition.id) + definition.hash + str(ballot.area) + passKey.publicKey.bytes
            + u32(UInt32(ballot.choices.count))
        for choice in ballot.choices { v2 += str(choice.project) + u32(choice.value) }
        v2 += str("bibliotheek") + u64(ballot.sequence) + u64(UInt64(bitPattern: ballot.timeMillis))
        #expect(vectors.first { $0.name.hasPrefix("format 2: ballot v2") }?.bytes == Hex.encode(v2))
        // prepublication = str("buurtstem/prepublication/v1") || str(election) || str(gemeente) || raw(issuing key)
        //   || raw(definition_hash) || u64(total) || raw(root) || u32(areas) || per area str(area) || u64(eligible) || u64(issued)
        //   || u32(kiosks) || per kiosk str(name) || raw(key) || i64(published_at_ms)
        let commitment = try Self.read(IssuedPassCommitment.self, ElectionRecordFile.commitment)
        let kiosks = try Self.read([KioskRegistration].self, ElectionRecordFile.kiosks)
        let issuing = try SigningKey(seed: [UInt8](repeating: 1, count: 32))
        var pre = str("buurtstem/prepublication/v1") + str(definition.id) + str(definition.gemeente) + issuing.publicKey.bytes
            + definition.hash + u64(commitment.total) + commitment.root + u32(UInt32(commitment.areas.count))
        for area in commitment.areas { pre += str(area.area) + u64(area.count + 3) + u64(area.count) }
        pre += u32(UInt32(kiosks.count))
        for kiosk in kiosks.sorted(by: { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }) { pre += str(kiosk.name) + kiosk.kiosk.bytes }
        pre += u64(UInt64(bitPattern: definition.pollsOpenMillis - 86_400_000))
        let vector = vectors.first { $0.name.hasPrefix("format 2: pre-publication") }
        #expect(vector?.bytes == Hex.encode(pre))
        // fingerprint: the first 18 bytes of SHA-256(prepublication), typeable with the format name "fingerprint".
        #expect(vector?.value == TypeableCode(bytes: Array(SHA.sha256(pre).prefix(18)), format: CodeFormat(name: "fingerprint", byteCount: 18, groupSize: 5)).formatted)
    }

    /// The other signed kinds of a format 1 record, rebuilt by hand from docs/record.md's encodings and the record's
    /// JSON as plain dictionaries (no record type decodes them): each must equal its vector and carry a signature
    /// that verifies over the hand-built bytes, so the page, the files and the library agree on every signed kind.
    @Test("the commitment, kiosk registration, ballot v1, result and record index bytes follow docs/record.md, built by hand")
    func handBuiltFormat1() throws {
        typealias Object = [String: Any]
        struct Missing: Error { let what: String }
        func need<T>(_ value: Any?, _ what: String) throws -> T {
            guard let value = value as? T else { throw Missing(what: what) }
            return value
        }
        func json(_ name: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(contentsOf: Self.record.appendingPathComponent(name))) }
        func str(_ text: Any?) throws -> [UInt8] {
            let bytes = Array((try need(text, "a string") as String).utf8), count = UInt32(bytes.count)
            return [UInt8(count >> 24), UInt8(count >> 16 & 0xff), UInt8(count >> 8 & 0xff), UInt8(count & 0xff)] + bytes
        }
        func int(_ value: Any?) throws -> UInt64 { UInt64(bitPattern: (try need(value, "a number") as NSNumber).int64Value) }
        func u64(_ value: Any?) throws -> [UInt8] { let v = try int(value); return (0..<8).reversed().map { UInt8(v >> (8 * UInt64($0)) & 0xff) } }
        func u32(_ value: Int) -> [UInt8] { (0..<4).reversed().map { UInt8(UInt32(value) >> (8 * UInt32($0)) & 0xff) } }
        func raw(_ hex: Any?) throws -> [UInt8] { try need(Hex.decode(try need(hex, "hex") as String), "hex digits") }
        func objects(_ value: Any?) throws -> [Object] { try need(value, "a list") }
        /// The bytes name UTF-8 strings "by code" / "by name": sorted by their UTF-8 bytes.
        func byUTF8(_ key: String) -> (Object, Object) -> Bool {
            { Array(($0[key] as? String ?? "").utf8).lexicographicallyPrecedes(Array(($1[key] as? String ?? "").utf8)) }
        }
        let vectors = try JSONDecoder().decode(Document.self, from: Data(contentsOf: Self.url)).vectors
        func vector(_ prefix: String) throws -> String { try need(vectors.first { $0.name.hasPrefix(prefix) }?.bytes, prefix) }
        func verifies(_ bytes: [UInt8], key: Any?, signature: Any?) throws -> Bool {
            try PublicKey(bytes: try raw(key)).isValidSignature(Signature(bytes: try raw(signature)), for: bytes)
        }
        let index = try need(try json(ElectionRecordFile.index), "record.json") as Object
        let issuing = index["issuing_public_key"]
        var checked: [String] = []

        // commitment = str("buurtstem/issued-passes/v1") || str(election) || raw(definition_hash) || u64(total)
        //   || u32(number of areas) || for each area by code: str(area) || u64(count) || raw(root)
        let commitment = try need(try json(ElectionRecordFile.commitment), "commitment.json") as Object
        var bytes = try str("buurtstem/issued-passes/v1") + str(commitment["election"]) + raw(commitment["definition_hash"]) + u64(commitment["total"])
        let areas = try objects(commitment["areas"]).sorted(by: byUTF8("area"))
        bytes += u32(areas.count)
        for area in areas { bytes += try str(area["area"]) + u64(area["count"]) }
        bytes += try raw(commitment["root"])
        #expect(try vector("issued-pass commitment") == Hex.encode(bytes))
        #expect(try verifies(bytes, key: issuing, signature: commitment["signature"]))
        checked.append("commitment")

        // registration = str("buurtstem/kiosk/v1") || str(election) || str(name) || raw(kiosk public key)
        let kiosks = try need(try json(ElectionRecordFile.kiosks), "kiosks.json") as [Object]
        for kiosk in kiosks {
            let registration = try str("buurtstem/kiosk/v1") + str(kiosk["election"]) + str(kiosk["name"]) + raw(kiosk["public_key"])
            #expect(try verifies(registration, key: issuing, signature: kiosk["signature"]), "\(kiosk["name"] ?? "")")
            if kiosk["name"] as? String == kiosks.first?["name"] as? String { #expect(try vector("kiosk registration") == Hex.encode(registration)) }
        }
        checked.append("kiosk registration")

        // ballot bytes = str("buurtstem/ballot/v1") || str(election) || str(area) || raw(pass public key)
        //   || u32(number of choices) || for each choice: str(project) || u32(value) || str(kiosk) || u64(sequence) || i64(time_ms)
        let election = index["election"]
        let kioskName = try need(kiosks.first?["name"], "a kiosk name") as String
        let ballotLines = try String(decoding: Data(contentsOf: Self.record.appendingPathComponent(ElectionRecordFile.ballots(kiosk: kioskName))), as: UTF8.self)
            .split(separator: "\n").map { try need(try JSONSerialization.jsonObject(with: Data($0.utf8)), "a ballot line") as Object }
        for (line, ballot) in ballotLines.enumerated() {
            let choices = try objects(ballot["choices"])
            var v1 = try str("buurtstem/ballot/v1") + str(election) + str(ballot["area"]) + raw(ballot["pass"]) + u32(choices.count)
            for choice in choices { v1 += try str(choice["project"]) + u32(Int(try int(choice["value"]))) }
            v1 += try str(kioskName) + u64(ballot["sequence"]) + u64(ballot["time_ms"])
            #expect(try verifies(v1, key: ballot["pass"], signature: ballot["signature"]), "line \(line + 1)")
            if line == 0 { #expect(try vector("ballot: signed bytes") == Hex.encode(v1)) }
        }
        #expect(ballotLines.count >= 3)
        checked.append("ballot v1")

        // result = str("buurtstem/result/v1") || str(election) || raw(definition_hash) || raw(commitment root)
        //   || u32(kiosks) || by name: str(kiosk) || u64(final size) || raw(final tree head)
        //   || u32(voids) || by (kiosk, sequence): str(kiosk) || u64(sequence) || str(counted kiosk) || u64(counted sequence)
        //   || u32(contests) || in definition order: str(area) || u64(passes issued) || u64(ballots counted)
        //      || u32(projects) || in definition order: str(id) || u64(ballots) || u64(points) || u8(funded) || i64(funded cost cents)
        //   || raw(lot seed)
        let result = try need(try json(ElectionRecordFile.result), "result.json") as Object
        var signed = try str("buurtstem/result/v1") + str(result["election"]) + raw(result["definition_hash"]) + raw(result["issued_root"])
        let logs = try objects(result["logs"]).sorted(by: byUTF8("kiosk"))
        signed += u32(logs.count)
        for log in logs { signed += try str(log["kiosk"]) + u64(log["size"]) + raw(log["root"]) }
        let voids = try objects(result["voids"])
        #expect(!voids.isEmpty, "the small record has a void, so its encoding is exercised")
        signed += u32(voids.count)
        for void in voids { signed += try str(void["kiosk"]) + u64(void["sequence"]) + str(void["counted_kiosk"]) + u64(void["counted_sequence"]) }
        let contests = try objects(result["contests"])
        signed += u32(contests.count)
        for contest in contests {
            signed += try str(contest["area"]) + u64(contest["passes_issued"]) + u64(contest["ballots_counted"])
            let projects = try objects(contest["projects"])
            signed += u32(projects.count)
            for project in projects {
                signed += try str(project["id"]) + u64(project["ballots"]) + u64(project["points"]) + [try need(project["funded"], "funded") as Bool ? 1 : 0]
            }
            signed += try u64(contest["funded_cost_cents"])
        }
        signed += try raw(result["lot_seed"])
        #expect(try vector("result: signed bytes") == Hex.encode(signed))
        #expect(try verifies(signed, key: issuing, signature: result["signature"]))
        // lot seed = SHA-256(str("buurtstem/lot-seed/v1") || u32(kiosks) || by name: str(kiosk) || u64(final size) || raw(final tree head))
        var seed = try str("buurtstem/lot-seed/v1") + u32(logs.count)
        for log in logs { seed += try str(log["kiosk"]) + u64(log["size"]) + raw(log["root"]) }
        #expect(Hex.encode(SHA.sha256(seed)) == result["lot_seed"] as? String)
        checked.append("result")

        // str("buurtstem/record-index/v1") || str(format) || str("election") || str(election) || str(gemeente)
        //   || u32(number of files) || for each file in list order: str(name) || raw(sha256, 32)
        let files = try objects(index["files"])
        var indexBytes = try str("buurtstem/record-index/v1") + str(index["format"]) + str("election") + str(election) + str(index["gemeente"])
            + u32(files.count)
        for file in files { indexBytes += try str(file["name"]) + raw(file["sha256"]) }
        #expect(try vector("record index: signed bytes") == Hex.encode(indexBytes))
        #expect(try verifies(indexBytes, key: issuing, signature: index["signature"]))
        checked.append("record index")
        #expect(checked.count == 5)
    }
}
