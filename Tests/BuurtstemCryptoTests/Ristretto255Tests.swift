import BuurtstemCrypto
import Testing

/// The ristretto255 wrapper against RFC 9496's vectors, and the two libsodium pitfalls it must hide.
@Suite("ristretto255")
struct Ristretto255Tests {
    typealias Point = Ristretto255.Point
    typealias Scalar = Ristretto255.Scalar

    /// RFC 9496 appendix A.1: the encodings of 0·B, 1·B, 2·B, 3·B and 4·B.
    static let multiples = [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76",
        "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919",
        "94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259",
        "da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57",
    ]

    /// RFC 9496 appendix A.2: encodings that must be refused (non-canonical field elements, negative values,
    /// non-square x², negative xy, s = -1).
    static let badEncodings = [
        "00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ]

    @Test("the multiples of the generator match RFC 9496")
    func multiplesOfTheGenerator() {
        var sum = Point.identity
        for (index, expected) in Self.multiples.enumerated() {
            #expect(Point.base(Scalar(UInt64(index))).description == expected)
            #expect((Scalar(UInt64(index)) * Point.generator).description == expected)
            #expect(sum.description == expected)
            sum = sum + Point.generator
        }
    }

    @Test("non-canonical and invalid encodings are refused")
    func badEncodingsAreRefused() {
        for encoding in Self.badEncodings {
            #expect(Point(canonical: Hex.decode(encoding)!) == nil, "\(encoding)")
            #expect(Point(canonical: Hex.decode(encoding)!, allowIdentity: true) == nil, "\(encoding)")
        }
        #expect(Point(canonical: [UInt8](repeating: 1, count: 31)) == nil)
    }

    @Test("the identity is refused unless allowed, and multiplication reaching it does not fail")
    func identity() {
        let zero = [UInt8](repeating: 0, count: 32)
        #expect(Point(canonical: zero) == nil)
        #expect(Point(canonical: zero, allowIdentity: true) == .identity)
        #expect((Scalar.zero * Point.generator).isIdentity)
        #expect(Point.base(.zero).isIdentity)
        #expect((Scalar.random() * Point.identity).isIdentity)
        let point = Point.base(.random())
        #expect((point - point).isIdentity)
        #expect(point + (-point) == .identity)
    }

    @Test("scalars of ℓ or more are refused; reduction of wide input is modulo ℓ")
    func scalarReduction() {
        let order = "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010"
        let orderMinusOne = "ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010"
        #expect(Scalar(canonical: Hex.decode(order)!) == nil)
        #expect(Scalar(canonical: [UInt8](repeating: 0xff, count: 32)) == nil)
        let largest = Scalar(canonical: Hex.decode(orderMinusOne)!)
        #expect(largest != nil)
        #expect(largest.map { $0 + .one } == .zero)
        // ℓ + 5 as a 64-byte integer reduces to 5.
        var wide = Hex.decode(order)! + [UInt8](repeating: 0, count: 32)
        wide[0] += 5
        #expect(Scalar.reducing(wide: wide) == Scalar(5))
        // The raw bytes of ℓ + 1 multiply like 1 in libsodium only because it masks the top bit; our scalar
        // never carries such bytes, so ℓ·B is never computed as anything but the identity.
        #expect(Point.base(Scalar.reducing(wide: Hex.decode(order)! + [UInt8](repeating: 0, count: 32))).isIdentity)
    }

    @Test("scalar field laws hold for random values")
    func fieldLaws() throws {
        for _ in 0..<20 {
            let a = Scalar.random(), b = Scalar.random(), c = Scalar.random()
            #expect((a + b) * c == a * c + b * c)
            #expect(a - a == .zero)
            #expect(a + (-a) == .zero)
            let inverse = try #require(a.inverse)
            #expect(a * inverse == .one)
            // Multiplication distributes over the group: (a + b)·P = a·P + b·P and (a·b)·B = a·(b·B).
            let point = Point.base(c)
            #expect((a + b) * point == a * point + b * point)
            #expect(Point.base(a * b) == a * Point.base(b))
        }
        #expect(Scalar.zero.inverse == nil)
    }

    @Test("the one-way map gives valid, distinct points")
    func hashToGroup() {
        let first = Point.hashing(Array("buurtstem generator 1".utf8))
        let second = Point.hashing(Array("buurtstem generator 2".utf8))
        #expect(first != second)
        #expect(Point(canonical: first.bytes) == first)
        #expect(!first.isIdentity)
    }
}

/// ElGamal on ristretto255: encryption, re-encryption and decryption agree; bytes round-trip and refuse bad halves.
@Suite("ElGamal")
struct ElGamalTests {
    @Test("decrypting an encryption and a re-encryption gives the message back")
    func roundTrip() {
        let secret = Ristretto255.Scalar.random()
        let publicKey = Ristretto255.Point.base(secret)
        let message = Ristretto255.Point.hashing(Array("stem".utf8))
        let ciphertext = ElGamalCiphertext.encrypt(message, publicKey: publicKey, randomness: .random())
        let mixed = ciphertext.reencrypted(publicKey: publicKey, randomness: .random())
        #expect(mixed != ciphertext)
        #expect(ciphertext.decrypted(secretKey: secret) == message)
        #expect(mixed.decrypted(secretKey: secret) == message)
        #expect(ElGamalCiphertext(bytes: mixed.bytes) == mixed)
    }

    @Test("a ciphertext whose α is the identity or not canonical is refused")
    func refusedBytes() {
        let beta = Ristretto255.Point.generator.bytes
        #expect(ElGamalCiphertext(bytes: [UInt8](repeating: 0, count: 32) + beta) == nil)
        #expect(ElGamalCiphertext(bytes: [UInt8](repeating: 0xff, count: 32) + beta) == nil)
        #expect(ElGamalCiphertext(bytes: beta) == nil)
    }
}
