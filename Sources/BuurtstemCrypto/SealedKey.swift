internal import CSodium

/// A signing key sealed under a passphrase: Argon2id (`crypto_pwhash`) derives a key that encrypts the seed
/// with XSalsa20-Poly1305 (`crypto_secretbox`).
///
/// The text form is a few `name: value` lines, so a person can see what a key file is and whose public key it
/// holds without the passphrase:
///
/// ```
/// buurtstem-sealed-key: 1
/// label: gemeente issuing key GM0228
/// public-key: <64 hex>
/// kdf: argon2id13 ops=2 mem=67108864
/// salt: <32 hex>
/// nonce: <48 hex>
/// sealed: <(32 + 16) * 2 hex>
/// ```
public struct SealedKey: Sendable, Equatable {
    /// What the key is for, shown to people.
    public let label: String
    /// The public key, readable without the passphrase.
    public let publicKey: PublicKey
    /// Argon2id operations limit used when sealing.
    public let opsLimit: UInt64
    /// Argon2id memory limit in bytes used when sealing.
    public let memLimit: UInt64
    let salt: [UInt8]
    let nonce: [UInt8]
    let sealed: [UInt8]

    /// How hard the passphrase is to guess-and-check: libsodium's "interactive" Argon2id parameters
    /// (2 passes over 64 MiB), about a tenth of a second on a laptop.
    public static let defaultOpsLimit = UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE)
    /// See ``defaultOpsLimit``.
    public static let defaultMemLimit = UInt64(crypto_pwhash_MEMLIMIT_INTERACTIVE)

    /// The Argon2id passes a key file may ask for: libsodium's minimum up to 4 × its "sensitive" setting.
    public static let opsRange = UInt64(crypto_pwhash_OPSLIMIT_MIN)...UInt64(4 * crypto_pwhash_OPSLIMIT_SENSITIVE)
    /// The Argon2id memory a key file may ask for, in bytes: libsodium's minimum (8 KiB) up to its "sensitive" 1 GiB.
    public static let memRange = UInt64(crypto_pwhash_MEMLIMIT_MIN)...UInt64(crypto_pwhash_MEMLIMIT_SENSITIVE)

    /// The shortest passphrase accepted when sealing.
    public static let minimumPassphraseLength = 8

    /// Seals `key` under `passphrase`.
    public init(sealing key: SigningKey, label: String, passphrase: String) throws(CryptoError) {
        guard passphrase.utf8.count >= Self.minimumPassphraseLength else {
            throw CryptoError(.wrongPassphrase,
                              "the passphrase is too short: use at least \(Self.minimumPassphraseLength) characters")
        }
        Sodium.ensureInitialised()
        let salt = SecureRandom.bytes(count: Int(crypto_pwhash_SALTBYTES))
        let nonce = SecureRandom.bytes(count: Int(crypto_secretbox_NONCEBYTES))
        let boxKey = try Self.deriveKey(passphrase, salt: salt, ops: Self.defaultOpsLimit, mem: Self.defaultMemLimit)
        var sealed = [UInt8](repeating: 0, count: key.seed.count + Int(crypto_secretbox_MACBYTES))
        _ = crypto_secretbox_easy(&sealed, key.seed, UInt64(key.seed.count), nonce, boxKey)
        self.label = label
        self.publicKey = key.publicKey
        self.opsLimit = Self.defaultOpsLimit
        self.memLimit = Self.defaultMemLimit
        self.salt = salt
        self.nonce = nonce
        self.sealed = sealed
    }

    /// Opens the sealed key; a wrong passphrase (or a damaged file) is a `wrongPassphrase` error.
    public func open(passphrase: String) throws(CryptoError) -> SigningKey {
        let boxKey = try Self.deriveKey(passphrase, salt: salt, ops: opsLimit, mem: memLimit)
        var seed = [UInt8](repeating: 0, count: sealed.count - Int(crypto_secretbox_MACBYTES))
        guard crypto_secretbox_open_easy(&seed, sealed, UInt64(sealed.count), nonce, boxKey) == 0 else {
            throw CryptoError(.wrongPassphrase,
                              "the passphrase does not open the \(label)")
        }
        let key = try SigningKey(seed: seed)
        guard key.publicKey == publicKey else {
            throw CryptoError(.malformedKeyFile, "the \(label) file was altered: its public key does not match the sealed key")
        }
        return key
    }

    private static func deriveKey(_ passphrase: String, salt: [UInt8], ops: UInt64, mem: UInt64) throws(CryptoError) -> [UInt8] {
        var key = [UInt8](repeating: 0, count: Int(crypto_secretbox_KEYBYTES))
        let length = UInt64(passphrase.utf8.count)
        let status = passphrase.withCString { password in
            crypto_pwhash(&key, UInt64(key.count), password, length, salt, ops, Int(mem), crypto_pwhash_ALG_ARGON2ID13)
        }
        guard status == 0 else {
            throw CryptoError(.system, "not enough memory to derive the key from the passphrase (Argon2id needs \(mem / 1_048_576) MiB)")
        }
        return key
    }

    // MARK: - Text form

    private static let magic = "buurtstem-sealed-key"

    /// The file's text.
    public var text: String {
        """
        \(Self.magic): 1
        label: \(label)
        public-key: \(publicKey.hex)
        kdf: argon2id13 ops=\(opsLimit) mem=\(memLimit)
        salt: \(Hex.encode(salt))
        nonce: \(Hex.encode(nonce))
        sealed: \(Hex.encode(sealed))

        """
    }

    /// Reads the text form; errors name the line that is wrong.
    public init(text: String) throws(CryptoError) {
        var fields: [String: String] = [:]
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmed
            if trimmed.isEmpty { continue }
            guard let colon = trimmed.firstIndex(of: ":") else {
                throw CryptoError(.malformedKeyFile, "line \(number + 1) of the key file is not 'name: value'")
            }
            fields[String(trimmed[..<colon])] = trimmed[trimmed.index(after: colon)...].trimmed
        }
        guard fields[Self.magic] == "1" else {
            throw CryptoError(.malformedKeyFile, "this is not a Buurtstem sealed key file (version 1): its first line should be '\(Self.magic): 1'")
        }
        func field(_ name: String) throws(CryptoError) -> String {
            guard let value = fields[name] else { throw CryptoError(.malformedKeyFile, "the key file has no '\(name):' line") }
            return value
        }
        func hexField(_ name: String, count: Int) throws(CryptoError) -> [UInt8] {
            guard let bytes = Hex.decode(try field(name)), bytes.count == count else {
                throw CryptoError(.malformedKeyFile, "the key file's '\(name):' line should hold \(count * 2) hex characters")
            }
            return bytes
        }
        let kdf = try field("kdf").split(separator: " ")
        guard kdf.count == 3, kdf[0] == "argon2id13", kdf[1].hasPrefix("ops="), kdf[2].hasPrefix("mem="),
              let ops = UInt64(kdf[1].dropFirst(4)), let mem = UInt64(kdf[2].dropFirst(4))
        else { throw CryptoError(.malformedKeyFile, "the key file's 'kdf:' line should read 'argon2id13 ops=N mem=N'") }
        // Bounds, so a damaged or hostile file cannot make unsealing run for hours or ask for no memory at all.
        guard Self.opsRange.contains(ops) else {
            throw CryptoError(.malformedKeyFile, "the key file's 'kdf:' ops=\(ops) is outside \(Self.opsRange.lowerBound)...\(Self.opsRange.upperBound): "
                + "the file is damaged or was not made by Buurtstem; restore it from its backup")
        }
        guard Self.memRange.contains(mem) else {
            throw CryptoError(.malformedKeyFile, "the key file's 'kdf:' mem=\(mem) is outside \(Self.memRange.lowerBound)...\(Self.memRange.upperBound) bytes: "
                + "the file is damaged or was not made by Buurtstem; restore it from its backup")
        }
        self.label = try field("label")
        self.publicKey = try PublicKey(bytes: try hexField("public-key", count: PublicKey.byteCount))
        self.opsLimit = ops
        self.memLimit = mem
        self.salt = try hexField("salt", count: Int(crypto_pwhash_SALTBYTES))
        self.nonce = try hexField("nonce", count: Int(crypto_secretbox_NONCEBYTES))
        self.sealed = try hexField("sealed", count: SigningKey.seedByteCount + Int(crypto_secretbox_MACBYTES))
    }
}

extension StringProtocol {
    /// The text without leading and trailing blanks.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
