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
///
/// Two versions of signed bytes exist (docs/record.md, "Ballots"): v1, in records of format 1, names the election
/// only; v2, what the engine casts since records of format 2, also signs the definition hash, so a ballot cast
/// under one definition cannot be counted under another.
public struct Ballot: Sendable, Equatable, Codable {
    /// The election's id.
    public let election: String
    /// The definition hash the pass signed (v2 ballots); nil for a v1 ballot, which signs no definition.
    public let definitionHash: [UInt8]?
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

    /// The domain-separation tag of v1 ballot signatures (records of format 1: no definition hash).
    public static let tag = "buurtstem/ballot/v1"
    /// The domain-separation tag of v2 ballot signatures, which cover the definition hash.
    public static let tagBound = "buurtstem/ballot/v2"

    /// The bytes the pass signs (docs/record.md, "Ballots"): v2 when `definitionHash` is given, else v1.
    public static func signedBytes(election: String, definitionHash: [UInt8]? = nil, area: String, pass: PublicKey,
                                   choices: [Choice], kiosk: String, sequence: UInt64, timeMillis: Int64) -> [UInt8] {
        var w = ByteWriter(tag: definitionHash == nil ? tag : tagBound)
        w.append(string: election)
        if let definitionHash { w.append(raw: definitionHash) }
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

    /// A ballot signed with the pass's key: v2 (bound to the definition) when `definitionHash` is given, as the
    /// engine casts; v1 without it (only to make records of format 1, e.g. in tests).
    public init(election: String, definitionHash: [UInt8]?, area: String, passKey: SigningKey, choices: [Choice], kiosk: String,
                sequence: UInt64, timeMillis: Int64) {
        self.election = election
        self.definitionHash = definitionHash
        self.area = area
        self.pass = passKey.publicKey
        self.choices = choices
        self.kiosk = kiosk
        self.sequence = sequence
        self.timeMillis = timeMillis
        self.signature = passKey.signature(for: Self.signedBytes(election: election, definitionHash: definitionHash, area: area,
                                                                 pass: passKey.publicKey,
                                                                 choices: choices, kiosk: kiosk, sequence: sequence,
                                                                 timeMillis: timeMillis))
    }

    /// A ballot read back from a store or record; check it with ``isValidSignature``. `definitionHash` is the
    /// definition's hash for a v2 ballot (a record of format 2), nil for v1.
    public init(election: String, definitionHash: [UInt8]? = nil, area: String, pass: PublicKey, choices: [Choice], kiosk: String,
                sequence: UInt64, timeMillis: Int64, signature: Signature) {
        self.election = election
        self.definitionHash = definitionHash
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
        Self.signedBytes(election: election, definitionHash: definitionHash, area: area, pass: pass, choices: choices,
                         kiosk: kiosk, sequence: sequence, timeMillis: timeMillis)
    }

    /// The log entry: the signed bytes followed by the 64-byte signature. Its leaf hash is the ballot's identity.
    public var entryBytes: [UInt8] { signedBytes + signature.bytes }

    /// The RFC 9162 leaf hash of the entry.
    public var leafHash: [UInt8] { MerkleHash.leaf(entryBytes) }

    /// `true` if the pass key signed exactly these fields.
    public var isValidSignature: Bool { pass.isValidSignature(signature, for: signedBytes) }
}
