import BuurtstemCrypto
import Foundation
import GRDB

extension Gemeente {
    /// What `buurtstem init` created.
    public struct Initialised: Sendable, Codable {
        /// The gemeente's CBS code.
        public let code: String
        /// The gemeente's name.
        public let name: String
        /// The database file.
        public let database: String
        /// The sealed issuing key file.
        public let keyFile: String
        /// The issuing public key, hex.
        public let issuingPublicKey: String
    }

    /// Creates a new store at `databasePath` for gemeente `name` (`code` is `GMxxxx`) and a new issuing key,
    /// sealed under `passphrase` at `keyPath`. Refuses to overwrite either file; on failure, leaves neither behind.
    public static func initialise(
        name: String, code: String, databasePath: String, keyPath: String, passphrase: String
    ) throws -> Initialised {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw BuurtstemError(.badInput, "the gemeente needs a name, e.g. Groningen") }
        guard AreaCode.isGemeente(code) else {
            throw BuurtstemError(.badInput, "'\(code)' is not a CBS gemeente code: use GM followed by 4 digits, e.g. GM0014")
        }
        for path in [databasePath, keyPath] where FileManager.default.fileExists(atPath: path) {
            throw BuurtstemError(.alreadyExists, "\(path) already exists; initialising never overwrites. "
                + "Choose a new database (and key) path for a new location, or move the existing files away")
        }
        let key = SigningKey()
        let sealed = try SealedKey(sealing: key, label: "issuing key of gemeente \(name) (\(code))", passphrase: passphrase)
        try KeyFile.write(sealed, to: keyPath)
        do {
            let store = try Store.create(path: databasePath)
            try store.write { db in
                try Gemeente(code: code, name: name, issuingPublicKey: Data(key.publicKey.bytes), createdAt: Date()).insert(db)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: keyPath)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: databasePath + suffix) }
            throw error
        }
        return Initialised(code: code, name: name, database: databasePath, keyFile: keyPath, issuingPublicKey: key.publicKey.hex)
    }

    /// The default key file for a database: next to it, `NAME-issuing.key` for `NAME.sqlite`.
    public static func defaultKeyPath(forDatabase databasePath: String) -> String {
        let url = URL(fileURLWithPath: databasePath)
        return url.deletingPathExtension().path + "-issuing.key"
    }
}
