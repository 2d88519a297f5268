import BuurtstemCrypto
import BuurtstemRecord

/// What a secret election's checks (format 3) carry from step to step: the definition's encryption fields, the
/// election key once its file is the one the definition names, and every ballot's ciphertexts for the mix's input.
struct SecretRunState {
    /// The definition's `secret_ballot`: Y, t, n, the key file's hash and the width w.
    let ballot: SecretBallot
    /// The election key (Y, t and V_1 … V_n) of `election-key.json`, when it is the file the definition names and
    /// agrees with it; nil otherwise (the decryption then cannot be checked).
    var key: ElectionKey?
    /// Every v3 ballot of the logs, in the order read; ``Run/firstUse`` points at the counted ones.
    var casts: [SecretCast] = []
}

/// A v3 ballot as the mix's input needs it.
struct SecretCast {
    /// The contest area it names.
    let area: String
    /// Its kiosk's index in the kiosks sorted by name (UTF-8 bytes).
    let kiosk: UInt32
    /// Its position in that kiosk's log.
    let sequence: UInt64
    /// Its w ciphertexts.
    let ciphertexts: [ElGamalCiphertext]
    /// Whether its signature and proof hold and it has w ciphertexts: a counted ballot that is not valid is counted
    /// as invalid, not mixed (docs/record.md, "The mix's input and its stages").
    let valid: Bool
}
