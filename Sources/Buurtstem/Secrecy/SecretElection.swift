import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// A secret election as stored: its definition, election key and encrypted logs, read for the steps after close
/// (the mix, the trustees' decryption, the combination, the tally and the record).
public struct SecretElection: Sendable {
    /// A counted ballot: the first of its pass by the first-use rule, in the mix's input order.
    public struct CountedBallot: Sendable {
        /// Where it is.
        public let kiosk: String
        /// Its position.
        public let sequence: UInt64
        /// Its w ciphertexts.
        public let ciphertexts: [ElGamalCiphertext]
        /// Whether its signature and proof hold: a ballot whose proof fails is counted as invalid, not mixed.
        public let isValid: Bool
    }

    /// The store.
    public let store: Store
    /// The election id.
    public let id: String
    /// The signed definition.
    public let definition: ElectionDefinition
    /// The definition's secret-ballot fields.
    public let secret: SecretBallot
    /// The election key (Y, t and the verification keys), from the stored key file.
    public let key: ElectionKey
    /// The stored election key file's bytes.
    public let keyFile: [UInt8]

    /// The secret election `id`; refuses a public one.
    public init(_ id: String, store: Store) throws {
        let election = try store.election(id)
        let definition = try election.decodedDefinition()
        guard let secret = definition.secretBallot else {
            throw BuurtstemError(.wrongState, "election '\(id)' is public (its definition has no secret_ballot): its ballots are counted as cast, with no mix or decryption")
        }
        guard let file = try store.read({ try Data.fetchOne($0, sql: "SELECT file FROM electionKey WHERE electionId = ?", arguments: [id]) }) else {
            throw BuurtstemError(.keys, "the store has no election key file for '\(id)': it was created without one; create the election again")
        }
        self.store = store
        self.id = id
        self.definition = definition
        self.secret = secret
        self.keyFile = [UInt8](file)
        self.key = try TrusteeFileJSON.decode(ElectionKeyFile.self, from: keyFile, file: "the stored election key of '\(id)'").key
    }

    /// Refuses unless the polls are closed.
    public func requireClosed(_ step: String) throws {
        let state = try store.election(id).state
        guard state == .closed else {
            throw BuurtstemError(.wrongState, "the polls of '\(id)' are \(state.rawValue); \(step) comes after the polls close", remedy: .closePolls(election: id, kiosk: nil))
        }
    }

