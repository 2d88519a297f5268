import BuurtstemCrypto
import BuurtstemRecord

/// The trustees' key ceremony as people run it, each on their own machine, exchanging files only (docs/trustees.md):
/// `initialise` (a trustee's sealed key and card), `makeCeremony` (the coordinator), `deal` and `receive` (each
/// trustee), `combine` (anyone), then `TrusteeDecryption` (each of t trustees, `trustee decrypt`).
public enum Trustees {
    /// The label of a trustee's sealed key file.
    static func keyLabel(name: String) -> String {
        "trustee key of \(name)"
    }

    /// Opens the trustee key sealed at `path`.
    static func unsealKeys(_ path: String, passphrase: Passphrase) throws -> TrusteeKeys {
        TrusteeKeys(signingKey: try KeyFile.unseal(path, passphrase: passphrase))
    }
}
