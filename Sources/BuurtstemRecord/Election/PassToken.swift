import BuurtstemCrypto

/// The gemeente's signature on a stempas: "this public key may cast one ballot in `area` of `election`".
public struct PassToken: Sendable, Equatable, Codable {
    /// The election's id.
    public let election: String
    /// The contest area.
    public let area: String
    /// The pass's public key.
    public let pass: PublicKey
    /// The gemeente's issuing-key signature over ``signedBytes``.
    public let signature: Signature

    /// The domain-separation tag of pass tokens.
    public static let tag = "buurtstem/stempas/v1"

    /// The bytes the gemeente signs (docs/record.md, "Issued passes").
    public static func signedBytes(election: String, area: String, pass: PublicKey) -> [UInt8] {
        var w = ByteWriter(tag: tag)
        w.append(string: election)
        w.append(string: area)
        w.append(raw: pass.bytes)
        return w.bytes
    }

    /// A token signed with the issuing key.
    public init(election: String, area: String, pass: PublicKey, issuingKey: SigningKey) {
        self.election = election
        self.area = area
        self.pass = pass
        self.signature = issuingKey.signature(for: Self.signedBytes(election: election, area: area, pass: pass))
    }

    /// A token read back; check it with ``isValid(issuer:)``.
    public init(election: String, area: String, pass: PublicKey, signature: Signature) {
        self.election = election
        self.area = area
        self.pass = pass
        self.signature = signature
    }

    /// The signed bytes.
    public var signedBytes: [UInt8] { Self.signedBytes(election: election, area: area, pass: pass) }

    /// The leaf of the issued-set Merkle tree: the signed bytes followed by the signature.
    public var leafHash: [UInt8] { MerkleHash.leaf(signedBytes + signature.bytes) }

    /// `true` if `issuer` signed this token.
    public func isValid(issuer: PublicKey) -> Bool { issuer.isValidSignature(signature, for: signedBytes) }

    /// The key a pass secret yields: seed = SHA-512(str("buurtstem/stempas-key/v1") || secret)[0..<32].
    public static func passKey(secret: [UInt8]) -> SigningKey {
        SigningKey(derivingFrom: secret, domain: "buurtstem/stempas-key/v1")
    }
}
