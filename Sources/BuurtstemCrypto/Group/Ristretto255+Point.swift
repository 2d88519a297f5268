internal import CSodium

extension Ristretto255 {
    /// An element of ristretto255, held as its canonical 32-byte encoding (RFC 9496, section 4.3.2).
    public struct Point: Sendable, Hashable, CustomStringConvertible {
        /// The canonical encoding: 32 bytes.
        public let bytes: [UInt8]

        private init(unchecked bytes: [UInt8]) {
            self.bytes = bytes
        }

        /// The point with canonical encoding `bytes`, or nil when `bytes` is not a canonical encoding of a point.
        ///
        /// The identity is refused unless `allowIdentity` is true: no public key, commitment or ciphertext
        /// component of ours may be the identity, and libsodium would accept it.
        public init?(canonical bytes: [UInt8], allowIdentity: Bool = false) {
            guard bytes.count == Ristretto255.encodedLength else { return nil }
            Sodium.ensureInitialised()
            guard crypto_core_ristretto255_is_valid_point(bytes) == 1 else { return nil }
            let point = Point(unchecked: bytes)
            guard allowIdentity || !point.isIdentity else { return nil }
            self = point
        }

        /// The identity (neutral element), encoded as 32 zero bytes.
        public static let identity = Point(unchecked: [UInt8](repeating: 0, count: Ristretto255.encodedLength))

        /// The standard generator B of RFC 9496.
        public static let generator = base(.one)

        /// Whether this is the identity.
        public var isIdentity: Bool { bytes.allSatisfy { $0 == 0 } }

        /// The point of a 64-byte uniform string (RFC 9496's one-way map, `crypto_core_ristretto255_from_hash`):
        /// a point whose discrete logarithm nobody knows.
        public static func fromHash(_ wide: [UInt8]) -> Point {
            precondition(wide.count == Ristretto255.wideLength, "the hash-to-group input has 64 bytes")
            Sodium.ensureInitialised()
            var out = [UInt8](repeating: 0, count: Ristretto255.encodedLength)
            _ = crypto_core_ristretto255_from_hash(&out, wide)
            return Point(unchecked: out)
        }

        /// The point of SHA-512 of `bytes` through the one-way map: independent generators, by name.
        public static func hashing(_ bytes: [UInt8]) -> Point {
            fromHash(SHA.sha512(bytes))
        }

        /// `scalar` times the generator.
        public static func base(_ scalar: Scalar) -> Point {
            Sodium.ensureInitialised()
            var out = [UInt8](repeating: 0, count: Ristretto255.encodedLength)
            // libsodium fails exactly when the result is the identity, that is when the scalar is zero.
            guard crypto_scalarmult_ristretto255_base(&out, scalar.bytes) == 0 else { return .identity }
            return Point(unchecked: out)
        }

        /// The group operation (written additively, as RFC 9496 does).
        public static func + (lhs: Point, rhs: Point) -> Point {
            Sodium.ensureInitialised()
            var out = [UInt8](repeating: 0, count: Ristretto255.encodedLength)
            let status = crypto_core_ristretto255_add(&out, lhs.bytes, rhs.bytes)
            precondition(status == 0, "ristretto255 addition of two valid points cannot fail")
            return Point(unchecked: out)
        }

        /// `lhs` plus the inverse of `rhs`.
        public static func - (lhs: Point, rhs: Point) -> Point {
            Sodium.ensureInitialised()
            var out = [UInt8](repeating: 0, count: Ristretto255.encodedLength)
            let status = crypto_core_ristretto255_sub(&out, lhs.bytes, rhs.bytes)
            precondition(status == 0, "ristretto255 subtraction of two valid points cannot fail")
            return Point(unchecked: out)
        }

        /// The inverse of `point`.
        public static prefix func - (point: Point) -> Point {
            identity - point
        }

        /// `scalar` times `point`.
        public static func * (scalar: Scalar, point: Point) -> Point {
            Sodium.ensureInitialised()
            var out = [UInt8](repeating: 0, count: Ristretto255.encodedLength)
            // libsodium fails exactly when the result is the identity (a zero scalar or the identity point);
            // our scalars are reduced, so its use of the raw bytes is the true multiple.
            guard crypto_scalarmult_ristretto255(&out, scalar.bytes, point.bytes) == 0 else { return .identity }
            return Point(unchecked: out)
        }

        /// The 64 lowercase hex digits of the canonical encoding.
        public var description: String { Hex.encode(bytes) }
    }
}
