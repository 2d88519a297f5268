/// How an election keeps its ballots, as its signed definition says: **secret** (a v4 definition with
/// `secret_ballot`: encrypted at casting, mixed, decrypted by t of n trustees; the record shows only ciphertexts
/// next to a pass) or **public per stempas** (no trustees: the record lists each pass's choices).
public struct BallotSecrecy: Sendable, Codable, Equatable {
    /// Secret or public.
    public enum Kind: String, Sendable, Codable {
        /// Encrypted, mixed and decrypted by trustees.
        case secret
        /// Public per stempas.
        case `public`
    }

    /// Secret or public.
    public let kind: Kind
    /// t: the trustees needed to decrypt (secret elections).
    public let threshold: Int?
    /// n: the trustees of the key ceremony (secret elections).
    public let trustees: Int?
    /// The mix stages run (secret elections).
    public let mixStages: Int?

    /// A public election.
    public static let `public` = BallotSecrecy(kind: .public, threshold: nil, trustees: nil, mixStages: nil)

    /// A secret election of `threshold` of `trustees` trustees whose ballots went through `mixStages` stages.
    public static func secret(threshold: Int, trustees: Int, mixStages: Int) -> BallotSecrecy {
        BallotSecrecy(kind: .secret, threshold: threshold, trustees: trustees, mixStages: mixStages)
    }

    /// Whether the ballot was secret.
    public var isSecret: Bool { kind == .secret }
}
