import BuurtstemCrypto

/// A secret election's ballot (v3; docs/record.md, "Secret elections: the record"): the choices encrypted under the
/// election key with a proof of knowledge of the randomness bound to the pass and the definition, signed by the
/// pass key. It carries no time: a ballot is dated only by the checkpoint it falls in.
public struct EncryptedBallot: Sendable, Equatable {
    /// The election's id.
    public let election: String
    /// The definition hash the pass signed.
    public let definitionHash: [UInt8]
    /// The contest area the pass is for.
    public let area: String
    /// The pass's public key.
    public let pass: PublicKey
    /// The w ciphertexts and the proof of their randomness.
    public let encryption: ProvenEncryption
    /// The kiosk's name.
    public let kiosk: String
    /// Position in the kiosk's log, from 0.
    public let sequence: UInt64
    /// The pass key's signature over ``signedBytes``.
    public let signature: Signature

    /// The domain-separation tag of v3 ballot signatures.
    public static let tag = "buurtstem/ballot/v3"

    /// The context the encryption's proof is bound to: raw(definition hash) || raw(pass public key), so a
    /// ciphertext copied from one ballot cannot be cast with another pass or under another definition.
    public static func encryptionContext(definitionHash: [UInt8], pass: PublicKey) -> [UInt8] {
        definitionHash + pass.bytes
    }

    /// The bytes the pass signs.
    public static func signedBytes(election: String, definitionHash: [UInt8], area: String, pass: PublicKey,
                                   encryption: ProvenEncryption, kiosk: String, sequence: UInt64) -> [UInt8] {
        var w = ByteWriter(tag: tag)
        w.append(string: election)
        w.append(raw: definitionHash)
        w.append(string: area)
        w.append(raw: pass.bytes)
        w.append(u32: UInt32(encryption.ciphertexts.count))
        for ciphertext in encryption.ciphertexts { w.append(raw: ciphertext.bytes) }
        w.append(raw: encryption.proof.challenge.bytes)
        w.append(u32: UInt32(encryption.proof.responses.count))
        for response in encryption.proof.responses { w.append(raw: response.bytes) }
        w.append(string: kiosk)
        w.append(u64: sequence)
        return w.bytes
    }

    /// A ballot signed with the pass's key.
    public init(election: String, definitionHash: [UInt8], area: String, passKey: SigningKey, encryption: ProvenEncryption,
                kiosk: String, sequence: UInt64) {
        self.init(election: election, definitionHash: definitionHash, area: area, pass: passKey.publicKey, encryption: encryption,
                  kiosk: kiosk, sequence: sequence,
                  signature: passKey.signature(for: Self.signedBytes(election: election, definitionHash: definitionHash, area: area,
                                                                     pass: passKey.publicKey, encryption: encryption,
                                                                     kiosk: kiosk, sequence: sequence)))
    }

    /// A ballot as read back; check it with ``isValidSignature`` and ``isValidProof(publicKey:)``.
    public init(election: String, definitionHash: [UInt8], area: String, pass: PublicKey, encryption: ProvenEncryption,
                kiosk: String, sequence: UInt64, signature: Signature) {
        self.election = election
        self.definitionHash = definitionHash
        self.area = area
        self.pass = pass
        self.encryption = encryption
        self.kiosk = kiosk
        self.sequence = sequence
        self.signature = signature
    }

    /// The bytes the pass signed.
    public var signedBytes: [UInt8] {
        Self.signedBytes(election: election, definitionHash: definitionHash, area: area, pass: pass, encryption: encryption,
                         kiosk: kiosk, sequence: sequence)
    }

    /// The log entry: the signed bytes followed by the signature.
    public var entryBytes: [UInt8] { signedBytes + signature.bytes }

    /// The RFC 9162 leaf hash of the entry; the tracking code is its first 10 bytes.
    public var leafHash: [UInt8] { MerkleHash.leaf(entryBytes) }

    /// `true` if the pass key signed exactly these fields.
    public var isValidSignature: Bool { pass.isValidSignature(signature, for: signedBytes) }

    /// `true` if the proof of the randomness holds under the election key `publicKey` and this ballot's context.
    public func isValidProof(publicKey: Ristretto255.Point) -> Bool {
        encryption.verify(publicKey: publicKey, context: Self.encryptionContext(definitionHash: definitionHash, pass: pass))
    }
}
