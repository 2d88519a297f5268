import Buurtstem
import BuurtstemCrypto
import Foundation
import Testing

@Suite("Gemeente initialisation")
struct GemeenteTests {
    @Test("init writes a 0600 sealed key whose public key the store holds, and refuses to overwrite")
    func initialise() throws {
        let folder = try temporaryDirectory()
        let db = folder.appendingPathComponent("b.sqlite").path
        let key = Gemeente.defaultKeyPath(forDatabase: db)
        #expect(key.hasSuffix("/b-issuing.key"))
        let result = try Gemeente.initialise(name: "Ede", code: "GM0228", databasePath: db, keyPath: key, passphrase: "geheim wachtwoord")
        let attributes = try FileManager.default.attributesOfItem(atPath: key)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let gemeente = try Store.open(path: db).gemeente()
        #expect(gemeente.code == "GM0228")
        #expect(Hex.encode(gemeente.issuingPublicKey) == result.issuingPublicKey)
        let opened = try KeyFile.unseal(key, expected: try PublicKey(hex: result.issuingPublicKey),
                                        passphrase: Passphrase(environment: ["BUURTSTEM_PASSPHRASE": "geheim wachtwoord"], interactive: false))
        #expect(opened.publicKey.hex == result.issuingPublicKey)
        #expect(throws: BuurtstemError.self) {
            try Gemeente.initialise(name: "Ede", code: "GM0228", databasePath: db, keyPath: key + "2", passphrase: "geheim wachtwoord")
        }
        #expect(throws: BuurtstemError.self) {
            try Gemeente.initialise(name: "Ede", code: "GM0228", databasePath: db + "2", keyPath: key, passphrase: "geheim wachtwoord")
        }
        #expect(!FileManager.default.fileExists(atPath: db + "2"))
    }

    @Test("a wrong passphrase or a missing one is a clear error")
    func passphrases() throws {
        let folder = try temporaryDirectory()
        let key = folder.appendingPathComponent("k.key").path
        let db = folder.appendingPathComponent("k.sqlite").path
        _ = try Gemeente.initialise(name: "Ede", code: "GM0228", databasePath: db, keyPath: key, passphrase: "juist wachtwoord")
        let wrong = #expect(throws: BuurtstemError.self) {
            try KeyFile.unseal(key, passphrase: Passphrase(environment: ["BUURTSTEM_PASSPHRASE": "fout wachtwoord"], interactive: false))
        }
        #expect(wrong?.message.contains("the passphrase in BUURTSTEM_PASSPHRASE does not open \(key)") == true, "\(wrong?.message ?? "")")
        // A wrong kiosk passphrase names the kiosk variable, not the general one.
        let kiosk = #expect(throws: BuurtstemError.self) {
            try KeyFile.unseal(key, passphrase: Passphrase(environment: ["BUURTSTEM_KIOSK_PASSPHRASE": "fout", "BUURTSTEM_PASSPHRASE": "juist wachtwoord"],
                                                           interactive: false, variables: [Passphrase.kioskEnvironmentVariable, Passphrase.environmentVariable]))
        }
        #expect(kiosk?.message.contains("the passphrase in BUURTSTEM_KIOSK_PASSPHRASE does not open") == true, "\(kiosk?.message ?? "")")
        let missing = #expect(throws: BuurtstemError.self) {
            try KeyFile.unseal(key, passphrase: Passphrase(environment: [:], interactive: false))
        }
        #expect(missing?.message.contains("BUURTSTEM_PASSPHRASE") == true)
        chmod(key, 0o644)
        #expect(throws: BuurtstemError.self) {
            try KeyFile.unseal(key, passphrase: Passphrase(environment: ["BUURTSTEM_PASSPHRASE": "juist wachtwoord"], interactive: false))
        }
    }

    @Test("bad names, codes and a missing database are refused")
    func refusals() throws {
        let folder = try temporaryDirectory()
        let db = folder.appendingPathComponent("x.sqlite").path
        #expect(throws: BuurtstemError.self) {
            try Gemeente.initialise(name: "Ede", code: "GM228", databasePath: db, keyPath: db + ".key", passphrase: "geheim wachtwoord")
        }
        #expect(throws: BuurtstemError.self) {
            try Gemeente.initialise(name: " ", code: "GM0228", databasePath: db, keyPath: db + ".key", passphrase: "geheim wachtwoord")
        }
        #expect(!FileManager.default.fileExists(atPath: db))
        #expect(!FileManager.default.fileExists(atPath: db + ".key"))
        #expect(throws: BuurtstemError.self) { try Store.open(path: db) }
    }
}
