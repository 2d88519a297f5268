import BuurtstemCrypto
import Foundation

/// A line of a secret election's `ballots/KIOSK.jsonl` (docs/record.md, "Secret elections: the record"): a v3
/// ballot. It holds no choices and no time: only the ciphertexts, their proof and the pass's signature.
public struct EncryptedBallotLine: Sendable, Equatable, Codable {
    /// Position in the log.
    public let sequence: UInt64
    /// The contest area.
    public let area: String
    /// The pass public key, hex.
    public let pass: String
    /// The w ciphertexts, 128 hex digits each.
    public let ciphertexts: [String]
    /// The proof's challenge c.
    public let challenge: String
    /// The proof's responses z_1 … z_w.
    public let responses: [String]
    /// The pass key's signature, hex.
    public let signature: String

    /// The line of `ballot`.
    public init(_ ballot: EncryptedBallot) {
        sequence = ballot.sequence
        area = ballot.area
        pass = ballot.pass.hex
        ciphertexts = ballot.encryption.ciphertexts.map { Hex.encode($0.bytes) }
        challenge = Hex.encode(ballot.encryption.proof.challenge.bytes)
        responses = ballot.encryption.proof.responses.map { Hex.encode($0.bytes) }
        signature = Hex.encode(ballot.signature.bytes)
    }
}

/// A line of `decoded.jsonl`: one row of the last mix stage's output after decryption, by area and position;
/// `choices` when the plaintext is a valid ballot, else `problem` (the ballot is counted as invalid).
public struct DecodedBallotLine: Sendable, Equatable, Codable {
    /// The contest area.
    public let area: String
    /// The row's position in the last stage's output of that area, from 0.
    public let position: Int
    /// The choices, when valid.
    public let choices: [Choice]?
    /// Why the plaintext is not a valid ballot, when it is not.
    public let problem: String?

    /// A line as given.
    public init(area: String, position: Int, choices: [Choice]?, problem: String?) {
        self.area = area
        self.position = position
        self.choices = choices
        self.problem = problem
    }
}
