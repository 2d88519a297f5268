/// A trustee's public identity in a key ceremony: name, index, the X25519 key its shares are sealed to and the
/// Ed25519 key that signs its dealing (docs/record.md, "Trustee key ceremony").
public struct TrusteeCard: Sendable, Hashable {
    /// The trustee's name, for people (e.g. "raadslid A. de Vries").
    public let name: String
    /// The trustee's index j, 1...n: the argument at which every dealer's polynomial is evaluated for it.
    public let index: Int
    /// The key its shares are sealed to.
    public let boxKey: BoxPublicKey
    /// The key that signs its dealing.
    public let signingKey: PublicKey

    /// The card as given.
    public init(name: String, index: Int, boxKey: BoxPublicKey, signingKey: PublicKey) {
        self.name = name
        self.index = index
        self.boxKey = boxKey
        self.signingKey = signingKey
    }

    /// Appends str(name) ‖ u32(index) ‖ raw(box key) ‖ raw(signing key) to `writer`.
    func write(to writer: inout ByteWriter) {
        writer.append(string: name)
        writer.append(u32: UInt32(index))
        writer.append(raw: boxKey.bytes)
        writer.append(raw: signingKey.bytes)
    }
}
