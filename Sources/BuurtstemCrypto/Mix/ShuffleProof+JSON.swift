import Foundation

extension ShuffleProof: Codable {
    /// The format name written in a proof's JSON, so a reader can refuse a format it does not know.
    public static let format = "buurtstem-shuffle-proof/1"

    /// The proof's JSON (docs/record.md, "The mix"): every point and scalar as 64 lower-case hex digits of its
    /// canonical encoding, keys sorted, so equal proofs give equal bytes.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding strings and arrays of strings cannot fail.
        return try! encoder.encode(Wire(self))
    }

    /// The proof of `json`, every point parsed with `Point(canonical:)` (the identity refused) and every scalar
    /// with `Scalar(canonical:)` (non-reduced values refused). Lengths are checked by `verify`, against the
    /// statement.
    public init(json: Data) throws(ShuffleProofDecodingError) {
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: json)
        } catch let error as ShuffleProofDecodingError {
            throw error
        } catch {
            throw ShuffleProofDecodingError(field: "", index: nil, problem: .json(String(describing: error)))
        }
        try self.init(wire: wire)
    }

    /// Encodes the JSON form (for embedding a proof in a larger JSON document).
    public func encode(to encoder: any Encoder) throws {
        try Wire(self).encode(to: encoder)
    }

    /// Decodes the JSON form with the same checks as `init(json:)`; a refused field throws
    /// `ShuffleProofDecodingError`.
    public init(from decoder: any Decoder) throws {
        try self.init(wire: Wire(from: decoder))
    }

    private init(wire: Wire) throws(ShuffleProofDecodingError) {
        guard wire.format == Self.format else {
            throw ShuffleProofDecodingError(field: "format", index: nil, problem: .format(wire.format))
        }
        self.init(
            permutationCommitments: try Self.points(wire.permutationCommitments, "permutation_commitments"),
            chainCommitments: try Self.points(wire.chainCommitments, "chain_commitments"),
            t1: try Self.point(wire.t1, "t1", nil),
            t2: try Self.point(wire.t2, "t2", nil),
            t3: try Self.point(wire.t3, "t3", nil),
            t4: zip(
                try Self.points(wire.t4.map(\.alpha), "t4.alpha"), try Self.points(wire.t4.map(\.beta), "t4.beta")
            ).map { ComponentCommitment(alpha: $0, beta: $1) },
            tHat: try Self.points(wire.tHat, "t_hat"),
            s1: try Self.scalar(wire.s1, "s1", nil),
            s2: try Self.scalar(wire.s2, "s2", nil),
            s3: try Self.scalar(wire.s3, "s3", nil),
            s4: try Self.scalars(wire.s4, "s4"),
            sHat: try Self.scalars(wire.sHat, "s_hat"),
            sPrime: try Self.scalars(wire.sPrime, "s_prime")
        )
    }

    private static func bytes(_ hex: String, _ field: String, _ index: Int?) throws(ShuffleProofDecodingError) -> [UInt8] {
        guard hex.utf8.count == 2 * Ristretto255.encodedLength, Hex.isLowercase(hex), let bytes = Hex.decode(hex) else {
            throw ShuffleProofDecodingError(field: field, index: index, problem: .notHex)
        }
        return bytes
    }

    private static func point(_ hex: String, _ field: String, _ index: Int?) throws(ShuffleProofDecodingError) -> Ristretto255.Point {
        guard let point = Ristretto255.Point(canonical: try bytes(hex, field, index)) else {
            throw ShuffleProofDecodingError(field: field, index: index, problem: .notAPoint)
        }
        return point
    }

    private static func scalar(_ hex: String, _ field: String, _ index: Int?) throws(ShuffleProofDecodingError) -> Ristretto255.Scalar {
        guard let scalar = Ristretto255.Scalar(canonical: try bytes(hex, field, index)) else {
            throw ShuffleProofDecodingError(field: field, index: index, problem: .notAReducedScalar)
        }
        return scalar
    }

    private static func points(_ hexes: [String], _ field: String) throws(ShuffleProofDecodingError) -> [Ristretto255.Point] {
        var points = [Ristretto255.Point]()
        for (index, hex) in hexes.enumerated() { points.append(try point(hex, field, index)) }
        return points
    }

    private static func scalars(_ hexes: [String], _ field: String) throws(ShuffleProofDecodingError) -> [Ristretto255.Scalar] {
        var scalars = [Ristretto255.Scalar]()
        for (index, hex) in hexes.enumerated() { scalars.append(try scalar(hex, field, index)) }
        return scalars
    }

    /// The JSON form: the names are those of docs/record.md.
    private struct Wire: Codable {
        struct Pair: Codable {
            var alpha: String
            var beta: String

            enum CodingKeys: String, CodingKey, CaseIterable { case alpha, beta }

            init(alpha: String, beta: String) {
                self.alpha = alpha
                self.beta = beta
            }

            init(from decoder: any Decoder) throws {
                try Wire.refuseUnknownKeys(CodingKeys.self, decoder, field: "t4")
                let c = try decoder.container(keyedBy: CodingKeys.self)
                (alpha, beta) = (try c.decode(String.self, forKey: .alpha), try c.decode(String.self, forKey: .beta))
            }
        }

        /// A key of any name, to list an object's fields.
        struct AnyKey: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        /// Refuses an object with a field `Key` does not name (a strict reader: docs/record.md).
        static func refuseUnknownKeys<Key: CodingKey & CaseIterable>(_ type: Key.Type, _ decoder: any Decoder, field: String) throws {
            let allowed = Set(Key.allCases.map(\.stringValue))
            if let unknown = try decoder.container(keyedBy: AnyKey.self).allKeys.first(where: { !allowed.contains($0.stringValue) }) {
                throw ShuffleProofDecodingError(field: field.isEmpty ? unknown.stringValue : "\(field).\(unknown.stringValue)", index: nil, problem: .unknownField)
            }
        }

        var format: String
        var permutationCommitments: [String]
        var chainCommitments: [String]
        var t1: String
        var t2: String
        var t3: String
        var t4: [Pair]
        var tHat: [String]
        var s1: String
        var s2: String
        var s3: String
        var s4: [String]
        var sHat: [String]
        var sPrime: [String]

        enum CodingKeys: String, CodingKey, CaseIterable {
            case format, t1, t2, t3, t4, s1, s2, s3, s4
            case permutationCommitments = "permutation_commitments"
            case chainCommitments = "chain_commitments"
            case tHat = "t_hat"
            case sHat = "s_hat"
            case sPrime = "s_prime"
        }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(CodingKeys.self, decoder, field: "")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            format = try c.decode(String.self, forKey: .format)
            permutationCommitments = try c.decode([String].self, forKey: .permutationCommitments)
            chainCommitments = try c.decode([String].self, forKey: .chainCommitments)
            t1 = try c.decode(String.self, forKey: .t1)
            t2 = try c.decode(String.self, forKey: .t2)
            t3 = try c.decode(String.self, forKey: .t3)
            t4 = try c.decode([Pair].self, forKey: .t4)
            tHat = try c.decode([String].self, forKey: .tHat)
            s1 = try c.decode(String.self, forKey: .s1)
            s2 = try c.decode(String.self, forKey: .s2)
            s3 = try c.decode(String.self, forKey: .s3)
            s4 = try c.decode([String].self, forKey: .s4)
            sHat = try c.decode([String].self, forKey: .sHat)
            sPrime = try c.decode([String].self, forKey: .sPrime)
        }

        init(_ proof: ShuffleProof) {
            format = ShuffleProof.format
            permutationCommitments = proof.permutationCommitments.map(\.description)
            chainCommitments = proof.chainCommitments.map(\.description)
            t1 = proof.t1.description
            t2 = proof.t2.description
            t3 = proof.t3.description
            t4 = proof.t4.map { Pair(alpha: $0.alpha.description, beta: $0.beta.description) }
            tHat = proof.tHat.map(\.description)
            s1 = proof.s1.description
            s2 = proof.s2.description
            s3 = proof.s3.description
            s4 = proof.s4.map(\.description)
            sHat = proof.sHat.map(\.description)
            sPrime = proof.sPrime.map(\.description)
        }
    }
}
