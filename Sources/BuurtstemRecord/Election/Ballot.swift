import BuurtstemCrypto

/// One mark on a ballot: a project and its value (1 for choose-1, approval and knapsack; points for cumulative;
/// the rank, 1 = best, for ranking).
public struct Choice: Sendable, Equatable, Hashable, Codable {
    /// The project's id.
    public let project: String
    /// The value (see the type's documentation).
    public let value: UInt32

    /// A choice.
    public init(project: String, value: UInt32) {
        self.project = project
        self.value = value
    }
}

/// A cast ballot, signed with the pass's key: what a kiosk appends to its log.
public struct Ballot: Sendable, Equatable, Codable {
    /// The election's id.
    public let election: String
    /// The contest area the pass is for.
    public let area: String
    /// The pass's public key.
    public let pass: PublicKey
    /// The choices, in canonical order: by rank for ranking ballots, else by project id (UTF-8 byte order).
    public let choices: [Choice]
    /// The kiosk's name.
    public let kiosk: String
    /// Position in the kiosk's log, from 0.
    public let sequence: UInt64
    /// When it was cast, in milliseconds since 1970 UTC.
    public let timeMillis: Int64
    /// The pass key's signature over ``signedBytes``.
    public let signature: Signature

    /// The domain-separation tag of ballot signatures.
    public static let tag = "buurtstem/ballot/v1"

    /// The bytes the pass signs (docs/record.md, "Ballots").
    public static func signedBytes(election: String, area: String, pass: PublicKey, choices: [Choice], kiosk: String,
                                   sequence: UInt64, timeMillis: Int64) -> [UInt8] {
        var w = ByteWriter(tag: tag)
        w.append(string: election)
        w.append(string: area)
        w.append(raw: pass.bytes)
        w.append(u32: UInt32(choices.count))
        for choice in choices {
            w.append(string: choice.project)
            w.append(u32: choice.value)
        }
        w.append(string: kiosk)
        w.append(u64: sequence)
        w.append(i64: timeMillis)
        return w.bytes
    }

    /// A ballot signed with the pass's key.
    public init(election: String, area: String, passKey: SigningKey, choices: [Choice], kiosk: String, sequence: UInt64,
                timeMillis: Int64) {
        self.election = election
        self.area = area
        self.pass = passKey.publicKey
        self.choices = choices
        self.kiosk = kiosk
        self.sequence = sequence
        self.timeMillis = timeMillis
        self.signature = passKey.signature(for: Self.signedBytes(election: election, area: area, pass: passKey.publicKey,
                                                                 choices: choices, kiosk: kiosk, sequence: sequence,
                                                                 timeMillis: timeMillis))
    }

    /// A ballot read back from a store or record; check it with ``isValidSignature``.
    public init(election: String, area: String, pass: PublicKey, choices: [Choice], kiosk: String, sequence: UInt64,
                timeMillis: Int64, signature: Signature) {
        self.election = election
        self.area = area
        self.pass = pass
        self.choices = choices
        self.kiosk = kiosk
        self.sequence = sequence
        self.timeMillis = timeMillis
        self.signature = signature
    }

    /// The bytes the pass signed.
    public var signedBytes: [UInt8] {
        Self.signedBytes(election: election, area: area, pass: pass, choices: choices, kiosk: kiosk, sequence: sequence,
                         timeMillis: timeMillis)
    }

    /// The log entry: the signed bytes followed by the 64-byte signature. Its leaf hash is the ballot's identity.
    public var entryBytes: [UInt8] { signedBytes + signature.bytes }

    /// The RFC 9162 leaf hash of the entry.
    public var leafHash: [UInt8] { MerkleHash.leaf(entryBytes) }

    /// `true` if the pass key signed exactly these fields.
    public var isValidSignature: Bool { pass.isValidSignature(signature, for: signedBytes) }
}
