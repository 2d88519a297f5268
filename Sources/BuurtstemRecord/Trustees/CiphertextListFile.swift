import BuurtstemCrypto

/// `ciphertexts.json`: a list of ElGamal ciphertexts to decrypt, with the context that names them (docs/record.md,
/// "The ceremony's files"). A minimal form until the election record carries the mix's output.
public struct CiphertextListFile: Sendable, Equatable, Codable {
    /// `buurtstem-ciphertexts/1`.
    public static let formatName = "buurtstem-ciphertexts/1"

    /// The election.
    public let election: String
    /// What is decrypted (e.g. the last mix's output); its UTF-8 bytes are the decryption proofs' context.
    public let context: String
    /// The ciphertexts, each α ‖ β.
    public let ciphertexts: [ElGamalCiphertext]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, election, context, ciphertexts
    }

    /// A list as given.
    public init(election: String, context: String, ciphertexts: [ElGamalCiphertext]) {
        self.election = election
        self.context = context
        self.ciphertexts = ciphertexts
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(CodingKeys.self, format: Self.formatName, what: "a ciphertext list")
        election = try c.decode(String.self, forKey: .election)
        context = try c.decode(String.self, forKey: .context)
        ciphertexts = try c.decodeParsedList(.ciphertexts, count: 2 * Ristretto255.encodedLength,
                                             problem: "not a ciphertext: α must be a canonical point other than the identity and β a canonical point",
                                             ElGamalCiphertext.init(bytes:))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.formatName, forKey: .format)
        try c.encode(election, forKey: .election)
        try c.encode(context, forKey: .context)
        try c.encodeHexList(ciphertexts.map(\.bytes), forKey: .ciphertexts)
    }
}
