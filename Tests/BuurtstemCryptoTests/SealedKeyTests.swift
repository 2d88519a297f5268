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
}
