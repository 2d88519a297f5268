import BuurtstemCrypto
import BuurtstemRecord
import Foundation

extension Trustees {
    /// What `decrypt` wrote.
    public struct Decrypted: Sendable, Encodable {
        /// The decryption share file.
        public let file: String
        /// The trustee's index.
        public let trustee: Int
        /// How many ciphertexts.
        public let ciphertexts: Int
    }

    /// What `combineDecryption` wrote.
    public struct DecryptionCombined: Sendable, Encodable {
        /// The plaintext file.
        public let file: String
        /// The trustees whose shares were used.
        public let trustees: [Int]
        /// Shares left out, and why.
        public let excluded: [String]
        /// How many plaintexts.
        public let plaintexts: Int
    }

    /// The key share sealed at `shareFile`, opened and matched to its trustee's verification key in `electionKey`.
    public static func openKeyShare(_ shareFile: String, electionKey: ElectionKey, electionKeyFile: String,
                                    passphrase: Passphrase) throws -> TrusteeKeyShare {
        let sealed = try KeyFile.unseal(shareFile, passphrase: passphrase)
        guard let secret = Ristretto255.Scalar(canonical: sealed.seed),
              let index = electionKey.verificationKeys.firstIndex(of: .base(secret)),
              let share = TrusteeKeyShare(index: index + 1, secret: secret, electionKey: electionKey)
        else {
            throw UsageError("the key share in \(shareFile) belongs to no trustee of \(electionKeyFile): use the share.key that "
                + "'buurtstem trustee receive' wrote for this election, and the election-key.json combined from the same dealings")
        }
        return share
    }

    /// Trustee `keyShare`'s decryption share of `ciphertexts` under `context`: the library call the election's
    /// decryption step makes.
    public static func decryptionShare(of ciphertexts: [ElGamalCiphertext], context: [UInt8], keyShare: TrusteeKeyShare) -> DecryptionShare {
        DecryptionShare.make(ciphertexts, keyShare: keyShare, context: context)
    }

    /// The plaintexts of `ciphertexts` from `shares`: throws `ThresholdDecryptionError.tooFewShares` with fewer than
    /// t valid shares.
    public static func plaintexts(of ciphertexts: [ElGamalCiphertext], context: [UInt8], shares: [DecryptionShare],
                                  electionKey: ElectionKey) throws(ThresholdDecryptionError) -> ThresholdDecryption.Outcome {
        try ThresholdDecryption.combine(ciphertexts, shares: shares, electionKey: electionKey, context: context)
    }

    /// The decryption share of the trustee whose sealed key share is at `shareFile`, for the list at
    /// `ciphertextsFile`, written to `out`.
    public static func decrypt(electionKeyFile: String, shareFile: String, ciphertextsFile: String, passphrase: Passphrase,
                               out: String) throws -> Decrypted {
        let key = try TrusteeFiles.read(ElectionKeyFile.self, electionKeyFile, what: "the election key")
        let list = try ciphertextList(ciphertextsFile, election: key.election)
        let keyShare = try openKeyShare(shareFile, electionKey: key.key, electionKeyFile: electionKeyFile, passphrase: passphrase)
        let share = decryptionShare(of: list.ciphertexts, context: Array(list.context.utf8), keyShare: keyShare)
        try AtomicFile.write(TrusteeFileJSON.encode(DecryptionShareFile(election: key.election, context: list.context, share: share)), to: out)
        return Decrypted(file: out, trustee: keyShare.index, ciphertexts: list.ciphertexts.count)
    }

    /// The plaintexts of the list at `ciphertextsFile` from the decryption shares in `sharesFolder`, written to `out`.
    public static func combineDecryption(electionKeyFile: String, ciphertextsFile: String, sharesFolder: String,
                                         out: String) throws -> DecryptionCombined {
        let key = try TrusteeFiles.read(ElectionKeyFile.self, electionKeyFile, what: "the election key")
        let list = try ciphertextList(ciphertextsFile, election: key.election)
        var shares: [DecryptionShare] = []
        for (path, file) in try TrusteeFiles.files(DecryptionShareFile.self, format: DecryptionShareFile.formatName,
                                                   in: sharesFolder, option: "--shares") {
            guard file.election == key.election, file.context == list.context else {
                throw TrusteeFileError(file: path, field: "context",
                                       "the share is of another list (election '\(file.election)', context '\(file.context)'): trustee \(file.share.trustee) decrypts \(ciphertextsFile) again")
            }
            shares.append(file.share)
        }
        let outcome: ThresholdDecryption.Outcome
        do {
            outcome = try plaintexts(of: list.ciphertexts, context: Array(list.context.utf8), shares: shares, electionKey: key.key)
        } catch {
            throw UsageError("\(sharesFolder): \(error.description)")
        }
        let excluded = outcome.excluded.map(\.description)
        try AtomicFile.write(TrusteeFileJSON.encode(PlaintextListFile(election: key.election, context: list.context, trustees: outcome.trustees,
                                                                      excluded: excluded, plaintexts: outcome.plaintexts)), to: out)
        return DecryptionCombined(file: out, trustees: outcome.trustees, excluded: excluded, plaintexts: outcome.plaintexts.count)
    }

    /// The ciphertext list at `path`, which must be of `election`.
    private static func ciphertextList(_ path: String, election: String) throws -> CiphertextListFile {
        let list = try TrusteeFiles.read(CiphertextListFile.self, path, what: "the ciphertext list")
        guard list.election == election else {
            throw TrusteeFileError(file: path, field: "election", "the list is of election '\(list.election)', the key of '\(election)': give the matching files")
        }
        return list
    }
}
