import BuurtstemCrypto

/// The names of the files of an election record (docs/record.md, "Elections").
public enum ElectionRecordFile {
    /// The index: format, election, gemeente, issuing key and the SHA-256 of every other file, signed.
    public static let index = "record.json"
    /// The signed definition.
    public static let definition = "definition.json"
    /// The issued passes, one JSON object per line, in order of public key.
    public static let passes = "passes.jsonl"
    /// The signed commitment to the issued passes.
    public static let commitment = "commitment.json"
    /// The kiosks' signed registrations.
    public static let kiosks = "kiosks.json"
    /// A kiosk's ballots, one JSON object per line, in log order.
    public static func ballots(kiosk: String) -> String { "ballots/\(kiosk).jsonl" }
    /// A kiosk's checkpoints.
    public static func checkpoints(kiosk: String) -> String { "checkpoints/\(kiosk).json" }
    /// The signed result: counts, voids, funded projects, the lot seed.
    public static let result = "result.json"
    /// Per project, why it was or was not funded (informational, not signed).
    public static let explanations = "explanations.json"
    /// A contest's outcome in the Pabulib format (pabulib.org), derived from the record for Pabulib's collection
    /// and for `buurtstem allocate --official`; the record's own files remain the authority.
    public static func pabulib(area: String) -> String { "pabulib/\(area).pb" }
    /// The pre-publication the election made before the polls opened (records of format 2, when it was made).
    public static let prePublication = "prepublication.json"
    /// A secret election's election key file, as read at `election create`.
    public static let electionKey = "election-key.json"
    /// A secret election's mix stage `stage` (from 1).
    public static func mixStage(_ stage: Int) -> String { "mix/stage-\(stage).json" }
    /// Trustee `trustee`'s decryption shares of the last stage.
    public static func decryptionShares(trustee: Int) -> String { "decryption/trustee-\(trustee).json" }
    /// The decoded ballots of a secret election.
    public static let decoded = "decoded.jsonl"
    /// The stempassen replaced at the desk, signed (only when there were any; docs/record.md, "Replaced passes").
    public static let replacements = "replacements.json"
}

/// `record.json`: what the record is and a digest of every file in it, signed by the issuing key.
public struct RecordIndex: Sendable, Equatable, Codable {
    /// One file and its SHA-256.
    public struct FileDigest: Sendable, Equatable, Codable {
        /// Path inside the record folder.
        public let name: String
        /// SHA-256 of its bytes.
        public let sha256: HexBytes

        /// A digest.
        public init(name: String, sha256: [UInt8]) {
            self.name = name
            self.sha256 = HexBytes(sha256)
        }
    }

    /// `buurtstem-record/1`; for an election whose ballots sign the definition hash, `buurtstem-record/2`; for a
    /// secret election, `buurtstem-record/3`.
    public let format: String
    /// `election` (or `cheque-round`).
    public let kind: String
    /// The election's id.
    public let election: String
    /// The gemeente's CBS code.
    public let gemeente: String
    /// The gemeente's name.
    public let gemeenteName: String
    /// The issuing public key: an observer checks it against the one the gemeente publishes elsewhere.
    public let issuingPublicKey: PublicKey
    /// Every other file, sorted by name.
    public let files: [FileDigest]
    /// The issuing key's signature over ``signedBytes``.
    public let signature: Signature

    /// The format's name and version: format 1 (cheque rounds, and elections with v1 ballots).
    public static let formatName = "buurtstem-record/1"
    /// Format 2 (elections only): every ballot is v2, signing the definition hash; the record may hold the
    /// election's pre-publication.
    public static let formatNameBound = "buurtstem-record/2"
    /// Format 3 (secret elections, issue 16): v3 ballots (ciphertexts, no choices, no time), the election key, the
    /// mix stages, the decryption shares and the decoded ballots (docs/record.md, "Secret elections: the record").
    public static let formatNameSecret = "buurtstem-record/3"
    /// The domain-separation tag.
    public static let tag = "buurtstem/record-index/v1"

    private enum CodingKeys: String, CodingKey {
        case format, kind, election, gemeente, gemeenteName = "gemeente_name", issuingPublicKey = "issuing_public_key", files, signature
    }

