import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// A voting kiosk of an election: its name, its public key (which signs its log's checkpoints) and where its
/// sealed private key is.
public struct Kiosk: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    /// The election.
    public var electionId: String
    /// The kiosk's name, e.g. `bibliotheek`.
    public var name: String
    /// The kiosk's Ed25519 public key.
    public var publicKey: Data
    /// The gemeente's signature on the registration.
    public var registrationSignature: Data
    /// Path of the sealed kiosk key file.
    public var keyFile: String
    /// The contest area it serves, or nil for every area of the election.
    public var area: String?
    /// Whether its log is closed (final checkpoint written).
    public var closed: Bool

    public static let databaseTableName = "kiosk"

    /// The signed registration.
    public var registration: KioskRegistration {
        get throws {
            KioskRegistration(election: electionId, name: name, kiosk: try PublicKey(bytes: [UInt8](publicKey)),
                              signature: try Signature(bytes: [UInt8](registrationSignature)))
        }
    }

    /// Adds kiosk `name` to `electionId`: a new key sealed under `passphrase` at `keyFile` (mode 0600), registered
    /// with the gemeente's signature. Only before the polls open.
    public static func add(election electionId: String, name: String, area: String? = nil, keyFile: String,
                           passphrase: String, issuingKey: SigningKey, store: Store) throws -> Kiosk {
        guard ElectionFile.isIdentifier(name), !name.contains(".") else {
            throw BuurtstemError(.badInput, "'\(name)' is not a kiosk name: use letters, digits, '-' and '_'")
        }
        let election = try store.election(electionId)
        guard election.state == .created || election.state == .issued else {
            throw BuurtstemError(.wrongState, "the polls of '\(electionId)' are already \(election.state.rawValue); kiosks are added before the polls open")
        }
        guard issuingKey.publicKey == (try store.issuingPublicKey()) else {
            throw BuurtstemError(.keys, "the issuing key given is not this gemeente's; use the key file made when the gemeente was initialised")
        }
        if let published = try store.prePublication(election: electionId) {
            throw BuurtstemError(.wrongState, "'\(electionId)' was pre-published (fingerprint \(published.prePublication.fingerprint)) with its kiosks fixed; "
                + "a kiosk added now would fail every pinned verification. Use one of the published kiosks")
        }
        if let area, try election.decodedDefinition().contest(for: area) == nil {
            throw BuurtstemError(.notFound, "'\(area)' has no contest in '\(electionId)'; a kiosk's area must be one of the election's contest areas")
        }
        if try store.read({ try Kiosk.exists($0, key: ["electionId": electionId, "name": name]) }) {
            throw BuurtstemError(.alreadyExists, "election '\(electionId)' already has a kiosk '\(name)'; choose another name")
        }
        let key = SigningKey()
        let registration = KioskRegistration(election: electionId, name: name, kiosk: key.publicKey, issuingKey: issuingKey)
        try KeyFile.write(try SealedKey(sealing: key, label: "key of kiosk \(name) (\(electionId))", passphrase: passphrase), to: keyFile)
        let kiosk = Kiosk(electionId: electionId, name: name, publicKey: Data(key.publicKey.bytes),
                          registrationSignature: Data(registration.signature.bytes), keyFile: keyFile, area: area, closed: false)
        do {
            try store.write { db in try kiosk.insert(db) }
        } catch {
            try? FileManager.default.removeItem(atPath: keyFile)
            throw error
        }
        return kiosk
    }

    /// The default key file of a kiosk: next to the database.
    public static func defaultKeyPath(database: String, election: String, name: String) -> String {
        URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("kiosk-\(election)-\(name).key").path
    }
}

extension Store {
    /// Kiosk `name` of `election`, with a clear error when there is none.
    public func kiosk(election: String, name: String) throws -> Kiosk {
        guard let kiosk = try read({ try Kiosk.fetchOne($0, key: ["electionId": election, "name": name]) }) else {
            let known = try read { try String.fetchAll($0, sql: "SELECT name FROM kiosk WHERE electionId = ? ORDER BY name", arguments: [election]) }
            throw BuurtstemError(.notFound, "election '\(election)' has no kiosk '\(name)'" + (known.isEmpty ? "; add one" : "; its kiosks: \(known.joined(separator: ", "))"),
                                 remedy: known.isEmpty ? .addKiosk(election: election) : nil)
        }
        return kiosk
    }

    /// The kiosks of `election`, by name.
    public func kiosks(election: String) throws -> [Kiosk] {
        try read { try Kiosk.filter(Column("electionId") == election).order(Column("name")).fetchAll($0) }
    }
}
