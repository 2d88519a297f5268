import BuurtstemCrypto

/// One replaced stempas (`buurtstem stempas replace`): the gemeente's signed statement "a new pass `pass` may
/// vote in `area`, replacing the unused pass `revoked`" (or, when the old letter's code was not at hand, replacing a
/// pass nobody can name: `revoked` is absent). Entries form a hash chain, so none can be dropped or reordered
/// without breaking every later one (docs/record.md, "Replaced passes").
public struct PassReplacement: Sendable, Equatable, Codable {
    /// The election's id.
    public let election: String
    /// SHA-256 of the election definition's canonical bytes.
    public let definitionHash: HexBytes
    /// Position in the chain, from 0.
    public let sequence: UInt64
    /// ``hash`` of the previous entry; 32 zero bytes for the first.
    public let previous: HexBytes
    /// The contest area of both the new pass and the revoked one.
    public let area: String
    /// The new pass's public key.
    public let pass: PublicKey
    /// The revoked pass's public key; nil for a replacement without revocation.
    public let revoked: PublicKey?
    /// When the desk made it (ms since 1970 UTC).
    public let timeMillis: Int64
    /// The issuing key's signature over ``signedBytes``.
    public let signature: Signature

    /// The domain-separation tag.
    public static let tag = "buurtstem/stempas-replacement/v1"

    private enum CodingKeys: String, CodingKey {
        case election, definitionHash = "definition_hash", sequence, previous, area, pass, revoked, timeMillis = "time_ms", signature
    }

    /// The signed bytes (docs/record.md, "Replaced passes").
    public static func signedBytes(election: String, definitionHash: [UInt8], sequence: UInt64, previous: [UInt8], area: String,
                                   pass: PublicKey, revoked: PublicKey?, timeMillis: Int64) -> [UInt8] {
        var w = ByteWriter(tag: tag)
        w.append(string: election)
        w.append(raw: definitionHash)
        w.append(u64: sequence)
        w.append(raw: previous)
        w.append(string: area)
        w.append(raw: pass.bytes)
        if let revoked {
            w.append(u8: 1)
            w.append(raw: revoked.bytes)
        } else {
            w.append(u8: 0)
        }
        w.append(i64: timeMillis)
        return w.bytes
    }

    /// An entry signed with the issuing key.
    public init(election: String, definitionHash: [UInt8], sequence: UInt64, previous: [UInt8], area: String, pass: PublicKey,
                revoked: PublicKey?, timeMillis: Int64, issuingKey: SigningKey) {
        let bytes = Self.signedBytes(election: election, definitionHash: definitionHash, sequence: sequence, previous: previous,
                                     area: area, pass: pass, revoked: revoked, timeMillis: timeMillis)
        self.init(election: election, definitionHash: definitionHash, sequence: sequence, previous: previous, area: area,
                  pass: pass, revoked: revoked, timeMillis: timeMillis, signature: issuingKey.signature(for: bytes))
    }

    /// An entry read back; check it with ``isValid(issuer:)``.
    public init(election: String, definitionHash: [UInt8], sequence: UInt64, previous: [UInt8], area: String, pass: PublicKey,
                revoked: PublicKey?, timeMillis: Int64, signature: Signature) {
        self.election = election
        self.definitionHash = HexBytes(definitionHash)
        self.sequence = sequence
        self.previous = HexBytes(previous)
        self.area = area
        self.pass = pass
        self.revoked = revoked
        self.timeMillis = timeMillis
        self.signature = signature
    }

    /// The first entry's ``previous``.
    public static let chainStart = [UInt8](repeating: 0, count: 32)

    /// The signed bytes.
    public var signedBytes: [UInt8] {
        Self.signedBytes(election: election, definitionHash: definitionHash.bytes, sequence: sequence, previous: previous.bytes,
                         area: area, pass: pass, revoked: revoked, timeMillis: timeMillis)
    }

    /// The chain link: SHA-256 of the signed bytes followed by the signature.
    public var hash: [UInt8] { SHA.sha256(signedBytes + signature.bytes) }

    /// `true` if `issuer` signed it.
    public func isValid(issuer: PublicKey) -> Bool { issuer.isValidSignature(signature, for: signedBytes) }
}