    /// The signed bytes (the format is signed as given, so a format 1 index cannot be passed off as format 2).
    public static func signedBytes(format: String, kind: String, election: String, gemeente: String, files: [FileDigest]) -> [UInt8] {
        var w = ByteWriter(tag: tag)
        w.append(string: format)
        w.append(string: kind)
        w.append(string: election)
        w.append(string: gemeente)
        w.append(u32: UInt32(files.count))
        for file in files {
            w.append(string: file.name)
            w.append(raw: file.sha256.bytes)
        }
        return w.bytes
    }

    /// An index of format `format` signed by `issuingKey`.
    public init(format: String = formatName, kind: String, election: String, gemeente: String, gemeenteName: String,
                files: [FileDigest], issuingKey: SigningKey) {
        let sorted = files.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        self.format = format
        self.kind = kind
        self.election = election
        self.gemeente = gemeente
        self.gemeenteName = gemeenteName
        issuingPublicKey = issuingKey.publicKey
        self.files = sorted
        signature = issuingKey.signature(for: Self.signedBytes(format: format, kind: kind, election: election, gemeente: gemeente, files: sorted))
    }

    /// `true` if the issuing key signed this index.
    public var isValid: Bool {
        issuingPublicKey.isValidSignature(signature, for: Self.signedBytes(format: format, kind: kind, election: election,
                                                                           gemeente: gemeente, files: files))
    }

    /// `true` for a record whose ballots sign the definition hash: v2 (format 2) and v3 (format 3, secret).
    public var bindsBallotsToDefinition: Bool { format == Self.formatNameBound || format == Self.formatNameSecret }
}

/// `definition.json`: the election definition with the gemeente's signature over its canonical bytes.
public struct DefinitionFile: Sendable, Equatable, Codable {
    /// The definition.
    public let definition: ElectionDefinition
    /// SHA-256 of its canonical bytes (a convenience; the verifier recomputes it).
    public let definitionHash: HexBytes
    /// The issuing key's signature over the canonical bytes.
    public let manifestSignature: Signature

    private enum CodingKeys: String, CodingKey {
        case definition, definitionHash = "definition_hash", manifestSignature = "manifest_signature"
    }

    /// A definition file.
    public init(definition: ElectionDefinition, manifestSignature: Signature) {
        self.definition = definition
        self.definitionHash = HexBytes(definition.hash)
        self.manifestSignature = manifestSignature
    }
}

/// One line of `passes.jsonl`: an issued pass token (the election is the record's).
public struct PassLine: Sendable, Equatable, Codable {
    /// The contest area.
    public let area: String
    /// The pass's public key.
    public let pass: PublicKey
    /// The issuing key's signature over the token.
    public let signature: Signature

    /// A line for `token`.
    public init(_ token: PassToken) {
        area = token.area
        pass = token.pass
        signature = token.signature
    }

    /// The token in election `election`.
    public func token(election: String) -> PassToken {
        PassToken(election: election, area: area, pass: pass, signature: signature)
    }
}

/// One line of `ballots/KIOSK.jsonl` (the election and kiosk are the file's).
public struct BallotLine: Sendable, Equatable, Codable {
    /// Position in the log.
    public let sequence: UInt64
    /// When it was cast.
    public let timeMillis: Int64
    /// The contest area.
    public let area: String
    /// The pass's public key.
    public let pass: PublicKey
    /// The choices in canonical order.
    public let choices: [Choice]
    /// The pass key's signature.
    public let signature: Signature

    private enum CodingKeys: String, CodingKey {
        case sequence, timeMillis = "time_ms", area, pass, choices, signature
    }

    /// A line for `ballot`.
    public init(_ ballot: Ballot) {
        sequence = ballot.sequence
        timeMillis = ballot.timeMillis
        area = ballot.area
        pass = ballot.pass
        choices = ballot.choices
        signature = ballot.signature
    }

    /// The ballot, in `election` at `kiosk`; `definitionHash` for a v2 ballot (a record of format 2), nil for v1.
    public func ballot(election: String, definitionHash: [UInt8]? = nil, kiosk: String) -> Ballot {
        Ballot(election: election, definitionHash: definitionHash, area: area, pass: pass, choices: choices, kiosk: kiosk, sequence: sequence,
               timeMillis: timeMillis, signature: signature)
    }
}
