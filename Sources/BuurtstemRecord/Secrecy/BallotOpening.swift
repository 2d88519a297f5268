import BuurtstemCrypto
import Foundation

/// An opened ballot (the Benaloh challenge; docs/record.md, "Checking a ballot: the Benaloh challenge"): the choices
/// and the randomness of an encryption the kiosk committed to with its ballot code. Anyone with the election key
/// and the ballot width recomputes the ciphertexts and the code; when the code is the one the kiosk showed before
/// the resident asked to check, the kiosk encrypted exactly these choices. An opened ballot is spoiled: it is never
/// cast, and the resident votes again with a fresh encryption.
///
/// It names no pass and no kiosk: the choices it shows must not be linkable to a household.
public struct BallotOpening: Sendable, Equatable, Codable {
    /// The format name of the text.
    public static let formatName = "buurtstem-opened-ballot/1"

    /// `buurtstem-opened-ballot/1`.
    public let format: String
    /// The election's id.
    public let election: String
    /// SHA-256 of the definition's canonical bytes.
    public let definitionHash: [UInt8]
    /// The contest area.
    public let area: String
    /// The choices in canonical order: what the ciphertexts encrypt as their canonical choice bytes.
    public let choices: [Choice]
    /// The randomness r_i of each ciphertext, one per point of the ballot's width.
    public let randomness: [Ristretto255.Scalar]
    /// The ballot code the kiosk showed before the challenge.
    public let code: String

    private enum CodingKeys: String, CodingKey {
        case format, election, definitionHash = "definition_hash", area, choices, randomness, code
    }

    /// An opening as given.
    public init(election: String, definitionHash: [UInt8], area: String, choices: [Choice], randomness: [Ristretto255.Scalar], code: String) {
        format = Self.formatName
        self.election = election
        self.definitionHash = definitionHash
        self.area = area
        self.choices = choices
        self.randomness = randomness
        self.code = code
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        election = try c.decode(String.self, forKey: .election)
        let hashHex = try c.decode(String.self, forKey: .definitionHash)
        guard Hex.isLowercase(hashHex), let hash = Hex.decode(hashHex), hash.count == 32 else {
            throw DecodingError.dataCorruptedError(forKey: .definitionHash, in: c, debugDescription: "not 64 lower-case hex digits")
        }
        definitionHash = hash
        area = try c.decode(String.self, forKey: .area)
        choices = try c.decode([Choice].self, forKey: .choices)
        var scalars: [Ristretto255.Scalar] = []
        for text in try c.decode([String].self, forKey: .randomness) {
            guard let scalar = SecretHex.scalar(text) else {
                throw DecodingError.dataCorruptedError(forKey: .randomness, in: c,
                                                       debugDescription: "'\(text.prefix(70))' is not a scalar below ℓ in 64 lower-case hex digits")
            }
            scalars.append(scalar)
        }
        randomness = scalars
        code = try c.decode(String.self, forKey: .code)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(election, forKey: .election)
        try c.encode(Hex.encode(definitionHash), forKey: .definitionHash)
        try c.encode(area, forKey: .area)
        try c.encode(choices, forKey: .choices)
        try c.encode(randomness.map { Hex.encode($0.bytes) }, forKey: .randomness)
        try c.encode(code, forKey: .code)
    }

    /// The opening as one line of JSON with sorted keys: what the kiosk shows, prints and puts in its QR code.
    public var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, integers and arrays of them: encoding cannot fail.
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// The ciphertexts these choices and this randomness give under election key `publicKey` at ballot `width`:
    /// the canonical choice bytes encoded as `width` points (PlaintextEncoding), point i encrypted with r_i.
    public func ciphertexts(publicKey: Ristretto255.Point, width: Int) throws(BallotOpeningError) -> [ElGamalCiphertext] {
        guard randomness.count == width else { throw .randomnessCount(randomness.count, width: width) }
        if let zero = randomness.firstIndex(where: \.isZero) { throw .zeroRandomness(index: zero) }
        let points: [Ristretto255.Point]
        do { points = try PlaintextEncoding.encode(ChoiceBytes.encode(choices), width: width) } catch {
            throw .encoding(error)
        }
        return zip(points, randomness).map { ElGamalCiphertext.encrypt($0, publicKey: publicKey, randomness: $1) }
    }

    /// The ballot code of the recomputed ciphertexts.
    public func recomputedCode(publicKey: Ristretto255.Point, width: Int) throws(BallotOpeningError) -> String {
        BallotCode.code(election: election, definitionHash: definitionHash, area: area,
                        ciphertexts: try ciphertexts(publicKey: publicKey, width: width))
    }
}

/// Why an opened ballot's ciphertexts cannot be recomputed.
public enum BallotOpeningError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not one randomness per point of the width.
    case randomnessCount(Int, width: Int)
    /// A randomness of zero, which no kiosk draws (its α would be the identity, the plaintext in the clear).
    case zeroRandomness(index: Int)
    /// The choices do not fit the width.
    case encoding(PlaintextEncodingError)

    public var description: String {
        switch self {
        case let .randomnessCount(count, width):
            "field 'randomness' has \(count) value(s) where the election's ballots have \(width) point(s): one randomness per point"
        case let .zeroRandomness(index):
            "field 'randomness' value \(index + 1) is zero, which no kiosk draws: this is not an honest opening"
        case let .encoding(error):
            "field 'choices' cannot be encoded at this election's width: \(error)"
        }
    }
}
