import BuurtstemCrypto
import Testing

/// Known-answer tests: the wrapper must reproduce the published vectors byte for byte.
@Suite("Known answers")
struct KnownAnswerTests {
    /// RFC 8032 section 7.1, TEST 1-3: seed, public key, message, signature.
    static let ed25519Vectors: [(seed: String, publicKey: String, message: String, signature: String)] = [
        ("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
         "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        ("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
         "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        ("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
         "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
         "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
    ]

    @Test("RFC 8032 Ed25519 vectors", arguments: 0..<3)
    func ed25519(index: Int) throws {
        let vector = Self.ed25519Vectors[index]
        let key = try SigningKey(seed: Hex.decode(vector.seed)!)
        let message = Hex.decode(vector.message)!
        #expect(key.publicKey.hex == vector.publicKey)
        let signature = key.signature(for: message)
        #expect(signature.hex == vector.signature)
        #expect(key.publicKey.isValidSignature(signature, for: message))
    }

    @Test("a signature fails on another message, another key, or a flipped bit")
    func signatureRejection() throws {
        let key = SigningKey()
        let message: [UInt8] = Array("stem op project 7".utf8)
        let signature = key.signature(for: message)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(signature, for: message + [0]))
        #expect(!SigningKey().publicKey.isValidSignature(signature, for: message))
        for bit in [0, 100, 511] {
            var bytes = signature.bytes
            bytes[bit / 8] ^= UInt8(1 << (bit % 8))
            #expect(!key.publicKey.isValidSignature(try Signature(bytes: bytes), for: message))
        }
    }

    @Test("FIPS 180-2 SHA-256 and SHA-512 vectors")
    func sha() {
        #expect(Hex.encode(SHA.sha256([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Hex.encode(SHA.sha256(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hex.encode(SHA.sha256(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Hex.encode(SHA.sha512([]))
            == "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")
        #expect(Hex.encode(SHA.sha512(Array("abc".utf8)))
            == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
    }

    @Test("incremental SHA-256 equals one-shot SHA-256 (one million 'a')")
    func incremental() {
        var hasher = SHA256Hasher()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(Hex.encode(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("derived keys depend on secret and domain, and are reproducible")
    func derivation() {
        let secret = [UInt8](repeating: 7, count: 16)
        let a = SigningKey(derivingFrom: secret, domain: "buurtstem/stempas/v1")
        #expect(a.publicKey == SigningKey(derivingFrom: secret, domain: "buurtstem/stempas/v1").publicKey)
        #expect(a.publicKey != SigningKey(derivingFrom: secret, domain: "buurtstem/other/v1").publicKey)
        #expect(a.publicKey != SigningKey(derivingFrom: secret + [0], domain: "buurtstem/stempas/v1").publicKey)
    }

    @Test("wrong lengths are errors, not crashes")
    func lengths() {
        #expect(throws: CryptoError.self) { try SigningKey(seed: [1, 2, 3]) }
        #expect(throws: CryptoError.self) { try PublicKey(bytes: []) }
        #expect(throws: CryptoError.self) { try Signature(hex: "abc") }
        #expect(Hex.decode("zz") == nil)
        #expect(SecureRandom.bytes(count: 32) != SecureRandom.bytes(count: 32))
    }
}
