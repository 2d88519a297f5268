import Foundation
import BuurtstemCrypto
import Testing

@Suite("Sealed keys")
struct SealedKeyTests {
    @Test("a sealed key opens with its passphrase, from its text form, and gives the same key")
    func roundTrip() throws {
        let key = SigningKey()
        let sealed = try SealedKey(sealing: key, label: "test key", passphrase: "lang genoeg wachtwoord")
        let reread = try SealedKey(text: sealed.text)
        #expect(reread == sealed)
        #expect(reread.publicKey == key.publicKey)
        #expect(try reread.open(passphrase: "lang genoeg wachtwoord").seed == key.seed)
        #expect(!sealed.text.contains(Hex.encode(key.seed)))
    }

    @Test("a wrong passphrase is a clear error")
    func wrongPassphrase() throws {
        let sealed = try SealedKey(sealing: SigningKey(), label: "issuing key", passphrase: "eerste wachtwoord")
        let error = #expect(throws: CryptoError.self) { try sealed.open(passphrase: "tweede wachtwoord") }
        #expect(error?.kind == .wrongPassphrase)
        #expect(error?.message.contains("passphrase does not open the issuing key") == true)
    }

    @Test("short passphrases and damaged files are refused")
    func refusals() throws {
        #expect(throws: CryptoError.self) { try SealedKey(sealing: SigningKey(), label: "k", passphrase: "kort") }
        let text = try SealedKey(sealing: SigningKey(), label: "k", passphrase: "lang genoeg").text
        #expect(throws: CryptoError.self) { try SealedKey(text: "hello") }
        #expect(throws: CryptoError.self) { try SealedKey(text: text.replacingOccurrences(of: "salt: ", with: "salt: 00")) }
        // A swapped public key line is caught when opening.
        let other = SigningKey().publicKey.hex
        let lines = text.split(separator: "\n").map { $0.hasPrefix("public-key:") ? "public-key: \(other)" : String($0) }
        let tampered = try SealedKey(text: lines.joined(separator: "\n"))
        #expect(throws: CryptoError.self) { try tampered.open(passphrase: "lang genoeg") }
    }

    @Test("kdf parameters out of bounds are refused before any work", arguments: [
        ("ops=4294967295 mem=67108864", "ops=4294967295 is outside"), ("ops=2 mem=0", "mem=0 is outside"),
        ("ops=0 mem=67108864", "ops=0 is outside"), ("ops=2 mem=18446744073709551615", "is outside"),
        ("ops=2 mem=abc", "should read 'argon2id13 ops=N mem=N'"),
    ])
    func kdfBounds(kdf: String, expected: String) throws {
        let text = try SealedKey(sealing: SigningKey(), label: "k", passphrase: "lang genoeg").text
        let lines = text.split(separator: "\n").map { $0.hasPrefix("kdf:") ? "kdf: argon2id13 \(kdf)" : String($0) }
        let error = #expect(throws: CryptoError.self) { try SealedKey(text: lines.joined(separator: "\n")) }
        #expect(error?.kind == .malformedKeyFile)
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
    }
}
