internal import CSodium

extension Ristretto255 {
    /// An integer modulo ℓ = 2^252 + 27742317777372353535851937790883648493, the order of ristretto255.
    ///
    /// Always reduced: its 32 little-endian bytes are the canonical encoding, so two equal scalars have equal bytes.
    public struct Scalar: Sendable, Hashable, CustomStringConvertible {
        /// The canonical encoding: 32 bytes, little-endian, less than ℓ.
        public let bytes: [UInt8]

        private init(unchecked bytes: [UInt8]) {
            self.bytes = bytes
        }

        /// The scalar with canonical encoding `bytes`, or nil when `bytes` is not 32 bytes or encodes ℓ or more
        /// (a non-reduced scalar would be another number in disguise: two encodings of one value).
        public init?(canonical bytes: [UInt8]) {
            guard bytes.count == Ristretto255.encodedLength, Scalar.isReduced(bytes) else { return nil }
            self.bytes = bytes
        }

        /// The scalar `value` (less than ℓ for every 64-bit value).
        public init(_ value: UInt64) {
            var bytes = [UInt8](repeating: 0, count: Ristretto255.encodedLength)
            for index in 0..<8 { bytes[index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
            self.bytes = bytes
        }

        /// 64 bytes read as a little-endian integer and reduced modulo ℓ (`crypto_core_ristretto255_scalar_reduce`):
        /// the way a hash becomes a scalar with negligible bias.
        public static func reducing(wide: [UInt8]) -> Scalar {
            precondition(wide.count == Ristretto255.wideLength, "a wide scalar has 64 bytes")
            Sodium.ensureInitialised()
            var out = [UInt8](repeating: 0, count: Ristretto255.encodedLength)
            crypto_core_ristretto255_scalar_reduce(&out, wide)
            return Scalar(unchecked: out)
        }

        /// SHA-512 of `bytes`, reduced modulo ℓ: the Fiat–Shamir challenge of docs/record.md.
        public static func hashing(_ bytes: [UInt8]) -> Scalar {
            reducing(wide: SHA.sha512(bytes))
        }

        /// A uniformly random scalar from the operating system's secure random source; never zero.
        public static func random() -> Scalar {
            Sodium.ensureInitialised()
            var out = [UInt8](repeating: 0, count: Ristretto255.encodedLength)
            crypto_core_ristretto255_scalar_random(&out)
            return Scalar(unchecked: out)
        }

        /// Zero.
        public static let zero = Scalar(0)
        /// One.
        public static let one = Scalar(1)

        /// Whether this is zero.
        public var isZero: Bool { bytes.allSatisfy { $0 == 0 } }

        /// The sum modulo ℓ.
        public static func + (lhs: Scalar, rhs: Scalar) -> Scalar {
            binary(lhs, rhs, crypto_core_ristretto255_scalar_add)
        }

        /// The difference modulo ℓ.
        public static func - (lhs: Scalar, rhs: Scalar) -> Scalar {
            binary(lhs, rhs, crypto_core_ristretto255_scalar_sub)
        }

        /// The product modulo ℓ.
        public static func * (lhs: Scalar, rhs: Scalar) -> Scalar {
            binary(lhs, rhs, crypto_core_ristretto255_scalar_mul)
        }

        /// The additive inverse modulo ℓ.
        public static prefix func - (value: Scalar) -> Scalar {
            Sodium.ensureInitialised()
            var out = [UInt8](repeating: 0, count: Ristretto255.encodedLength)
            crypto_core_ristretto255_scalar_negate(&out, value.bytes)
            return Scalar(unchecked: out)
        }

        /// The multiplicative inverse modulo ℓ, or nil for zero.
        public var inverse: Scalar? {
            Sodium.ensureInitialised()
            var out = [UInt8](repeating: 0, count: Ristretto255.encodedLength)
            guard crypto_core_ristretto255_scalar_invert(&out, bytes) == 0 else { return nil }
            return Scalar(unchecked: out)
        }

        /// The 64 lowercase hex digits of the canonical encoding.
        public var description: String { Hex.encode(bytes) }

        private static func binary(
            _ lhs: Scalar, _ rhs: Scalar,
            _ operation: (UnsafeMutablePointer<UInt8>, UnsafePointer<UInt8>, UnsafePointer<UInt8>) -> Void
        ) -> Scalar {
            Sodium.ensureInitialised()
            var out = [UInt8](repeating: 0, count: Ristretto255.encodedLength)
            operation(&out, lhs.bytes, rhs.bytes)
            return Scalar(unchecked: out)
        }

        /// ℓ in little-endian bytes.
        private static let order: [UInt8] = [
            0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
        ]

        /// Whether 32 little-endian bytes are less than ℓ.
        private static func isReduced(_ bytes: [UInt8]) -> Bool {
            for index in stride(from: 31, through: 0, by: -1) where bytes[index] != order[index] {
                return bytes[index] < order[index]
            }
            return false
        }
    }
}
