import BuurtstemCrypto

/// `card.json`: a trustee's public card (docs/record.md, "The ceremony's files"): name, box key and signing key,
/// signed by the signing key so that the card proves its holder has the key and no one can put another name on it.
/// The card has no index: the ceremony numbers the trustees in the order their cards are given.
public struct TrusteeCardFile: Sendable, Equatable, Codable {
    /// `buurtstem-trustee-card/1`.
    public static let formatName = "buurtstem-trustee-card/1"
    /// The signed message's domain-separation tag.
    public static let tag = "buurtstem/trustees/card/v1"
    /// The longest name, in characters.
    public static let maximumNameLength = 200

    /// The trustee's name, for people.
    public let name: String
    /// The X25519 key its shares are sealed to.
    public let boxKey: BoxPublicKey
    /// The Ed25519 key that signs its dealing.
    public let signingKey: PublicKey
    /// The signing key's signature over ``signedBytes``.
    public let signature: Signature

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, name, boxKey = "box_public_key", signingKey = "signing_public_key", signature
    }

    /// The card of `keys`, named `name`, signed.
    public init(name: String, keys: TrusteeKeys) {
        self.name = name
        self.boxKey = keys.boxKey.publicKey
        self.signingKey = keys.signingKey.publicKey
        self.signature = keys.signingKey.signature(
            for: Self.signedBytes(name: name, boxKey: keys.boxKey.publicKey, signingKey: keys.signingKey.publicKey))
    }

    /// The card as given; ``problem`` says whether it holds.
    public init(name: String, boxKey: BoxPublicKey, signingKey: PublicKey, signature: Signature) {
        self.name = name
        self.boxKey = boxKey
        self.signingKey = signingKey
        self.signature = signature
    }

    /// str(tag) ‖ str(name) ‖ raw(box key) ‖ raw(signing key).
    public static func signedBytes(name: String, boxKey: BoxPublicKey, signingKey: PublicKey) -> [UInt8] {
        var writer = ByteWriter(tag: tag)
        writer.append(string: name)
        writer.append(raw: boxKey.bytes)
        writer.append(raw: signingKey.bytes)
        return writer.bytes
    }

    /// Nil when the name is acceptable; otherwise why not.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "the name is empty: give the trustee's name, e.g. 'A. de Vries (notaris)'" }
        if name.count > maximumNameLength { return "the name has more than \(maximumNameLength) characters: shorten it" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "the name contains a control character (a tab or line break): write it on one line"
        }
        return nil
    }

    /// The card's field that is wrong and why, or nil when the card holds: a usable name, keys that are not the
    /// identity, and a signature by its signing key (libsodium refuses small-order signing keys).
    public var problem: (field: String, message: String)? {
        if let problem = Self.nameProblem(name) { return ("name", problem) }
        if boxKey.bytes.allSatisfy({ $0 == 0 }) {
            return ("box_public_key", "the box key is all zeros (the identity), to which no share can be sealed safely: the trustee makes a new card (a new trustee key pair)")
        }
        if signingKey.bytes == [1] + [UInt8](repeating: 0, count: 31) || signingKey.bytes.allSatisfy({ $0 == 0 }) {
            return ("signing_public_key", "the signing key is the identity, which anyone can sign for: the trustee makes a new card (a new trustee key pair)")
        }
        guard signingKey.isValidSignature(signature, for: Self.signedBytes(name: name, boxKey: boxKey, signingKey: signingKey)) else {
            return ("signature", "the card's signature does not verify under its signing key: the card was changed or its key is not usable; ask the trustee for the card again")
        }
        return nil
    }

    /// The card with `index` for the ceremony.
    public func card(index: Int) -> TrusteeCard {
        TrusteeCard(name: name, index: index, boxKey: boxKey, signingKey: signingKey)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(CodingKeys.self, format: Self.formatName, what: "a trustee card")
        name = try c.decode(String.self, forKey: .name)
        boxKey = try BoxPublicKey(bytes: try c.decodeHex(.boxKey, count: BoxPublicKey.byteCount))
        signingKey = try PublicKey(bytes: try c.decodeHex(.signingKey, count: PublicKey.byteCount))
        signature = try Signature(bytes: try c.decodeHex(.signature, count: Signature.byteCount))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.formatName, forKey: .format)
        try c.encode(name, forKey: .name)
        try c.encodeHex(boxKey.bytes, forKey: .boxKey)
        try c.encodeHex(signingKey.bytes, forKey: .signingKey)
        try c.encodeHex(signature.bytes, forKey: .signature)
    }
}
