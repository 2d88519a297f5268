import BuurtstemCrypto
import Foundation

/// Sealed key files on disk: created with mode 0600, never overwritten, flushed before they count as written.
public enum KeyFile {
    /// Writes `key` to a new file at `path` with mode 0600; fails if the file exists. The file appears whole or
    /// not at all (`AtomicFile`).
    public static func write(_ key: SealedKey, to path: String) throws {
        try AtomicFile.write(Array(key.text.utf8), to: path, mode: 0o600, replace: false)
    }

    /// Reads a sealed key file, refusing one that others may read.
    public static func read(_ path: String) throws -> SealedKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BuurtstemError(.fileSystem, "cannot read the key file \(path): check the path and that it exists")
        }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
            throw BuurtstemError(.fileSystem, "the key file \(path) can be read by others (mode \(String(info.st_mode & 0o777, radix: 8))); "
                + "run 'chmod 600 \(path)' and try again")
        }
        do {
            return try SealedKey(text: String(decoding: data, as: UTF8.self))
        } catch {
            throw BuurtstemError(.badInput, "\(path): \(error.message)")
        }
    }

    /// Reads and opens the key at `path`, asking for its passphrase; checks it is the key `expected` names.
    public static func unseal(_ path: String, expected: PublicKey? = nil, passphrase: Passphrase) throws -> SigningKey {
        let sealed = try read(path)
        if let expected, sealed.publicKey != expected {
            throw BuurtstemError(.keys, "the key file \(path) holds key \(sealed.publicKey.hex.prefix(16))..., "
                + "not the one this database expects (\(expected.hex.prefix(16))...): use the right key file")
        }
        let secret = try passphrase.obtain(purpose: sealed.label, confirm: false)
        do {
            return try sealed.open(passphrase: secret)
        } catch where error.kind == .wrongPassphrase {
            throw BuurtstemError(.keys, "\(passphrase.source) does not open \(path) (the \(sealed.label)): check it, or retype it")
        } catch {
            throw BuurtstemError(.badInput, error.message)
        }
    }
}
