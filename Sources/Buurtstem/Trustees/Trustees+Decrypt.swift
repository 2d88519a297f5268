import BuurtstemCrypto
import BuurtstemRecord
import Foundation

extension Trustees {
    /// The key share sealed at `shareFile`, opened and matched to its trustee's verification key in `electionKey`.
    public static func openKeyShare(_ shareFile: String, electionKey: ElectionKey, electionKeyFile: String,
                                    passphrase: Passphrase) throws -> TrusteeKeyShare {
        let sealed = try KeyFile.unseal(shareFile, passphrase: passphrase)
        guard let secret = Ristretto255.Scalar(canonical: sealed.seed),
              let index = electionKey.verificationKeys.firstIndex(of: .base(secret)),
              let share = TrusteeKeyShare(index: index + 1, secret: secret, electionKey: electionKey)
        else {
            throw BuurtstemError(.keys, "the key share in \(shareFile) belongs to no trustee of \(electionKeyFile): use the share.key that "
                + "was written when the trustee received its shares for this election, and the election-key.json combined from the same dealings")
        }
        return share
    }

    /// Trustee `keyShare`'s decryption share of `ciphertexts` under `context` (`buurtstem trustee decrypt`).
    public static func decryptionShare(of ciphertexts: [ElGamalCiphertext], context: [UInt8], keyShare: TrusteeKeyShare) -> DecryptionShare {
        DecryptionShare.make(ciphertexts, keyShare: keyShare, context: context)
    }
}
