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

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case sequence, area, pass, ciphertexts, challenge, responses, signature
    }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, what: "a v3 ballot line")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sequence = try c.decode(UInt64.self, forKey: .sequence)
        area = try c.decode(String.self, forKey: .area)
        pass = try c.decode(String.self, forKey: .pass)
        ciphertexts = try c.decode([String].self, forKey: .ciphertexts)
        challenge = try c.decode(String.self, forKey: .challenge)
        responses = try c.decode([String].self, forKey: .responses)
        signature = try c.decode(String.self, forKey: .signature)
    }

    /// The ballot this line holds in kiosk `kiosk`'s log of `election` (definition hash `definitionHash`), or why
    /// it holds none: every hex field lower case, the pass and signature of their lengths, every ciphertext and
    /// scalar canonical (docs/record.md, "Group and encodings").
    public func ballot(election: String, definitionHash: [UInt8], kiosk: String) -> Result<EncryptedBallot, EncryptedBallotLineError> {
        guard Hex.isLowercase(pass), let passKey = try? PublicKey(hex: pass) else { return .failure(.init(field: "pass", "not a public key in 64 lower-case hex digits")) }
        guard Hex.isLowercase(signature), let signed = try? Signature(hex: signature) else {
            return .failure(.init(field: "signature", "not a signature in 128 lower-case hex digits"))
        }
        var parsed: [ElGamalCiphertext] = []
        for (position, text) in ciphertexts.enumerated() {
            guard let ciphertext = SecretHex.ciphertext(text) else {
                return .failure(.init(field: "ciphertexts[\(position)]", "not a ciphertext (128 lower-case hex digits, α a canonical point other than the identity, β canonical)"))
            }
            parsed.append(ciphertext)
        }
        guard let c = SecretHex.scalar(challenge) else { return .failure(.init(field: "challenge", "not a canonical scalar (64 lower-case hex digits, less than ℓ)")) }
        var z: [Ristretto255.Scalar] = []
        for (position, text) in responses.enumerated() {
            guard let scalar = SecretHex.scalar(text) else {
                return .failure(.init(field: "responses[\(position)]", "not a canonical scalar (64 lower-case hex digits, less than ℓ)"))
            }
            z.append(scalar)
        }
        return .success(EncryptedBallot(election: election, definitionHash: definitionHash, area: area, pass: passKey,
                                        encryption: ProvenEncryption(ciphertexts: parsed, proof: SchnorrProof(challenge: c, responses: z)),
                                        kiosk: kiosk, sequence: sequence, signature: signed))
    }

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

    private enum CodingKeys: String, CodingKey, CaseIterable { case area, position, choices, problem }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, what: "a decoded ballot line")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        area = try c.decode(String.self, forKey: .area)
        position = try c.decode(Int.self, forKey: .position)
        choices = try c.decodeIfPresent([Choice].self, forKey: .choices)
        problem = try c.decodeIfPresent(String.self, forKey: .problem)
        guard (choices == nil) != (problem == nil) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                   debugDescription: "a decoded line has either 'choices' (a valid ballot) or 'problem' (an invalid one), not \(choices == nil ? "neither" : "both")"))
        }
    }

    /// A line as given.
    public init(area: String, position: Int, choices: [Choice]?, problem: String?) {
        self.area = area
        self.position = position
        self.choices = choices
        self.problem = problem
    }
}

/// Why a v3 ballot line's field holds no value of its kind.
public struct EncryptedBallotLineError: Error, Sendable, CustomStringConvertible {
    /// The field, e.g. `ciphertexts[1]`.
    public let field: String
    /// What is wrong with it.
    public let problem: String

    /// The error for `field`.
    public init(field: String, _ problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String { "\(field): \(problem)" }
}
