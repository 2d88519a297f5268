import BuurtstemCrypto

/// `replacements.json`: every replaced stempas of an election, and the signed counts per area that the
/// results show next to turnout (docs/record.md, "Replaced passes").
public struct PassReplacements: Sendable, Equatable, Codable {
    /// One area's replacements.
    public struct AreaCount: Sendable, Equatable, Codable {
        /// The contest area.
        public let area: String
        /// New passes issued at the desk.
        public let replaced: UInt64
        /// Of those, how many revoked an unused old pass; `replaced - revoked` were issued without revocation.
        public let revoked: UInt64

        /// A count.
        public init(area: String, replaced: UInt64, revoked: UInt64) {
            self.area = area
            self.replaced = replaced
            self.revoked = revoked
        }

        /// Replacements whose old pass stays valid: the most the area's counted ballots can exceed its households.
        public var withoutRevocation: UInt64 { replaced - min(revoked, replaced) }
    }

    /// The election's id.
    public let election: String
    /// SHA-256 of the election definition's canonical bytes.
    public let definitionHash: HexBytes
    /// The entries, in chain order.
    public let entries: [PassReplacement]
    /// Per area with a replacement, by area code.
    public let areas: [AreaCount]
    /// The last entry's ``PassReplacement/hash``.
    public let head: HexBytes
    /// The issuing key's signature over ``signedBytes``.
    public let signature: Signature

    /// The domain-separation tag.
    public static let tag = "buurtstem/stempas-replacements/v1"

    private enum CodingKeys: String, CodingKey {
        case election, definitionHash = "definition_hash", entries, areas, head, signature
    }

    /// The counts per area that `entries` imply, by area code.
    public static func counts(_ entries: [PassReplacement]) -> [AreaCount] {
        var replaced: [String: UInt64] = [:], revoked: [String: UInt64] = [:]
        for entry in entries {
            replaced[entry.area, default: 0] += 1
            if entry.revoked != nil { revoked[entry.area, default: 0] += 1 }
        }
        return replaced.keys.sorted().map { AreaCount(area: $0, replaced: replaced[$0]!, revoked: revoked[$0] ?? 0) }
    }

    /// The signed bytes: the election, the definition hash, the number of entries, the chain's head and the counts.
    public static func signedBytes(election: String, definitionHash: [UInt8], entryCount: UInt64, head: [UInt8], areas: [AreaCount]) -> [UInt8] {
        var w = ByteWriter(tag: tag)
        w.append(string: election)
        w.append(raw: definitionHash)
        w.append(u64: entryCount)
        w.append(raw: head)
        w.append(u32: UInt32(areas.count))
        for area in areas {
            w.append(string: area.area)
            w.append(u64: area.replaced)
            w.append(u64: area.revoked)
        }
        return w.bytes
    }

    /// The file for `entries` (in chain order), with counts and head computed from them, signed with the issuing key.
    public init(election: String, definitionHash: [UInt8], entries: [PassReplacement], issuingKey: SigningKey) {
        let areas = Self.counts(entries)
        let head = entries.last?.hash ?? PassReplacement.chainStart
        self.init(election: election, definitionHash: definitionHash, entries: entries, areas: areas, head: head,
                  signature: issuingKey.signature(for: Self.signedBytes(election: election, definitionHash: definitionHash,
                                                                        entryCount: UInt64(entries.count), head: head, areas: areas)))
    }

    /// A file read back; check it with ``isValid(issuer:)``.
    public init(election: String, definitionHash: [UInt8], entries: [PassReplacement], areas: [AreaCount], head: [UInt8], signature: Signature) {
        self.election = election
        self.definitionHash = HexBytes(definitionHash)
        self.entries = entries
        self.areas = areas
        self.head = HexBytes(head)
        self.signature = signature
    }

    /// The signed bytes.
    public var signedBytes: [UInt8] {
        Self.signedBytes(election: election, definitionHash: definitionHash.bytes, entryCount: UInt64(entries.count), head: head.bytes, areas: areas)
    }

    /// `true` if `issuer` signed it.
    public func isValid(issuer: PublicKey) -> Bool { issuer.isValidSignature(signature, for: signedBytes) }
}
