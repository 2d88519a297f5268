import BuurtstemCrypto

/// The gemeente's signed statement that kiosk `name` with key `kiosk` may log ballots for an election.
public struct KioskRegistration: Sendable, Equatable, Codable {
    /// The election's id.
    public let election: String
    /// The kiosk's name (letters, digits, `-`, `_`).
    public let name: String
    /// The kiosk's public key, which signs its log's checkpoints.
    public let kiosk: PublicKey
    /// The issuing key's signature over ``signedBytes``.
    public let signature: Signature

    /// The domain-separation tag.
    public static let tag = "buurtstem/kiosk/v1"

    private enum CodingKeys: String, CodingKey {
        case election, name, kiosk = "public_key", signature
    }

    /// The signed bytes (docs/record.md, "Kiosks").
    public static func signedBytes(election: String, name: String, kiosk: PublicKey) -> [UInt8] {
        var w = ByteWriter(tag: tag)
        w.append(string: election)
        w.append(string: name)
        w.append(raw: kiosk.bytes)
        return w.bytes
    }

    /// A registration signed with the issuing key.
    public init(election: String, name: String, kiosk: PublicKey, issuingKey: SigningKey) {
        self.init(election: election, name: name, kiosk: kiosk,
                  signature: issuingKey.signature(for: Self.signedBytes(election: election, name: name, kiosk: kiosk)))
    }

    /// A registration read back; check it with ``isValid(issuer:)``.
    public init(election: String, name: String, kiosk: PublicKey, signature: Signature) {
        self.election = election
        self.name = name
        self.kiosk = kiosk
        self.signature = signature
    }

    /// The signed bytes.
    public var signedBytes: [UInt8] { Self.signedBytes(election: election, name: name, kiosk: kiosk) }

    /// `true` if `issuer` signed it.
    public func isValid(issuer: PublicKey) -> Bool { issuer.isValidSignature(signature, for: signedBytes) }

    /// The log id of this kiosk's ballot log.
    public var logId: String { "election/\(election)/kiosk/\(name)" }
}