    /// Every encrypted ballot of the kiosk `kiosk`, in log order.
    public func ballots(kiosk: String) throws -> [EncryptedBallot] {
        let hash = definition.hash
        return try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT b.sequence, b.pass, b.area, b.signature, e.ciphertexts, e.proof FROM ballot b
                JOIN encryptedBallot e ON e.electionId = b.electionId AND e.kiosk = b.kiosk AND e.sequence = b.sequence
                WHERE b.electionId = ? AND b.kiosk = ? ORDER BY b.sequence
                """, arguments: [id, kiosk]).map { row in
                try Self.ballot(row, election: id, definitionHash: hash, kiosk: kiosk)
            }
        }
    }

    /// The v3 ballot of a stored row with `sequence`, `pass`, `area`, `signature`, `ciphertexts` and `proof`.
    static func ballot(_ row: Row, election: String, definitionHash: [UInt8], kiosk: String) throws -> EncryptedBallot {
        let ciphertexts = Self.ciphertexts([UInt8](row["ciphertexts"] as Data))
        let proofBytes = [UInt8](row["proof"] as Data)
        let scalars = stride(from: 0, to: proofBytes.count, by: 32).compactMap {
            Ristretto255.Scalar(canonical: Array(proofBytes[$0..<min(proofBytes.count, $0 + 32)]))
        }
        return EncryptedBallot(
            election: election, definitionHash: definitionHash, area: row["area"], pass: try PublicKey(bytes: [UInt8](row["pass"] as Data)),
            encryption: ProvenEncryption(ciphertexts: ciphertexts,
                                         proof: SchnorrProof(challenge: scalars.first ?? .zero, responses: Array(scalars.dropFirst()))),
            kiosk: kiosk, sequence: UInt64(row["sequence"] as Int64), signature: try Signature(bytes: [UInt8](row["signature"] as Data)))
    }

    /// The ciphertexts of a blob of 64-byte α ‖ β values (as the store keeps them).
    static func ciphertexts(_ bytes: [UInt8]) -> [ElGamalCiphertext] {
        stride(from: 0, to: bytes.count, by: 64).compactMap { ElGamalCiphertext(bytes: Array(bytes[$0..<min(bytes.count, $0 + 64)])) }
    }

    /// The first-use rule of a secret election (docs/record.md, "Secret elections: the record"): a ballot carries
    /// no time, so per pass the ballot that counts is the first by (the time of the first checkpoint of its log
    /// that includes it, kiosk name as UTF-8 bytes, sequence). Returns the counted ballots by area in the mix's
    /// input order (kiosk name, sequence) and the voids.
    public func firstUse() throws -> (counted: [String: [CountedBallot]], voids: [Tally.VoidBallot]) {
        try requireClosed("the count")
        var entries: [(dated: Int64, pass: [UInt8], area: String, ballot: EncryptedBallot)] = []
        for kiosk in try store.kiosks(election: id) {
            let checkpoints = try KioskLog(store: store, election: id, kiosk: kiosk.name).checkpoints().sorted { $0.size < $1.size }
            for ballot in try ballots(kiosk: kiosk.name) {
                let dated = checkpoints.first { $0.size > ballot.sequence }?.timeMillis ?? Int64.max
                entries.append((dated, ballot.pass.bytes, ballot.area, ballot))
            }
        }
        entries.sort { a, b in
            if a.pass != b.pass { return a.pass.lexicographicallyPrecedes(b.pass) }
            if a.dated != b.dated { return a.dated < b.dated }
            return Self.precedes((a.ballot.kiosk, a.ballot.sequence), (b.ballot.kiosk, b.ballot.sequence))
        }
        var counted: [String: [CountedBallot]] = [:]
        var voids: [Tally.VoidBallot] = []
        var first: (pass: [UInt8], kiosk: String, sequence: UInt64)?
        let revoked = try store.revokedPasses(election: id)
        for entry in entries {
            // A revoked pass never counts: its ballots are void and not mixed.
            if revoked.contains(Data(entry.pass)) {
                voids.append(Tally.VoidBallot(revokedKiosk: entry.ballot.kiosk, sequence: entry.ballot.sequence, pass: Hex.encode(entry.pass)))
                continue
            }
            if let first, first.pass == entry.pass {
                voids.append(Tally.VoidBallot(kiosk: entry.ballot.kiosk, sequence: entry.ballot.sequence, pass: Hex.encode(entry.pass),
                                              countedKiosk: first.kiosk, countedSequence: first.sequence))
                continue
            }
            first = (entry.pass, entry.ballot.kiosk, entry.ballot.sequence)
            let valid = entry.ballot.isValidSignature && entry.ballot.encryption.ciphertexts.count == secret.width
                && entry.ballot.isValidProof(publicKey: secret.publicKey)
            counted[entry.area, default: []].append(CountedBallot(kiosk: entry.ballot.kiosk, sequence: entry.ballot.sequence,
                                                                  ciphertexts: entry.ballot.encryption.ciphertexts, isValid: valid))
        }
        for area in counted.keys {
            counted[area]!.sort { Self.precedes(($0.kiosk, $0.sequence), ($1.kiosk, $1.sequence)) }
        }
        voids.sort { ($0.kiosk, $0.sequence) < ($1.kiosk, $1.sequence) }
        return (counted, voids)
    }

    /// Log order across kiosks: kiosk name as UTF-8 bytes, then sequence.
    static func precedes(_ a: (kiosk: String, sequence: UInt64), _ b: (kiosk: String, sequence: UInt64)) -> Bool {
        a.kiosk == b.kiosk ? a.sequence < b.sequence : Array(a.kiosk.utf8).lexicographicallyPrecedes(Array(b.kiosk.utf8))
    }

    /// The mix stages stored so far, in order.
    public func stages() throws -> [MixStageFile] {
        let rows = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT stage, area, outputs, proof FROM mixStage WHERE electionId = ? ORDER BY stage, area", arguments: [id])
        }
        var stages: [MixStageFile] = []
        for row in rows {
            let stage: Int = row["stage"]
            let outputs = Self.ciphertexts([UInt8](row["outputs"] as Data))
            let rowsOfArea = stride(from: 0, to: outputs.count, by: secret.width).map { Array(outputs[$0..<min(outputs.count, $0 + secret.width)]) }
            let shuffle = MixStageFile.AreaShuffle(area: row["area"], outputs: rowsOfArea, proof: try ShuffleProof(json: row["proof"] as Data))
            if stages.last?.stage == stage {
                let last = stages.removeLast()
                stages.append(MixStageFile(election: id, definitionHash: definition.hash, stage: stage, areas: last.areas + [shuffle]))
            } else {
                stages.append(MixStageFile(election: id, definitionHash: definition.hash, stage: stage, areas: [shuffle]))
            }
        }
        return stages
    }

    /// The rows of stage 1's input per area: the valid counted ballots.
    public func mixInputs() throws -> [String: [[ElGamalCiphertext]]] {
        try firstUse().counted.mapValues { $0.filter(\.isValid).map(\.ciphertexts) }.filter { !$0.value.isEmpty }
    }

    /// The decryption shares stored for the last stage, by trustee.
    public func storedShares(stage: Int) throws -> [DecryptionSharesFile] {
        try store.read { db in
            try Data.fetchAll(db, sql: "SELECT file FROM decryptionShare WHERE electionId = ? AND stage = ? ORDER BY trustee", arguments: [id, stage])
        }.map { try JSONDecoder().decode(DecryptionSharesFile.self, from: $0) }
    }

    /// The decoded ballots, by area then position.
    public func decoded() throws -> [DecodedBallotLine] {
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT area, position, choices, problem FROM decodedBallot WHERE electionId = ? ORDER BY area, position",
                             arguments: [id]).map { row in
                let text: String? = row["choices"]
                return DecodedBallotLine(area: row["area"], position: row["position"],
                                         choices: try text.map { try JSONDecoder().decode([Choice].self, from: Data($0.utf8)) }, problem: row["problem"])
            }
        }
    }
}
