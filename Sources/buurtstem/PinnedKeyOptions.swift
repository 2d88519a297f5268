import ArgumentParser
import BuurtstemCrypto

/// The gemeente's issuing key a household pins for its own checks (receipt, pass, cheque): taken from the
/// gemeente's website, the raad's papers or the letter, never from the record being checked.
struct PinnedKeyOptions: ParsableArguments {
    @Option(name: .customLong("issuing-key"), help: ArgumentHelp(
        "The gemeente's published issuing public key (64 hex characters), from its website or your letter.", valueName: "HEX"))
    var issuingKey: String?

    /// The pinned key; an error that says where to find it when none (or a malformed one) was given.
    func key() throws -> PublicKey {
        guard let issuingKey else {
            throw ValidationError("give the gemeente's published issuing key with --issuing-key HEX (from the gemeente's website or your letter): "
                + "without it, anyone could hand you a record of their own making")
        }
        do {
            return try PublicKey(hex: issuingKey.trimmingCharacters(in: .whitespaces))
        } catch {
            throw ValidationError("--issuing-key: \(error.message). Give the gemeente's published issuing public key as 64 hex characters.")
        }
    }
}
