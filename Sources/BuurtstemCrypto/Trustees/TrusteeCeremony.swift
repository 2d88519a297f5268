/// The public parameters of a t-of-n key ceremony: the threshold, the trustees' cards and the caller's context
/// (e.g. the election's id); every dealing and share names the ceremony by its hash (docs/record.md, "Trustee key
/// ceremony").
public struct TrusteeCeremony: Sendable, Hashable {
    /// t: the number of trustees needed to decrypt.
    public let threshold: Int
    /// The n trustees, the card of trustee j at position j - 1.
    public let cards: [TrusteeCard]
    /// The caller's bytes naming what the key is for.
    public let context: [UInt8]

    /// The ceremony's canonical bytes: str("buurtstem/trustees/ceremony/v1") ‖ u32(t) ‖ u32(n) ‖ each card's
    /// str(name) ‖ u32(index) ‖ raw(box key) ‖ raw(signing key) ‖ bytes(context).
    public let bytes: [UInt8]
    /// SHA-256 of `bytes`.
    public let hash: [UInt8]

    /// The ceremony of `cards` (indices exactly 1...n in order) with threshold `threshold` (1 ≤ t ≤ n).
    public init(threshold: Int, cards: [TrusteeCard], context: [UInt8]) throws(TrusteeCeremonyError) {
        guard threshold >= 1, threshold <= cards.count else {
            throw .invalidThreshold(threshold: threshold, trustees: cards.count)
        }
        for (position, card) in cards.enumerated() where card.index != position + 1 {
            throw .invalidIndex(name: card.name, index: card.index, expected: position + 1)
        }
        var writer = ByteWriter(tag: "buurtstem/trustees/ceremony/v1")
        writer.append(u32: UInt32(threshold))
        writer.append(u32: UInt32(cards.count))
        for card in cards { card.write(to: &writer) }
        writer.append(bytes: context)
        self.threshold = threshold
        self.cards = cards
        self.context = context
        self.bytes = writer.bytes
        self.hash = SHA.sha256(writer.bytes)
    }

    /// n: the number of trustees.
    public var trusteeCount: Int { cards.count }

    /// The card of trustee `index`, or nil outside 1...n.
    public func card(_ index: Int) -> TrusteeCard? {
        (1...cards.count).contains(index) ? cards[index - 1] : nil
    }
}
