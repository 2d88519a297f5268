/// How an election keeps its ballots, as its signed definition says: **secret** (a v4 definition with
/// `secret_ballot`: encrypted at casting, mixed, decrypted by t of n trustees; the record shows only ciphertexts
/// next to a pass) or **public per stempas** (no trustees: the record lists each pass's choices).
package struct BallotSecrecy: Sendable, Codable, Equatable {
    /// Secret or public.
    package enum Kind: String, Sendable, Codable {
        /// Encrypted, mixed and decrypted by trustees.
        case secret
        /// Public per stempas.
        case `public`
    }

    /// Secret or public.
    package let kind: Kind
    /// t: the trustees needed to decrypt (secret elections).
    package let threshold: Int?
    /// n: the trustees of the key ceremony (secret elections).
    package let trustees: Int?
    /// The mix stages run (secret elections).
    package let mixStages: Int?

    /// A public election.
    package static let `public` = BallotSecrecy(kind: .public, threshold: nil, trustees: nil, mixStages: nil)

    /// A secret election of `threshold` of `trustees` trustees whose ballots went through `mixStages` stages.
    package static func secret(threshold: Int, trustees: Int, mixStages: Int) -> BallotSecrecy {
        BallotSecrecy(kind: .secret, threshold: threshold, trustees: trustees, mixStages: mixStages)
    }

    /// Whether the ballot was secret.
    package var isSecret: Bool { kind == .secret }
}
